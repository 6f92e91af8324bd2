/**
 * Stream tiers 0..7 for every row (0 = most streamed show, 7 = least), so tier charts always
 * exist. Per row, the first available source wins:
 *   1. the given `stream_tier` cell;
 *   2. `show_streams_30d` by the fixed thresholds SHOW_STREAM_TIER_THRESHOLDS;
 *   3. the show's stream count in the training rows, rank-based (see trainingCountTiers).
 * Tiers 0-2 are high-stream, 3-5 low-stream, 6-7 new or near-zero (spec: impressions.md).
 */
import { MISSING_TIER, TIER_COUNT } from './schema';
import type { ImpressionTable } from './table';

export type TierHow = 'given' | 'show_streams_30d' | 'training-counts';

/**
 * Lower bounds of `show_streams_30d` (streams over the previous 30 days) for tiers 0..6:
 * tier t when streams >= SHOW_STREAM_TIER_THRESHOLDS[t] (first match), tier 7 when 0 (or < 1).
 * Tier 2's bound is LESS_STREAMED_THRESHOLD (5000), so tiers 3-7 are exactly the spec's
 * "less-streamed creators" and tiers 6-7 (< 50 streams) the new or near-zero shows.
 */
export const SHOW_STREAM_TIER_THRESHOLDS = [500_000, 50_000, 5_000, 1_000, 300, 50, 1] as const;

export interface TierDerivation {
  /** Tier 0..7 of every row of the table. */
  readonly tier: Uint8Array;
  /**
   * The least direct method any row needed: 'given' only when every row had a `stream_tier`;
   * 'training-counts' as soon as one row fell back that far.
   */
  readonly how: TierHow;
  /** SHOW_STREAM_TIER_THRESHOLDS (lower bounds for tiers 0..6) when any row used them; else absent. */
  readonly thresholds?: number[];
  /** How many rows got their tier by each method. */
  readonly rowsByHow: Record<TierHow, number>;
}

/** Tier of a `show_streams_30d` value (assumed >= 0 and not NaN). */
export function tierFromShowStreams(streams: number): number {
  for (let t = 0; t < SHOW_STREAM_TIER_THRESHOLDS.length; t++) {
    if (streams >= SHOW_STREAM_TIER_THRESHOLDS[t]) return t;
  }
  return TIER_COUNT - 1;
}

/**
 * Tier per podcast dictionary code from training-row stream counts. Shows with a positive count
 * are ranked descending; a show's tier is floor(7 * g / m), where g = number of shows with a
 * strictly larger count and m = number of shows with a positive count. That splits the m shows
 * into 7 groups of about equal size and puts ties in the same (higher) tier. Shows with zero
 * training streams or unseen in training get tier 7.
 */
export function trainingCountTiers(table: ImpressionTable, trainRows: Int32Array): Uint8Array {
  const codes = table.podcastId.codes;
  const stream = table.labels.stream;
  const counts = new Float64Array(table.podcastId.dict.length);
  for (let k = 0; k < trainRows.length; k++) {
    const r = trainRows[k];
    if (codes[r] >= 0 && stream[r] === 1) counts[codes[r]]++;
  }
  const showTier = new Uint8Array(counts.length).fill(TIER_COUNT - 1);
  const streamed: number[] = [];
  for (let c = 0; c < counts.length; c++) if (counts[c] > 0) streamed.push(c);
  streamed.sort((a, b) => counts[b] - counts[a]);
  const m = streamed.length;
  let above = 0; // shows with a strictly larger count than the current one
  for (let i = 0; i < m; i++) {
    if (i > 0 && counts[streamed[i]] < counts[streamed[i - 1]]) above = i;
    showTier[streamed[i]] = Math.floor(((TIER_COUNT - 1) * above) / m);
  }
  return showTier;
}

/**
 * Derive every row's tier, using only `trainRows` (ascending or not) for the training-count
 * fallback so that validation and test days never influence it.
 */
export function deriveTiers(table: ImpressionTable, trainRows: Int32Array): TierDerivation {
  const { n, streamTier: given, showStreams30d: streams } = table;
  const tier = new Uint8Array(n);
  const rowsByHow: Record<TierHow, number> = { given: 0, show_streams_30d: 0, 'training-counts': 0 };
  let showTier: Uint8Array | null = null; // built lazily: only when some row needs it
  for (let i = 0; i < n; i++) {
    if (given && given[i] !== MISSING_TIER && given[i] >= 0) {
      tier[i] = given[i];
      rowsByHow.given++;
    } else if (streams && !Number.isNaN(streams[i])) {
      tier[i] = tierFromShowStreams(streams[i]);
      rowsByHow.show_streams_30d++;
    } else {
      showTier ??= trainingCountTiers(table, trainRows);
      const c = table.podcastId.codes[i];
      tier[i] = c >= 0 ? showTier[c] : TIER_COUNT - 1;
      rowsByHow['training-counts']++;
    }
  }
  const how: TierHow =
    rowsByHow['training-counts'] > 0
      ? 'training-counts'
      : rowsByHow.show_streams_30d > 0
        ? 'show_streams_30d'
        : 'given';
  return {
    tier,
    how,
    rowsByHow,
    ...(rowsByHow.show_streams_30d > 0 && { thresholds: [...SHOW_STREAM_TIER_THRESHOLDS] }),
  };
}
