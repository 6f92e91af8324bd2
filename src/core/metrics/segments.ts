/**
 * The spec's metric segments (all rows, each stream tier, less-streamed and high-stream creators),
 * split by channel, as lists of positions into a test row list.
 */
import { LESS_STREAMED_THRESHOLD, SOURCE_CODE, SOURCES, type Source, TIER_COUNT } from '../data/schema';

/** Every segment a metric is reported on, in display order. */
export const SEGMENT_IDS = [
  'all',
  'tier0',
  'tier1',
  'tier2',
  'tier3',
  'tier4',
  'tier5',
  'tier6',
  'tier7',
  'less-streamed',
  'high-stream',
] as const;
export type SegmentId = (typeof SEGMENT_IDS)[number];
/** The per-tier segments, tier 0 to tier 7. */
export const TIER_SEGMENTS = SEGMENT_IDS.slice(1, 9) as readonly SegmentId[];

/** The channels a metric is reported for, in display order (promotions, then ads): the sources. */
export const CHANNELS = SOURCES;

/** Highest tier counted as high-stream (tiers 0..2, per the impression spec). */
export const HIGH_STREAM_MAX_TIER = 2;
/** Tiers that stand in for "less-streamed" when `show_streams_30d` is absent (3..5, per the spec). */
export const LESS_STREAMED_TIERS = { min: 3, max: 5 } as const;

/** Segment id of stream tier `t` (0..7). */
export function tierSegment(t: number): SegmentId {
  if (!Number.isInteger(t) || t < 0 || t >= TIER_COUNT) throw new RangeError(`tierSegment: no tier ${t}`);
  return SEGMENT_IDS[1 + t];
}

/**
 * Per-row less-streamed flag (1 = less-streamed creator, 0 = not), the spec's rule:
 * `show_streams_30d` < 5000 (LESS_STREAMED_THRESHOLD, streams over the previous 30 days) when the
 * column exists and the row's value is not NaN; otherwise the row's tier is in 3..5.
 * Tiers 6-7 ("new or near-zero") are deliberately not less-streamed under the tier fallback: the
 * spec names tiers 3-5, and a NaN count is not evidence of few streams.
 *
 * @param tier stream tier per row (0..7; any other value is never less-streamed by the tier rule)
 * @param showStreams30d streams per row over the previous 30 days (NaN = missing), or null when the
 *   column is absent; same length as `tier`
 */
export function lessStreamedFlags(tier: ArrayLike<number>, showStreams30d: Float64Array | null): Uint8Array {
  const n = tier.length;
  if (showStreams30d !== null && showStreams30d.length !== n) {
    throw new RangeError(`lessStreamedFlags: ${n} tiers but ${showStreams30d.length} stream counts`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const streams = showStreams30d === null ? Number.NaN : showStreams30d[i];
    if (!Number.isNaN(streams)) out[i] = streams < LESS_STREAMED_THRESHOLD ? 1 : 0;
    else out[i] = tier[i] >= LESS_STREAMED_TIERS.min && tier[i] <= LESS_STREAMED_TIERS.max ? 1 : 0;
  }
  return out;
}

/** Per-row columns, indexed by row of the input table, that decide segment membership. */
export interface SegmentColumns {
  /** SOURCE_CODE per row (0 promo, 1 ad); any other code is in no channel. */
  readonly source: ArrayLike<number>;
  /** Stream tier per row, 0..7; any other value (e.g. missing) is in no tier and not high-stream. */
  readonly tier: ArrayLike<number>;
  /** 1 = less-streamed creator (see lessStreamedFlags), else 0. */
  readonly lessStreamed: ArrayLike<number>;
}

/** For each channel and segment, ascending positions k into the row list given to segmentPositions. */
export type SegmentPositions = Readonly<Record<Source, Readonly<Record<SegmentId, Int32Array>>>>;

const SEG_COUNT = SEGMENT_IDS.length;
const LESS_SEG = SEGMENT_IDS.indexOf('less-streamed');
const HIGH_SEG = SEGMENT_IDS.indexOf('high-stream');

/**
 * Splits a row list (e.g. the test rows) into the spec's segments per channel.
 *
 * Output values are POSITIONS k into `rows` (0 <= k < rows.length), not input row indices, so they
 * index arrays aligned with `rows`, such as a model's test scores or labels gathered for the test
 * rows; the input row is `rows[k]`. A row sits in 'all' of its channel, in its tier's segment, and
 * in 'less-streamed' and/or 'high-stream' when they apply (the two can overlap when the
 * less-streamed flag comes from `show_streams_30d`).
 */
export function segmentPositions(rows: ArrayLike<number>, cols: SegmentColumns): SegmentPositions {
  const m = rows.length;
  // Two passes (count, then fill) so each list is an exact-size typed array.
  const counts = new Int32Array(2 * SEG_COUNT);
  const visit = (k: number, add: (slot: number, k: number) => void): void => {
    const r = rows[k];
    const c = cols.source[r];
    if (c === undefined) throw new RangeError(`segmentPositions: row ${r} is out of range`);
    if (c !== SOURCE_CODE.promo && c !== SOURCE_CODE.ad) return;
    const base = c * SEG_COUNT;
    add(base, k);
    const t = cols.tier[r];
    if (Number.isInteger(t) && t >= 0 && t < TIER_COUNT) {
      add(base + 1 + t, k);
      if (t <= HIGH_STREAM_MAX_TIER) add(base + HIGH_SEG, k);
    }
    if (cols.lessStreamed[r] === 1) add(base + LESS_SEG, k);
  };
  for (let k = 0; k < m; k++) visit(k, (slot) => counts[slot]++);
  const lists = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(2 * SEG_COUNT);
  for (let k = 0; k < m; k++) visit(k, (slot, pos) => (lists[slot][fill[slot]++] = pos));

  const byChannel = (c: number): Record<SegmentId, Int32Array> => {
    const out = {} as Record<SegmentId, Int32Array>;
    SEGMENT_IDS.forEach((id, s) => {
      out[id] = lists[c * SEG_COUNT + s];
    });
    return out;
  };
  return { promo: byChannel(SOURCE_CODE.promo), ad: byChannel(SOURCE_CODE.ad) };
}
