/**
 * Types of the rigor section of a results object (docs/results-format.md): repeats over seeds with
 * 95% intervals, paired bootstrap of AP differences, the budget replay (label-based and, on
 * simulated data, expected) and precision-recall curves. Every undefined metric is null.
 */
import type { Source } from '../data/schema';
import type { Metric } from './metric';
import type { SegmentId } from '../metrics/segments';

/**
 * Mean and 95% interval of one metric over repeats (seeds). `values` holds each seed's value in
 * seed order (null = undefined in that seed); mean, lo and hi use the defined values only, and
 * lo/hi are null when fewer than 2 are defined (no interval from one value).
 * Interval: mean +- t(0.975, n-1) * s / sqrt(n), s the sample standard deviation (n-1).
 */
export interface Interval {
  readonly mean: Metric;
  readonly lo: Metric;
  readonly hi: Metric;
  /** Number of defined values. */
  readonly n: number;
  readonly values: readonly Metric[];
}

/**
 * Paired bootstrap over test rows of one channel for the AP difference model - baseline, where
 * each side's AP is averaged over the seeds before differencing. Every resample draws the
 * channel's test rows with replacement (multinomial weights) and applies the same weights to both
 * models, so the comparison is paired.
 */
export interface PairedBootstrap {
  /** Observed difference of seed-mean APs on the segment (model - baseline); null when undefined. */
  readonly diff: Metric;
  /** Observed relative change of the seed-mean APs, (model / baseline) - 1. */
  readonly rel: Metric;
  /** 2.5th and 97.5th percentiles of the resampled differences. */
  readonly lo: Metric;
  readonly hi: Metric;
  /** 2.5th and 97.5th percentiles of the resampled relative changes. */
  readonly relLo: Metric;
  readonly relHi: Metric;
  /**
   * Two-sided bootstrap p-value for "no difference": min(1, 2 * min(a, b)) with
   * a = (1 + #{d_b <= 0}) / (1 + B) and b = (1 + #{d_b >= 0}) / (1 + B).
   */
  readonly p: Metric;
  /** Resamples in which both APs were defined (the others are skipped). */
  readonly resamples: number;
}

/** The segments the bootstrap and the replay tables are reported on (Table 1 and Table 2 rows). */
export const RIGOR_SEGMENTS = ['all', 'less-streamed'] as const satisfies readonly SegmentId[];
export type RigorSegment = (typeof RIGOR_SEGMENTS)[number];

/** Totals of the rows one model bought in one segment (one seed). */
export interface ReplayTotals {
  /** Bought impressions. */
  readonly impressions: number;
  /** Streams among them: stream labels (label replay) or sum of true p(stream) (expected replay). */
  readonly streams: number;
  /** Clicks: click labels over rows with an observed click, or sum of true p(click). */
  readonly clicks: number;
  /** Rows whose click counts toward CTR (observed click label; all rows in the expected replay). */
  readonly clickRows: number;
  /** Sum of cost over bought rows (missing cost counts 1, the impression format's default). */
  readonly cost: number;
}

/** Ratios of ReplayTotals: i2s = streams / impressions, CTR = clicks / clickRows, eCPS = cost / streams. */
export interface ReplayRatios {
  readonly i2s: Metric;
  readonly ctr: Metric;
  readonly ecps: Metric;
  readonly streams: Metric;
}

export const REPLAY_METRICS = [
  'i2s',
  'ecps',
  'ctr',
  'streams',
] as const satisfies readonly (keyof ReplayRatios)[];
export type ReplayMetric = (typeof REPLAY_METRICS)[number];

/** One grouping's replay in one segment, over seeds. */
export interface ReplayCell {
  /** Each metric's value, over seeds. */
  readonly value: Readonly<Record<ReplayMetric, Interval>>;
  /** Each metric relative to the baseline's on the same segment and seed, over seeds. */
  readonly rel: Readonly<Record<ReplayMetric, Interval>>;
  /** Bought impressions in the first seed (the same for every model: each buys round(q * n) per show). */
  readonly impressions: number;
}

/** A replay table: per grouping id, per segment (all, tiers 0-7, less-streamed, high-stream). */
export type ReplayTable = Readonly<Record<string, Readonly<Record<SegmentId, ReplayCell>>>>;

export interface ReplayResults {
  /** Share q of each show's ad test rows that a model buys. */
  readonly buyShare: number;
  /** Outcomes from the logged labels. */
  readonly label: ReplayTable;
  /** Outcomes from the simulator's true probabilities; null for loaded data. */
  readonly expected: ReplayTable | null;
}

/** A precision-recall curve, at most ~200 points, recall ascending. */
export interface PrCurve {
  readonly recall: readonly number[];
  readonly precision: readonly number[];
}

export interface RigorResults {
  /** Training seeds of the repeats, in order (the first is the config's seed). */
  readonly seeds: readonly number[];
  /**
   * What varies between repeats: 'training' (the same data), or 'data and training' (simulated
   * data redrawn per repeat: the intervals over seeds include the data's variance, and the
   * row-level parts, bootstrap, replay and curves, are the first repeat's data and model).
   */
  readonly varies: 'training' | 'data and training';
  /** AP per grouping, channel and segment over seeds. */
  readonly ap: Readonly<Record<string, Readonly<Record<Source, Readonly<Record<SegmentId, Interval>>>>>>;
  /** AP relative to the baseline (same seed, same rows), over seeds. */
  readonly apRel: Readonly<Record<string, Readonly<Record<Source, Readonly<Record<SegmentId, Interval>>>>>>;
  /** Paired bootstrap against the baseline; the baseline itself is left out. */
  readonly bootstrap: Readonly<
    Record<string, Readonly<Record<Source, Readonly<Record<RigorSegment, PairedBootstrap>>>>>
  >;
  /** Bootstrap resamples asked for (0 = bootstrap off). */
  readonly bootstrapResamples: number;
  readonly replay: ReplayResults;
  /** PR curves of the first seed, per grouping and channel (null: no scoring head or no positive). */
  readonly pr: Readonly<Record<string, Readonly<Record<Source, PrCurve | null>>>>;
}
