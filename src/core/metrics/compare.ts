/**
 * Comparison of finished runs (the history's Compare view), pure: per grouping, channel and
 * segment, every run's AP side by side with its absolute and relative change against a reference
 * run (the pinned baseline) on the same grouping, channel and segment; and the configuration
 * fields whose values differ between the runs. Undefined stays null ("n/a"), never 0.
 */
import { FIELDS } from '../config/fields';
import { getPath } from '../config/normalize';
import type { Source } from '../data/schema';
import type { ExperimentResults, Metric } from '../results/results-types';
import { CHANNELS, type SegmentId } from './segments';

export interface CompareRun {
  readonly id: string;
  readonly results: ExperimentResults;
}

export interface CompareCell {
  readonly runId: string;
  /** False when this run did not train the grouping (its AP is then null as well). */
  readonly trained: boolean;
  readonly ap: Metric;
  /** ap - reference ap; null when either is undefined. */
  readonly delta: Metric;
  /** (ap - reference ap) / reference ap; null when either is undefined or the reference is 0. */
  readonly rel: Metric;
}

export interface CompareRow {
  readonly grouping: string;
  readonly label: string;
  readonly channel: Source;
  readonly segment: SegmentId;
  /** One cell per run, in the order the runs were given. */
  readonly cells: readonly CompareCell[];
}

/** Overall and less-streamed AP: the two numbers the paper's argument rests on. */
export const DEFAULT_COMPARE_SEGMENTS: readonly SegmentId[] = ['all', 'less-streamed'];

/** A run's AP on one grouping/channel/segment, or undefined when the run lacks the grouping. */
function apOf(run: CompareRun, grouping: string, channel: Source, segment: SegmentId): Metric | undefined {
  const g = run.results.groupings.find((x) => x.id === grouping);
  return g ? (g.segments[channel][segment]?.ap ?? null) : undefined;
}

/**
 * Rows of the comparison table: groupings in first-seen order (reference run first), then
 * channels (promotions, ads), then `segments`. A grouping the reference run lacks has n/a deltas.
 */
export function compareRows(
  runs: readonly CompareRun[],
  referenceId: string,
  segments: readonly SegmentId[] = DEFAULT_COMPARE_SEGMENTS,
): CompareRow[] {
  const reference = runs.find((r) => r.id === referenceId);
  const ordered = reference ? [reference, ...runs.filter((r) => r !== reference)] : runs;
  const groupings = new Map<string, string>();
  for (const run of ordered)
    for (const g of run.results.groupings) if (!groupings.has(g.id)) groupings.set(g.id, g.label);
  const rows: CompareRow[] = [];
  for (const [grouping, label] of groupings)
    for (const channel of CHANNELS)
      for (const segment of segments) {
        const ref = reference ? (apOf(reference, grouping, channel, segment) ?? null) : null;
        const cells = runs.map((run): CompareCell => {
          const own = apOf(run, grouping, channel, segment);
          const ap = own ?? null;
          const delta = ap === null || ref === null ? null : ap - ref;
          const rel = delta === null || ref === 0 || ref === null ? null : delta / ref;
          return { runId: run.id, trained: own !== undefined, ap, delta, rel };
        });
        rows.push({ grouping, label, channel, segment, cells });
      }
  return rows;
}

export interface ConfigDiffRow {
  /** The field table's key ('seed', 'lr', ...), or 'data' for the data source. */
  readonly key: string;
  /** The field table's description of the field. */
  readonly label: string;
  /** The value in each config, in order, as text ('—' when the config has no such value). */
  readonly values: readonly string[];
}

/** Where a config's data came from, as text: 'simulated', a file name, or the dataset URL. */
export function dataSourceOf(config: unknown): string {
  const data = getPath(config, ['data']) as { kind?: unknown; name?: unknown; url?: unknown } | undefined;
  if (data?.kind === 'sim') return 'simulated';
  if (data?.kind === 'file' && typeof data.name === 'string') return `file ${data.name}`;
  if (data?.kind === 'url' && typeof data.url === 'string') return data.url;
  return 'unknown';
}

function valueText(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/**
 * The configuration fields whose values differ across `configs` (two or more): the data source
 * first, then the field table's fields in its order (groupings and baseline included). Configs
 * are typed unknown because stored runs may come from older versions; a missing value reads '—'.
 */
export function configDiff(configs: readonly unknown[]): ConfigDiffRow[] {
  if (configs.length < 2) return [];
  const rows: ConfigDiffRow[] = [];
  const differs = (raw: readonly unknown[]) => new Set(raw.map((v) => JSON.stringify(v ?? null))).size > 1;
  const sources = configs.map(dataSourceOf);
  if (differs(sources)) rows.push({ key: 'data', label: 'data source', values: sources });
  for (const field of FIELDS) {
    const raw = configs.map((c) => getPath(c, field.path));
    if (differs(raw)) rows.push({ key: field.key, label: field.help, values: raw.map(valueText) });
  }
  return rows;
}
