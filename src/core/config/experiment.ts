/**
 * The experiment: one typed config object that fully determines a run (with its seed).
 * It is what the URL codec will serialise; results never live here.
 */
import type { TaskId } from '../data/schema';
import type { SimConfig } from '../data/simulator-config';

/** Ids of the spec's grouping presets. */
export const GROUPING_IDS = [
  'promo-mtl',
  'promo-stream',
  'ads-stream',
  'ads-anc',
  'joint-5task',
  'ads-stream-pooled',
] as const;
export type GroupingId = (typeof GROUPING_IDS)[number];

/**
 * Source-by-task loss mask m[s][t] (1 = rows of source s add loss to task t).
 * Data, not code: a grouping may carry its own.
 */
export type LossMask = Readonly<Record<'promo' | 'ad', Readonly<Partial<Record<TaskId, 0 | 1>>>>>;

export interface Grouping {
  readonly id: string;
  readonly label: string;
  /** Which sources' rows train this grouping. */
  readonly trainsOn: readonly ('promo' | 'ad')[];
  readonly heads: readonly TaskId[];
  readonly mask: LossMask;
}

export interface ModelConfig {
  /** Embedding width per categorical column (upper bound; small vocabularies get less). */
  readonly embeddingDim: number;
  /** Widths of the shared encoder's dense layers (each followed by batch norm and ReLU). */
  readonly encoderUnits: readonly number[];
  /** Widths of each head tower's hidden layers (ReLU), before its one-logit output. */
  readonly towerUnits: readonly number[];
}

export interface TrainConfig {
  readonly learningRate: number;
  /** Adam epsilon, explicit because webgl's default (1e-4) differs from the others. */
  readonly adamEpsilon: number;
  readonly batchSize: number;
  readonly maxEpochs: number;
  /** Stop after this many epochs without a better validation stream AP. */
  readonly patience: number;
  /** Share of promo rows per mini-batch when a grouping trains on both sources; 'natural' = as in data. */
  readonly promoShare: number | 'natural';
  /** Read the loss back from the device every this many steps. */
  readonly lossReadEvery: number;
  /** Per-task loss weights lambda_t. */
  readonly taskWeights: Readonly<Record<TaskId, number>>;
}

export interface SplitConfig {
  /** Fractions of the distinct days for train and validation; the rest is test. */
  readonly trainFraction: number;
  readonly valFraction: number;
}

export type DataConfig =
  | { readonly kind: 'sim'; readonly sim: SimConfig }
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'file'; readonly name: string };

/** How a comparison is repeated and scored beyond one AP per grouping (docs/experiments.md). */
export interface RigorConfig {
  /** Training seeds per grouping: seed, seed + 1, ... (the data stays the same). */
  readonly repeats: number;
  /** Share q of each show's ad test impressions a model buys in the budget replay. */
  readonly buyShare: number;
  /** Paired bootstrap resamples over test rows; 0 = no bootstrap. */
  readonly bootstrap: number;
}

export interface ExperimentConfig {
  readonly version: 1;
  /** One seed drives simulation, shuffles, initialisation and sampling. */
  readonly seed: number;
  readonly data: DataConfig;
  readonly split: SplitConfig;
  readonly groupings: readonly GroupingId[];
  readonly baseline: GroupingId;
  readonly model: ModelConfig;
  readonly train: TrainConfig;
  readonly rigor: RigorConfig;
}
