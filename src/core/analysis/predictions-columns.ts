/**
 * The predictions format's header (docs/results-format.md, "Predictions as input"): which columns
 * are metadata, and how every other column names a model, a head and a repeat seed. Everything
 * here depends on the header alone, so a file whose score columns do not fit together fails
 * before a single row is read.
 */
import { TASKS, type TaskId } from '../data/schema';

/** Metadata columns by role; `tier` is an alias of `stream_tier`. Any other column is a score. */
export const META_COLUMNS = [
  'row',
  'source',
  'day',
  'stream_tier',
  'tier',
  'show_streams_30d',
  'less_streamed',
  'stream',
  'click',
  'like',
  'follow',
  'cost',
  'user_id',
  'podcast_id',
] as const;
export type MetaColumn = (typeof META_COLUMNS)[number];

/** One score column's name read as `<model>[:<head>][@<seed>]`. */
export interface ScoreColumnName {
  readonly model: string;
  /** The head (one of TASKS); null for a plain `<model>` column, which scores every row. */
  readonly head: TaskId | null;
  /** The repeat seed after `@`; null when the name has none. */
  readonly seed: number | null;
}

const SEED_RE = /^(.*)@(\d{1,10})$/;

/**
 * Splits a score column's name. A suffix `@<digits>` is the seed (up to 2^32 - 1); a suffix
 * `:<head>` whose head is one of TASKS is the head; anything else belongs to the model's name, so
 * `lr:v2` is a plain model named `lr:v2`.
 */
export function parseScoreColumn(name: string): ScoreColumnName {
  let rest = name;
  let seed: number | null = null;
  const m = SEED_RE.exec(rest);
  if (m && Number(m[2]) <= 0xffffffff) {
    rest = m[1];
    seed = Number(m[2]);
  }
  const colon = rest.lastIndexOf(':');
  const tail = colon < 0 ? '' : rest.slice(colon + 1);
  if (colon > 0 && (TASKS as readonly string[]).includes(tail))
    return { model: rest.slice(0, colon), head: tail as TaskId, seed };
  return { model: rest, head: null, seed };
}

/** A model of the file: its heads and, per repeat seed, the header position of each head's column. */
export interface PredictionModel {
  /** The model's name: Table 1's row and the results' `groupings[].id`. */
  readonly id: string;
  /**
   * Its heads in the file's order. A plain `<model>` column counts as both stream heads (one
   * score for every row), so the cross-channel rule scores each channel with it.
   */
  readonly heads: readonly TaskId[];
  /** True when the model is one plain column per seed. */
  readonly plain: boolean;
  /** Per seed slot (PredictionsLayout.seeds order): header position per head. */
  readonly columns: readonly Readonly<Partial<Record<TaskId, number>>>[];
}

export interface PredictionsLayout {
  /** Header position of each metadata column present. */
  readonly meta: Readonly<Partial<Record<MetaColumn, number>>>;
  /** Header position and parsed name of every score column, in header order. */
  readonly scores: readonly ({ readonly at: number; readonly name: string } & ScoreColumnName)[];
  readonly models: readonly PredictionModel[];
  /**
   * The repeat seeds shared by the seeded models, in the order the file first names them; [null]
   * when no column has a seed (one run). A model without seeds is the same scores at every seed.
   */
  readonly seeds: readonly (number | null)[];
}

const STREAM_HEADS: readonly TaskId[] = ['promo_stream', 'ad_stream'];

/**
 * Reads a header into the layout, or a message saying why the columns do not fit: a duplicate
 * name, no `source` or `stream`, no tier column, `tier` and `stream_tier` both, no score column,
 * a model mixing a plain column with head columns, a model without a stream head, a seed or
 * (seed, head) missing, or seeded models that disagree on their seeds.
 */
export function predictionsLayout(header: readonly string[]): PredictionsLayout | string {
  const meta: Partial<Record<MetaColumn, number>> = {};
  const scores: ({ at: number; name: string } & ScoreColumnName)[] = [];
  const seen = new Map<string, number>();
  for (let at = 0; at < header.length; at++) {
    const name = header[at].trim();
    if (name === '') return `column ${at + 1} has no name (a score column needs one)`;
    const first = seen.get(name);
    if (first !== undefined) return `column "${name}" appears twice (columns ${first + 1} and ${at + 1})`;
    seen.set(name, at);
    if ((META_COLUMNS as readonly string[]).includes(name)) meta[name as MetaColumn] = at;
    else scores.push({ at, name, ...parseScoreColumn(name) });
  }
  const missing = (['source', 'stream'] as const).filter((c) => meta[c] === undefined);
  if (missing.length > 0)
    return `required column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} missing`;
  if (meta.tier !== undefined && meta.stream_tier !== undefined)
    return 'columns "tier" and "stream_tier" are the same column under two names; keep one';
  if (meta.tier === undefined && meta.stream_tier === undefined && meta.show_streams_30d === undefined)
    return 'no tier column: the file needs "stream_tier" (or "tier") or "show_streams_30d"';
  if (scores.length === 0)
    return `no score column: every column other than ${META_COLUMNS.join(', ')} is a model's score`;
  for (const s of scores) if (s.model === '') return `score column "${s.name}" has no model name`;

  const seeds: (number | null)[] = [];
  let seedsOf: { model: string; list: number[] } | null = null;
  const models: PredictionModel[] = [];
  for (const id of [...new Set(scores.map((s) => s.model))]) {
    const own = scores.filter((s) => s.model === id);
    const plain = own.some((s) => s.head === null);
    if (plain && own.some((s) => s.head !== null))
      return `model "${id}" has both a plain score column and head columns (${own.map((s) => s.name).join(', ')}); name each ${id}:<head> or keep one plain column`;
    if (own.some((s) => s.seed === null) && own.some((s) => s.seed !== null))
      return `model "${id}" has columns with and without a seed (@<seed>): ${own.map((s) => s.name).join(', ')}`;
    const heads = plain ? [...STREAM_HEADS] : [...new Set(own.map((s) => s.head as TaskId))];
    if (!heads.some((h) => STREAM_HEADS.includes(h)))
      return `model "${id}" has no promo_stream or ad_stream head (${own.map((s) => s.name).join(', ')}), so it scores no channel`;
    const list = [...new Set(own.map((s) => s.seed))].filter((x) => x !== null);
    for (const seed of list.length ? list : [null])
      for (const h of plain ? [null] : heads)
        if (!own.some((s) => s.seed === seed && s.head === h)) {
          const name = `${id}${h ? `:${h}` : ''}${seed === null ? '' : `@${seed}`}`;
          return `model "${id}" lacks the column "${name}" (every head needs a column at every seed)`;
        }
    if (list.length > 0) {
      if (seedsOf === null) {
        seedsOf = { model: id, list };
        seeds.push(...list);
      } else if (list.length !== seedsOf.list.length || list.some((x) => !seedsOf?.list.includes(x)))
        return `models "${seedsOf.model}" and "${id}" have different seeds (${seedsOf.list.join(', ')} vs ${list.join(', ')}); seeded models must share theirs`;
    }
    models.push({ id, heads, plain, columns: [] });
  }
  if (seeds.length === 0) seeds.push(null);
  return {
    meta,
    scores,
    seeds,
    models: models.map((m) => ({
      ...m,
      columns: seeds.map((seed) => {
        const at: Partial<Record<TaskId, number>> = {};
        for (const s of scores) {
          if (s.model !== m.id || (s.seed !== null && s.seed !== seed)) continue;
          if (s.head === null) for (const h of STREAM_HEADS) at[h] = s.at;
          else at[s.head] = s.at;
        }
        return at;
      }),
    })),
  };
}
