/**
 * Budget replay ratios and the per-grouping replay table over seeds (see budget-replay.ts for the
 * buying rule and the units).
 */
import { meanInterval } from './intervals';
import { type Metric, toMetric } from '../results/results-types';
import {
  type Interval,
  REPLAY_METRICS,
  type ReplayCell,
  type ReplayMetric,
  type ReplayRatios,
  type ReplayTable,
  type ReplayTotals,
} from '../results/rigor-types';
import { SEGMENT_IDS, type SegmentId } from './segments';
import { relativeChange } from './uplift';

/**
 * Ratios of one segment's totals: i2s = streams / impressions (streams per impression), CTR =
 * clicks / clickRows (clicks per click-labelled impression), eCPS = cost / streams (cost units per
 * stream) and #streams. A ratio whose denominator is 0 is null, never NaN.
 */
export function replayRatios(t: ReplayTotals): ReplayRatios {
  return {
    i2s: t.impressions > 0 ? t.streams / t.impressions : null,
    ctr: t.clickRows > 0 ? t.clicks / t.clickRows : null,
    ecps: t.streams > 0 ? t.cost / t.streams : null,
    streams: t.streams,
  };
}

type SeedTotals = Readonly<Record<string, Readonly<Record<SegmentId, ReplayTotals>>>>;

const byMetric = (f: (m: ReplayMetric) => Interval): Record<ReplayMetric, Interval> =>
  Object.fromEntries(REPLAY_METRICS.map((m) => [m, f(m)])) as Record<ReplayMetric, Interval>;

/**
 * The replay table over seeds: for each grouping id (in first-seen order over the seeds) and
 * segment, value[m] = meanInterval over seeds of ratio m, and rel[m] = meanInterval over seeds of
 * relativeChange(model's ratio, baseline's ratio) on the same seed and segment (null where either
 * is undefined or the baseline's is 0). A grouping missing from a seed counts as null there.
 * `impressions` is the bought impressions in the first seed that has the grouping. The baseline's
 * own rel is 0 wherever its ratio is defined and non-zero.
 *
 * @param perSeed per seed (in seed order), each grouping's totals per segment
 * @throws Error when a seed has no totals for the baseline
 */
export function replayTable(perSeed: readonly SeedTotals[], baseline: string): ReplayTable {
  perSeed.forEach((seed, r) => {
    if (!Object.hasOwn(seed, baseline))
      throw new Error(`replayTable: seed ${r} has no baseline '${baseline}'`);
  });
  const ids = [...new Set(perSeed.flatMap((seed) => Object.keys(seed)))];
  const ratios = perSeed.map((seed) => {
    const out = new Map<string, Record<SegmentId, ReplayRatios>>();
    for (const [id, segs] of Object.entries(seed)) {
      out.set(
        id,
        Object.fromEntries(SEGMENT_IDS.map((s) => [s, replayRatios(segs[s])])) as Record<
          SegmentId,
          ReplayRatios
        >,
      );
    }
    return out;
  });
  const table: Record<string, Record<SegmentId, ReplayCell>> = {};
  for (const id of ids) {
    const first = perSeed.find((seed) => Object.hasOwn(seed, id));
    const cells = {} as Record<SegmentId, ReplayCell>;
    for (const s of SEGMENT_IDS) {
      const value = (r: number, m: ReplayMetric): Metric => ratios[r].get(id)?.[s][m] ?? null;
      const rel = (r: number, m: ReplayMetric): Metric =>
        toMetric(relativeChange(value(r, m) ?? undefined, ratios[r].get(baseline)![s][m] ?? undefined));
      cells[s] = {
        value: byMetric((m) => meanInterval(perSeed.map((_, r) => value(r, m)))),
        rel: byMetric((m) => meanInterval(perSeed.map((_, r) => rel(r, m)))),
        impressions: first?.[id][s].impressions ?? 0,
      };
    }
    table[id] = cells;
  }
  return table;
}
