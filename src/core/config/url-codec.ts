/**
 * Versioned, readable query-string form of the experiment (`?v=1&seed=7&groupings=a,b&lr=0.001`).
 * Defaults are left out; decoding validates and clamps every field and reports the rest.
 */
import { dataUrlProblem } from './data-url';
import { DEFAULT_CONFIG } from './defaults';
import type { ExperimentConfig } from './experiment';
import { FIELDS, type Field } from './fields';
import { getPath, type Normalized, normalizeWith } from './normalize';

export const URL_VERSION = 1;
/** Keys that are not experiment fields but may appear in a link. */
const NON_CONFIG_KEYS = new Set(['v', 'data', 'autorun', 'backend']);
/** Longer values are refused outright: no field needs them. */
const MAX_VALUE_LENGTH = 400;

function formatValue(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** The query string of a config: `v` first, then every field that differs from the default. */
export function encodeConfig(config: ExperimentConfig): URLSearchParams {
  const params = new URLSearchParams({ v: String(URL_VERSION) });
  if (config.data.kind === 'url') params.set('data', config.data.url);
  for (const field of FIELDS) {
    const value = getPath(config, field.path);
    if (value === undefined) continue;
    if (formatValue(value) !== formatValue(getPath(DEFAULT_CONFIG, field.path)))
      params.set(field.key, formatValue(value));
  }
  return params;
}

/** Parses a query string (or a whole share URL) into a validated config plus notices. */
export function decodeConfig(search: string | URLSearchParams): Normalized {
  const params =
    typeof search === 'string'
      ? new URLSearchParams(search.includes('?') ? search.slice(search.indexOf('?') + 1) : search)
      : search;
  const notices: string[] = [];
  const version = params.get('v');
  if (version !== String(URL_VERSION)) {
    const what = version === null ? 'has no version (v)' : `has version ${version.slice(0, 20)}`;
    return {
      config: DEFAULT_CONFIG,
      notices: [`this link ${what}; this app reads v=${URL_VERSION}, so defaults are used`],
    };
  }
  const byKey = new Map<string, Field>(FIELDS.map((f) => [f.key, f]));
  for (const key of params.keys()) {
    if (!byKey.has(key) && !NON_CONFIG_KEYS.has(key))
      notices.push(`unknown parameter ${key.slice(0, 40)}; ignored`);
  }
  const r = normalizeWith((field) => {
    const raw = params.get(field.key);
    if (raw === null) return undefined;
    if (raw.length > MAX_VALUE_LENGTH) {
      notices.push(`${field.key} is ${raw.length} characters long; using the default`);
      return undefined;
    }
    return raw;
  });
  let config = r.config;
  const data = params.get('data');
  if (data !== null) {
    const problem = dataUrlProblem(data);
    if (problem === null) config = { ...config, data: { kind: 'url', url: data } };
    else notices.push(`${problem}; using the simulated dataset`);
  }
  return { config, notices: [...notices, ...r.notices] };
}
