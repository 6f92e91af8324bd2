/**
 * Versioned, readable query-string form of the experiment (`?v=1&seed=7&groupings=a,b&lr=0.001`).
 * Defaults are left out; decoding validates and clamps every field and reports the rest. Every
 * notice is plain text with the link's own words clipped, because a link is untrusted input.
 */
import { dataUrlProblem } from './data-url';
import { DEFAULT_CONFIG, V1_DEFAULT_CONFIG } from './defaults';
import type { ExperimentConfig } from './experiment';
import { FIELDS, type Field } from './fields';
import { getPath, type Normalized, normalizeWith } from './normalize';

/**
 * The link format's version. A link is read with the defaults of its own version, so a field it
 * leaves out keeps the value it had when the link was made: v=1 links (before the recipe defaults
 * changed, docs/experiments.md) read with V1_DEFAULT_CONFIG, v=2 with DEFAULT_CONFIG.
 */
export const URL_VERSION = 2;
const DEFAULTS_OF_VERSION: Readonly<Record<string, ExperimentConfig>> = {
  '1': V1_DEFAULT_CONFIG,
  '2': DEFAULT_CONFIG,
};
/**
 * Keys that are not experiment fields but may appear in a link: `file` names a local file, which
 * a link cannot carry, so that whoever opens it is told which file to open; `bench=1` installs the
 * benchmark hook (app/bench-hook.ts) and `testhooks=1` the end-to-end tests' hook (app/test-hook.ts);
 * `repeatWorkers=N` sets how many repeats of a study train at once (worker/client.ts, benches).
 */
export const NON_CONFIG_KEYS: ReadonlySet<string> = new Set([
  'v',
  'data',
  'file',
  'autorun',
  'backend',
  'fp',
  'bench',
  'testhooks',
  'repeatWorkers',
]);
/** Longer values are refused outright: no field needs them. */
const MAX_VALUE_LENGTH = 400;
/** Unknown keys named one by one in the notices; the rest are counted, so a hostile link cannot flood. */
const MAX_UNKNOWN_NAMED = 5;
const MAX_FILE_NAME = 200;

export interface Decoded extends Normalized {
  /** Set when the link's data was a local file (its name, clipped): the receiver must open it. */
  readonly localFile?: string;
}

export interface DecodeOptions {
  /** The page's origin: a dataset URL on it is allowed even over plain http. */
  readonly pageOrigin?: string;
}

function formatValue(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** Clips a value from a link for a notice (the notice is plain text; this only keeps it short). */
export const clip = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The query string of a config: `v` first, then every field that differs from the default. */
export function encodeConfig(config: ExperimentConfig): URLSearchParams {
  const params = new URLSearchParams({ v: String(URL_VERSION) });
  if (config.data.kind === 'url') params.set('data', config.data.url);
  if (config.data.kind === 'file') params.set('file', config.data.name.slice(0, MAX_FILE_NAME));
  for (const field of FIELDS) {
    const value = getPath(config, field.path);
    if (value === undefined) continue;
    if (formatValue(value) !== formatValue(getPath(DEFAULT_CONFIG, field.path)))
      params.set(field.key, formatValue(value));
  }
  return params;
}

function toParams(search: string | URLSearchParams): URLSearchParams {
  if (typeof search !== 'string') return search;
  const q = search.includes('?') ? search.slice(search.indexOf('?') + 1) : search;
  // A fragment is not part of the query (URLSearchParams would read it into the last value).
  return new URLSearchParams(q.includes('#') ? q.slice(0, q.indexOf('#')) : q);
}

/** How many times each key occurs: a key given twice is ambiguous, so neither value is used. */
function keyCounts(params: URLSearchParams): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of params.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function unknownKeyNotices(counts: Map<string, number>, byKey: Map<string, Field>): string[] {
  const unknown = [...counts.keys()].filter((k) => !byKey.has(k) && !NON_CONFIG_KEYS.has(k));
  const named = unknown.slice(0, MAX_UNKNOWN_NAMED).map((k) => `unknown parameter ${clip(k)}; ignored`);
  const rest = unknown.length - named.length;
  return rest > 0 ? [...named, `${rest} more unknown parameters; ignored`] : named;
}

/** Parses a query string (or a whole share URL) into a validated config plus notices. */
export function decodeConfig(search: string | URLSearchParams, options: DecodeOptions = {}): Decoded {
  const params = toParams(search);
  const counts = keyCounts(params);
  const versions = params.getAll('v');
  const base =
    versions.length === 1 && Object.hasOwn(DEFAULTS_OF_VERSION, versions[0])
      ? DEFAULTS_OF_VERSION[versions[0]]
      : undefined;
  if (!base) {
    const what =
      versions.length === 0
        ? 'has no version (v)'
        : versions.length > 1
          ? `gives its version (v) ${versions.length} times`
          : `has version ${clip(versions[0], 20)}`;
    return {
      config: DEFAULT_CONFIG,
      notices: [`this link ${what}; this app reads v=1 and v=${URL_VERSION}, so defaults are used`],
    };
  }
  const byKey = new Map<string, Field>(FIELDS.map((f) => [f.key, f]));
  const notices = unknownKeyNotices(counts, byKey);
  const r = normalizeWith((field) => {
    const n = counts.get(field.key) ?? 0;
    if (n === 0) return undefined;
    if (n > 1) {
      notices.push(`${field.key} is given ${n} times; using the default`);
      return undefined;
    }
    const raw = params.get(field.key) ?? '';
    if (raw.length > MAX_VALUE_LENGTH) {
      notices.push(`${field.key} is ${raw.length} characters long; using the default`);
      return undefined;
    }
    return raw;
  }, base);
  let config: ExperimentConfig = r.config;
  let localFile: string | undefined;
  const data = params.getAll('data');
  const file = params.getAll('file');
  if (data.length > 1 || file.length > 1) {
    notices.push('the dataset is given more than once; using the simulated dataset');
  } else if (data.length === 1) {
    const problem = dataUrlProblem(data[0], options.pageOrigin);
    if (problem === null) config = { ...config, data: { kind: 'url', url: data[0] } };
    else notices.push(`${problem}; using the simulated dataset`);
  } else if (file.length === 1) {
    localFile = clip(file[0], 80);
    notices.push(
      `the shared dataset was a local file, ${localFile}, which a link cannot carry: open that file under ` +
        '"1. Dataset > Your data" to train on the same data (the simulated dataset is used until then)',
    );
  }
  return { config, notices: [...notices, ...r.notices], ...(localFile === undefined ? {} : { localFile }) };
}
