/**
 * Verdicts: for each grouping against the baseline, per channel and segment, whether its AP
 * difference survives the evidence the run has, in one plain sentence.
 *
 * Two kinds of evidence, from the rigor section:
 * - seeds: the relative change (model AP / baseline AP - 1 on the same rows and seed) over the
 *   training seeds, its 95% t interval (needs 2+ seeds) and the share of seeds in which it wins;
 * - test rows: the paired bootstrap interval of the seed-mean change (segments 'all' and
 *   'less-streamed', when the bootstrap ran).
 * A verdict is 'better' (or 'worse') when every interval the run has excludes 0 on that side and
 * it has at least one; otherwise 'not distinguishable', and the sentence says what would settle
 * it: more seeds (the seeds disagree), more test days (the rows cannot separate the models), or
 * both. Nothing here is a significance test with a corrected level: it reads the intervals as
 * they are, and a reviewer sees them beside the words.
 */
import { SOURCE_LABEL, type Source } from '../data/schema';
import type { Metric } from '../results/metric';
import type { Interval, PairedBootstrap, RigorResults } from '../results/rigor-types';
import { type SegmentId, SEGMENT_IDS } from './segments';

export type VerdictKind = 'better' | 'worse' | 'indistinguishable' | 'undefined';

export interface Verdict {
  readonly grouping: string;
  readonly baseline: string;
  readonly channel: Source;
  readonly segment: SegmentId;
  readonly kind: VerdictKind;
  /** Relative change of the seed-mean APs (the bootstrap's observed one, else the seeds' mean). */
  readonly rel: Metric;
  /** Seeds in which the grouping's AP beats the baseline's, of the seeds where both are defined. */
  readonly wins: number;
  readonly seeds: number;
  /** The relative change over seeds (95% t interval; lo/hi null with fewer than 2 seeds). */
  readonly seedInterval: Interval;
  /** The paired bootstrap over test rows; null when it did not run for this segment. */
  readonly bootstrap: PairedBootstrap | null;
  /** What would settle an undecided verdict (empty when decided or undefined). */
  readonly settle: readonly ('seeds' | 'days')[];
  /** The verdict in one sentence, numbers included. */
  readonly sentence: string;
}

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;

/** Which side of 0 an interval lies on: 1 above, -1 below, 0 straddles, null none. */
function side(lo: Metric, hi: Metric): 1 | -1 | 0 | null {
  if (lo === null || hi === null) return null;
  if (lo > 0) return 1;
  if (hi < 0) return -1;
  return 0;
}

/** The verdict of `grouping` against the rigor section's baseline on one channel and segment. */
export function verdictOf(
  rigor: RigorResults,
  grouping: string,
  baseline: string,
  channel: Source,
  segment: SegmentId,
): Verdict {
  const seedInterval = rigor.apRel[grouping][channel][segment];
  const bootstrap =
    segment === 'all' || segment === 'less-streamed'
      ? (rigor.bootstrap[grouping]?.[channel]?.[segment] ?? null)
      : null;
  const usable = bootstrap && bootstrap.resamples > 0 ? bootstrap : null;
  const defined = seedInterval.values.filter((v): v is number => v !== null);
  const wins = defined.filter((v) => v > 0).length;
  const rel = usable?.rel ?? seedInterval.mean;
  const bySeeds = side(seedInterval.lo, seedInterval.hi);
  const byRows = usable ? side(usable.relLo, usable.relHi) : null;
  const sides = [bySeeds, byRows].filter((s): s is 1 | -1 | 0 => s !== null);
  const where = `${grouping} vs ${baseline}, ${SOURCE_LABEL[channel].toLowerCase()}, ${segment === 'all' ? 'all test rows' : segment}`;
  const base = {
    grouping,
    baseline,
    channel,
    segment,
    rel,
    wins,
    seeds: defined.length,
    seedInterval,
    bootstrap,
  };
  if (rel === null || defined.length === 0)
    return {
      ...base,
      kind: 'undefined',
      settle: [],
      sentence: `${where}: undefined (no positive rows to score).`,
    };

  const evidence = [
    `${pct(rel)}`,
    seedInterval.lo !== null && seedInterval.hi !== null
      ? `seeds 95% [${pct(seedInterval.lo)}, ${pct(seedInterval.hi)}]`
      : 'one seed, no interval over seeds',
    `wins in ${wins} of ${defined.length} seed${defined.length === 1 ? '' : 's'}`,
    ...(usable && usable.relLo !== null && usable.relHi !== null
      ? [`bootstrap 95% [${pct(usable.relLo)}, ${pct(usable.relHi)}]`]
      : []),
  ].join('; ');
  const decided = sides.length > 0 && sides.every((s) => s === sides[0]) && sides[0] !== 0;
  if (decided) {
    const kind = sides[0] === 1 ? 'better' : 'worse';
    return { ...base, kind, settle: [], sentence: `${where}: ${kind} (${evidence}).` };
  }
  // Undecided: the seeds straddle 0 or are too few -> more seeds; the rows cannot separate the
  // models -> more test days; no evidence at all -> both.
  const settle: ('seeds' | 'days')[] = [];
  if (bySeeds === null || bySeeds === 0) settle.push('seeds');
  if (byRows === 0 || (byRows === null && bySeeds !== null && bySeeds !== 0)) settle.push('days');
  if (byRows === null && bySeeds === null) settle.push('days');
  if (settle.length === 0) settle.push('seeds', 'days'); // seeds and rows point opposite ways
  const needs = settle.map((s) => (s === 'seeds' ? 'more seeds (repeats)' : 'more test days (more data)'));
  return {
    ...base,
    kind: 'indistinguishable',
    settle,
    sentence: `${where}: not distinguishable at this data size (${evidence}); ${needs.join(' and ')} would settle it.`,
  };
}

/** Every grouping except the baseline, per channel and segment, in the results' order. */
export function verdictsOf(
  rigor: RigorResults,
  groupings: readonly string[],
  baseline: string,
  segments: readonly SegmentId[] = SEGMENT_IDS,
): Verdict[] {
  return groupings
    .filter((g) => g !== baseline && rigor.apRel[g])
    .flatMap((g) =>
      (['promo', 'ad'] as const).flatMap((c) => segments.map((s) => verdictOf(rigor, g, baseline, c, s))),
    );
}
