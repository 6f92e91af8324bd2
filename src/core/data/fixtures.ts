/**
 * Tiny hand-built ImpressionTables for tests. The row-object form exists only here: production
 * code builds typed columns straight from the file or the simulator.
 */
import { featureGroupOf, MISSING_LABEL, MISSING_TIER, SOURCE_CODE } from './schema';
import type { DictColumn, FeatureColumn, FeatureKind, ImpressionTable, MultiColumn } from './table';

type Label = 0 | 1 | null;
type FeatureValue = string | number | readonly string[] | null | undefined;

/** One impression, written as a literal. Optional columns exist when any row sets their key. */
export interface FixtureRow {
  readonly source: 'ad' | 'promo';
  readonly day: number;
  readonly user: string;
  readonly podcast: string;
  readonly stream: 0 | 1;
  readonly click?: Label;
  readonly like?: Label;
  readonly follow?: Label;
  /** `stream_tier` 0..7; null = missing cell. */
  readonly tier?: number | null;
  /** `show_streams_30d`; null = missing cell. */
  readonly showStreams?: number | null;
  readonly cost?: number | null;
  /** Feature columns by full name (`user_country`, ...). Arrays or `a|b` strings are multi-valued. */
  readonly f?: Readonly<Record<string, FeatureValue>>;
}

export interface FixtureOptions {
  /** Force a feature column's kind instead of inferring it from the values. */
  readonly kinds?: Readonly<Record<string, FeatureKind>>;
  readonly ignoredColumns?: readonly string[];
  /** Attach simulator truth columns (pStream, pClick) with these per-row values. */
  readonly truth?: { readonly pStream: readonly number[]; readonly pClick: readonly number[] };
}

/** Dictionary-encode strings by first appearance; null/undefined become code -1. */
export function dictColumn(values: readonly (string | null | undefined)[]): DictColumn {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v == null) {
      codes[i] = -1;
      return;
    }
    let c = index.get(v);
    if (c === undefined) index.set(v, (c = dict.push(v) - 1));
    codes[i] = c;
  });
  return { codes, dict };
}

function multiColumn(values: readonly FeatureValue[]): MultiColumn {
  const lists = values.map((v) =>
    v == null || v === '' ? [] : Array.isArray(v) ? (v as string[]) : String(v).split('|'),
  );
  const offsets = new Int32Array(values.length + 1);
  for (let i = 0; i < lists.length; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const flat = dictColumn(lists.flat());
  return { offsets, codes: flat.codes, dict: flat.dict };
}

function inferKind(values: readonly FeatureValue[]): FeatureKind {
  if (values.some((v) => Array.isArray(v) || (typeof v === 'string' && v.includes('|')))) return 'multi';
  return values.some((v) => typeof v === 'string') ? 'categorical' : 'numeric';
}

function featureColumn(name: string, values: readonly FeatureValue[], kind: FeatureKind): FeatureColumn {
  const group = featureGroupOf(name);
  if (!group || name === 'user_id' || name === 'podcast_id')
    throw new Error(`fixture: ${name} is not a feature column`);
  if (kind === 'multi') return { name, group, kind, data: multiColumn(values) };
  if (kind === 'categorical')
    return { name, group, kind, data: dictColumn(values.map((v) => (v == null ? null : String(v)))) };
  return {
    name,
    group,
    kind,
    data: Float64Array.from(values, (v) => (v == null || v === '' ? NaN : Number(v))),
  };
}

function label(rows: readonly FixtureRow[], key: 'click' | 'like' | 'follow'): Uint8Array {
  return Uint8Array.from(rows, (r) => r[key] ?? MISSING_LABEL);
}

function optionalFloat(rows: readonly FixtureRow[], key: 'showStreams' | 'cost'): Float64Array | null {
  if (!rows.some((r) => key in r)) return null;
  return Float64Array.from(rows, (r) => r[key] ?? NaN);
}

/** Build an ImpressionTable from literal rows (feature columns in order of first appearance). */
export function makeTable(rows: readonly FixtureRow[], opts: FixtureOptions = {}): ImpressionTable {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.f ?? {})) if (!names.includes(k)) names.push(k);
  const features = names.map((name) => {
    const values = rows.map((r) => r.f?.[name]);
    return featureColumn(name, values, opts.kinds?.[name] ?? inferKind(values));
  });
  return {
    n: rows.length,
    source: Uint8Array.from(rows, (r) => SOURCE_CODE[r.source]),
    day: Int32Array.from(rows, (r) => r.day),
    userId: dictColumn(rows.map((r) => r.user)),
    podcastId: dictColumn(rows.map((r) => r.podcast)),
    labels: {
      stream: Uint8Array.from(rows, (r) => r.stream),
      click: label(rows, 'click'),
      like: label(rows, 'like'),
      follow: label(rows, 'follow'),
    },
    streamTier: rows.some((r) => 'tier' in r) ? Int8Array.from(rows, (r) => r.tier ?? MISSING_TIER) : null,
    showStreams30d: optionalFloat(rows, 'showStreams'),
    cost: optionalFloat(rows, 'cost'),
    features,
    ignoredColumns: opts.ignoredColumns ?? [],
    ...(opts.truth && {
      truth: { pStream: Float32Array.from(opts.truth.pStream), pClick: Float32Array.from(opts.truth.pClick) },
    }),
  };
}
