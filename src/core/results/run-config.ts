/**
 * The experiment config a results object was made with, read back safely (results carry it
 * verbatim, typed unknown, and an imported file may hold anything), and the settings in it
 * that differ from the defaults.
 */
import { dataUrlProblem } from '../config/data-url';
import { DEFAULT_CONFIG } from '../config/defaults';
import type { ExperimentConfig } from '../config/experiment';
import { FIELDS } from '../config/fields';
import { getPath, normalizeConfig } from '../config/normalize';

export interface RunConfig {
  /** Every field validated and clamped (defaults where the stored config lacks one). */
  readonly config: ExperimentConfig;
  /** Set when the link cannot bring the same data along (a local file). */
  readonly dataNote: string | null;
}

/** Reads a stored config: field by field through the field table, then the data source. */
export function runConfigOf(stored: unknown): RunConfig {
  const { config } = normalizeConfig(stored);
  const data = getPath(stored, ['data']) as { kind?: unknown; url?: unknown; name?: unknown } | undefined;
  if (data?.kind === 'url' && typeof data.url === 'string' && dataUrlProblem(data.url) === null)
    return { config: { ...config, data: { kind: 'url', url: data.url } }, dataNote: null };
  if (data?.kind === 'file' && typeof data.name === 'string')
    return {
      config: { ...config, data: { kind: 'file', name: data.name } },
      dataNote: `The run used the local file ${data.name}: the link restores the settings, and the file has to be loaded by hand.`,
    };
  return { config, dataNote: null };
}

const valueText = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : String(v));

/** Every field whose value differs from the default: its words, URL key, value and default. */
export function nonDefaultFields(
  config: ExperimentConfig,
): { label: string; key: string; value: string; defaultValue: string }[] {
  return FIELDS.flatMap((f) => {
    const value = getPath(config, f.path);
    const def = getPath(DEFAULT_CONFIG, f.path);
    if (value === undefined || valueText(value) === valueText(def)) return [];
    const label = f.help.charAt(0).toUpperCase() + f.help.slice(1);
    return [{ label, key: f.key, value: valueText(value), defaultValue: valueText(def) }];
  });
}
