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
 * both. With tuning, the 'all rows' verdict also says whether it holds across the top recipes:
 * the grouping's and the baseline's best three trials by the search's ranking, compared pairwise
 * on validation AP of the channel (a third kind of evidence: the recipe, not the seed or the rows).
 * Nothing here is a significance test with a corrected level: it reads the intervals as
 * they are, and a reviewer sees them beside the words.
 */
import { formatRel } from '../format/percent';
import { SOURCE_LABEL, type Source } from '../data/schema';
import type { Metric } from '../results/metric';
import type { Interval, PairedBootstrap, RigorResults } from '../results/rigor-types';
import type { TuningResults } from '../results/tuning-schema';
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
  /** With tuning, segment 'all': how the direction fares across the top recipes (else absent). */
  readonly recipes?: RecipeAgreement;
  /** The verdict in one sentence, numbers included. */
  readonly sentence: string;
}

/** Which side of 0 an interval lies on: 1 above, -1 below, 0 straddles, null none. */
function side(lo: Metric, hi: Metric): 1 | -1 | 0 | null {
  if (lo === null || hi === null) return null;
  if (lo > 0) return 1;
  if (hi < 0) return -1;
  return 0;
}

/**
 * The grouping against the baseline across their top recipes: for each pair (one of the
 * grouping's best `top` trials, one of the baseline's), whether the grouping's validation AP on
 * the channel (mean over the trial's seeds) is higher. `holds` says whether a decided verdict's
 * direction is the same in every pair (null for an undecided one: nothing to hold).
 */
export interface RecipeAgreement {
  readonly top: number;
  /** Pairs in which the grouping is ahead, of the pairs where both are defined. */
  readonly ahead: number;
  readonly pairs: number;
  readonly holds: boolean | null;
}

/** The top trials' validation APs on a channel, best trial first (the search's ranking). */
function topValAps(tuning: TuningResults, id: string, channel: Source, top: number): number[] {
  const g = tuning.groupings[id];
  if (!g) return [];
  const order = g.ranking ?? [g.chosen];
  return order
    .slice(0, top)
    .map((i) => g.trials[i]?.valApByChannel?.[channel] ?? null)
    .filter((v): v is number => v !== null);
}

export function recipeAgreement(
  tuning: TuningResults,
  grouping: string,
  baseline: string,
  channel: Source,
  kind: VerdictKind,
  top = 3,
): RecipeAgreement | undefined {
  const a = topValAps(tuning, grouping, channel, top);
  const b = topValAps(tuning, baseline, channel, top);
  if (a.length === 0 || b.length === 0) return undefined;
  let ahead = 0;
  for (const x of a) for (const y of b) if (x > y) ahead++;
  const pairs = a.length * b.length;
  const holds = kind === 'better' ? ahead === pairs : kind === 'worse' ? ahead === 0 : null;
  return { top: Math.max(a.length, b.length), ahead, pairs, holds };
}

function recipeSentence(r: RecipeAgreement): string {
  const what = `across the top ${r.top} recipes of each on validation it is ahead in ${r.ahead} of ${r.pairs} pairs`;
  if (r.holds === null) return ` Recipes: ${what}.`;
  return r.holds
    ? ` Recipes: ${what}; the verdict holds across them.`
    : ` Recipes: ${what}; the verdict does not hold for every recipe.`;
}

/** The verdict of `grouping` against the rigor section's baseline on one channel and segment. */
export function verdictOf(
  rigor: RigorResults,
  grouping: string,
  baseline: string,
  channel: Source,
  segment: SegmentId,
  tuning?: TuningResults,
): Verdict {
  const v = seedVerdict(rigor, grouping, baseline, channel, segment);
  const recipes =
    tuning && segment === 'all' && v.kind !== 'undefined'
      ? recipeAgreement(tuning, grouping, baseline, channel, v.kind)
      : undefined;
  return recipes ? { ...v, recipes, sentence: v.sentence + recipeSentence(recipes) } : v;
}

/** The verdict from the seeds and the rows alone. */
function seedVerdict(
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
    `${formatRel(rel)}`,
    seedInterval.lo !== null && seedInterval.hi !== null
      ? `seeds 95% [${formatRel(seedInterval.lo)}, ${formatRel(seedInterval.hi)}]`
      : 'one seed, no interval over seeds',
    `wins in ${wins} of ${defined.length} seed${defined.length === 1 ? '' : 's'}`,
    ...(usable && usable.relLo !== null && usable.relHi !== null
      ? [`bootstrap 95% [${formatRel(usable.relLo)}, ${formatRel(usable.relHi)}]`]
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
  tuning?: TuningResults,
): Verdict[] {
  return groupings
    .filter((g) => g !== baseline && rigor.apRel[g])
    .flatMap((g) =>
      (['promo', 'ad'] as const).flatMap((c) =>
        segments.map((s) => verdictOf(rigor, g, baseline, c, s, tuning)),
      ),
    );
}
