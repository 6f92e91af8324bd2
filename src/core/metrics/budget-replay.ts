/**
 * Budget replay: the offline stand-in for the paper's budget-split A/B test (spec, Metrics:
 * "Budget replay" and "Simulated A/B"). Within each show's ad test rows every model "buys" the
 * share q it scores highest; the bought rows are then scored by their logged labels (label replay)
 * or, on simulated data, by the simulator's true probabilities (expected replay, no label noise).
 *
 * Units over the bought rows of one segment:
 * - i2s  = streams / impressions: streams per bought impression (a fraction in [0, 1]);
 * - CTR  = clicks / clickRows: clicks per bought impression whose click label is observed (the
 *   spec writes clicks / impressions; impressions with a missing click label cannot count either
 *   way, so they are left out of both sides; in the expected replay every row counts);
 * - eCPS = sum(cost) / streams: cost units (the file's `cost` column; 1 per impression when the
 *   column or a cell is missing, the impression format's default) per stream;
 * - #streams = the number (or, expected, the expected number) of streams.
 *
 * Every model buys the same number of rows per show, round(q * n_show), so on any segment whose
 * membership is a property of the show every model buys the same number of impressions, and the
 * relative change of #streams against the baseline equals that of i2s (same denominator). A row's
 * tier is "the show's tier when shown", so this holds exactly when a show keeps its tier (and
 * less-streamed flag) over the test days; otherwise the two differ slightly.
 */
import { MISSING_LABEL, SOURCE_CODE, TIER_COUNT } from '../data/schema';
import type { TruthColumns } from '../data/table';
import type { ReplayTotals } from '../results/rigor-types';
import { HIGH_STREAM_MAX_TIER, SEGMENT_IDS, type SegmentId, tierSegment } from './segments';

export { replayRatios, replayTable } from './budget-replay-table';

export interface ReplayBuyArgs {
  /** Input row index per test position k. */
  readonly testRows: ArrayLike<number>;
  /** SOURCE_CODE per input row; only ad rows (1) are bought. */
  readonly source: Uint8Array;
  /** Show (podcast_id dictionary code) per input row; rows with the same code (even -1) form one show. */
  readonly show: Int32Array;
  /** The model's score per test position k (aligned with testRows). */
  readonly scores: Float32Array;
  /** Share q of each show's ad test rows to buy, in (0, 1]. */
  readonly buyShare: number;
}

/**
 * The test positions k a model buys: within each show's ad test rows it buys the
 * round(q * n_show) rows it scores highest, rounding half up (floor(q * n + 0.5): n = 5, q = 0.3
 * buys 2; n = 1, q = 0.3 buys 0). Equal scores are broken by the lower test position first, so
 * the choice is deterministic. Promotion rows are never bought.
 *
 * @returns the bought positions k (indices into testRows and scores), ascending.
 * @throws RangeError when q is not in (0, 1], scores and testRows differ in length, a test row is
 *   out of range of `source`/`show`, or an ad row's score is NaN.
 */
export function replayBuys(args: ReplayBuyArgs): Int32Array {
  const { testRows, source, show, scores, buyShare: q } = args;
  if (!(q > 0 && q <= 1)) throw new RangeError(`replayBuys: buy share must be in (0, 1], got ${q}`);
  const m = testRows.length;
  if (scores.length !== m) throw new RangeError(`replayBuys: ${m} test rows but ${scores.length} scores`);
  const ads: number[] = [];
  for (let k = 0; k < m; k++) {
    const r = testRows[k];
    if (!(r >= 0 && r < source.length && r < show.length))
      throw new RangeError(`replayBuys: row ${r} is out of range`);
    if (source[r] !== SOURCE_CODE.ad) continue;
    if (Number.isNaN(scores[k])) throw new RangeError(`replayBuys: NaN score at test position ${k}`);
    ads.push(k);
  }
  // Group by show, then best score first, then lower position first.
  ads.sort((a, b) => show[testRows[a]] - show[testRows[b]] || scores[b] - scores[a] || a - b);
  const bought: number[] = [];
  for (let start = 0; start < ads.length;) {
    const code = show[testRows[ads[start]]];
    let end = start;
    while (end < ads.length && show[testRows[ads[end]]] === code) end++;
    const take = Math.floor(q * (end - start) + 0.5);
    for (let j = start; j < start + take; j++) bought.push(ads[j]);
    start = end;
  }
  return Int32Array.from(bought).sort();
}

export interface ReplayTotalsArgs {
  readonly testRows: ArrayLike<number>;
  /** Bought test positions k (from replayBuys). */
  readonly bought: Int32Array;
  /** Labels per input row: 0, 1 or MISSING_LABEL. */
  readonly stream: Uint8Array;
  readonly click: Uint8Array;
  /** Cost per input row (NaN = missing), or null when the column is absent; missing counts 1. */
  readonly cost: Float64Array | null;
  /** Stream tier per input row, 0..7 (any other value is in no tier and not high-stream). */
  readonly tier: ArrayLike<number>;
  /** 1 = less-streamed creator, per input row (see lessStreamedFlags). */
  readonly lessStreamed: Uint8Array;
  /** The simulator's true probabilities per input row, when the data is simulated. */
  readonly truth?: TruthColumns;
}

export interface ReplayTotalsBySegment {
  /** Totals from the logged labels. */
  readonly label: Record<SegmentId, ReplayTotals>;
  /** Totals from the true probabilities (streams = sum p(stream), clicks = sum p(click)); null without truth. */
  readonly expected: Record<SegmentId, ReplayTotals> | null;
}

type MutableTotals = { -readonly [K in keyof ReplayTotals]: ReplayTotals[K] };
const emptyTotals = (): Record<SegmentId, MutableTotals> =>
  Object.fromEntries(
    SEGMENT_IDS.map((s) => [s, { impressions: 0, streams: 0, clicks: 0, clickRows: 0, cost: 0 }]),
  ) as Record<SegmentId, MutableTotals>;

/**
 * Totals of the bought rows per segment (the same segment rules as segmentPositions: 'all', the
 * row's tier, 'high-stream' for tiers 0-2, 'less-streamed' by flag). Label replay: streams =
 * stream labels equal to 1, clicks and clickRows over rows with an observed click label. Expected
 * replay: streams = sum p(stream), clicks = sum p(click), clickRows = impressions. Cost is the sum
 * of the cost column, 1 per impression where it is missing.
 */
export function replayTotals(args: ReplayTotalsArgs): ReplayTotalsBySegment {
  const { testRows, bought, stream, click, cost, tier, lessStreamed, truth } = args;
  const label = emptyTotals();
  const expected = truth ? emptyTotals() : null;
  const segs: SegmentId[] = [];
  for (const k of bought) {
    const i = testRows[k];
    if (i === undefined) throw new RangeError(`replayTotals: bought position ${k} is out of range`);
    segs.length = 0;
    segs.push('all');
    const t = tier[i];
    if (Number.isInteger(t) && t >= 0 && t < TIER_COUNT) {
      segs.push(tierSegment(t));
      if (t <= HIGH_STREAM_MAX_TIER) segs.push('high-stream');
    }
    if (lessStreamed[i] === 1) segs.push('less-streamed');
    const c = cost === null || Number.isNaN(cost[i]) ? 1 : cost[i];
    const observed = click[i] !== MISSING_LABEL;
    for (const s of segs) {
      const l = label[s];
      l.impressions++;
      l.streams += stream[i] === 1 ? 1 : 0;
      if (observed) {
        l.clickRows++;
        l.clicks += click[i] === 1 ? 1 : 0;
      }
      l.cost += c;
      if (expected && truth) {
        const e = expected[s];
        e.impressions++;
        e.streams += truth.pStream[i];
        e.clicks += truth.pClick[i];
        e.clickRows++;
        e.cost += c;
      }
    }
  }
  return { label, expected };
}
