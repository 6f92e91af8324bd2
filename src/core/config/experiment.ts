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

/**
 * How a grouping's inputs become each head's representation: the paper's shared bottom (one MLP
 * for every head), MMoE (Ma et al. 2018: shared expert MLPs mixed by a softmax gate per head) or
 * PLE (Tang et al. 2020: per level, shared plus head-specific experts, gated per head, the shared
 * experts' mix feeding the next level).
 */
export const ENCODER_KINDS = ['shared-bottom', 'mmoe', 'ple'] as const;
export type EncoderKind = (typeof ENCODER_KINDS)[number];

/**
 * How the heads' losses are combined: fixed lambda_t (the paper); uncertainty weighting (Kendall
 * et al. 2018, learned log-variances); GradNorm (Chen et al. 2018, learned weights that equalise
 * gradient norms on the last shared layer); PCGrad (Yu et al. 2020, conflicting gradients on the
 * shared parameters projected off each other).
 */
export const BALANCING_KINDS = ['fixed', 'uncertainty', 'gradnorm', 'pcgrad'] as const;
export type BalancingKind = (typeof BALANCING_KINDS)[number];

/**
 * How embedding tables start: 'normal' N(0, scale^2) (scale 1 is PyTorch's nn.Embedding default),
 * 'uniform' U(-scale, scale) (scale 0.05 is Keras's default).
 */
export const EMBEDDING_INITS = ['normal', 'uniform'] as const;
export type EmbeddingInit = (typeof EMBEDDING_INITS)[number];

/**
 * Embedding width per column: 'fixed' gives every column embeddingDim; 'fourth-root' gives a
 * vocabulary of V ids min(embeddingDim, ceil(6 V^(1/4))), so tiny vocabularies stay narrow.
 */
export const WIDTH_RULES = ['fixed', 'fourth-root'] as const;
export type WidthRule = (typeof WIDTH_RULES)[number];

/** Learning rate over training: constant, or cosine decay from lr to 0 over maxEpochs' steps. */
export const LR_SCHEDULES = ['constant', 'cosine'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

export interface ModelConfig {
  /** Embedding width per categorical column (the width rule may give small vocabularies less). */
  readonly embeddingDim: number;
  /** The width rule (WIDTH_RULES). */
  readonly embeddingWidth: WidthRule;
  /** Initial distribution of embedding tables (EMBEDDING_INITS). */
  readonly embeddingInit: EmbeddingInit;
  /** Its scale: the standard deviation ('normal') or the half-width ('uniform'). */
  readonly embeddingScale: number;
  /** Dropout rate on the representation z each tower reads (training only; 0 = off). */
  readonly dropout: number;
  /**
   * Batch norm's moving statistics keep this share per training step (m <- b m + (1 - b) s):
   * Keras's default is 0.99, PyTorch's 0.9 (its momentum=0.1). With few steps per epoch a high
   * value leaves the statistics used at validation and test near their starting values.
   */
  readonly bnMomentum: number;
  /** Widths of the shared encoder's dense layers (each followed by batch norm and ReLU). */
  readonly encoderUnits: readonly number[];
  /** Widths of each head tower's hidden layers (ReLU), before its one-logit output. */
  readonly towerUnits: readonly number[];
  /** MMoE: number of shared experts; PLE: shared experts per level. */
  readonly experts: number;
  /** PLE: head-specific experts per head per level. */
  readonly taskExperts: number;
  /** Experts' dense widths (each followed by batch norm and ReLU); PLE has one level per width. */
  readonly expertUnits: readonly number[];
}

/** The model one arm trains: the config's sizes plus that grouping's encoder. */
export interface ArmModel extends ModelConfig {
  readonly encoder: EncoderKind;
}

export interface TrainConfig {
  readonly learningRate: number;
  /** How the learning rate moves over training (LR_SCHEDULES). */
  readonly lrSchedule: LrSchedule;
  /**
   * Decoupled weight decay (AdamW: p <- p - lr_s wd p each step, lr_s the scheduled rate) on the
   * embedding tables and on the dense kernels; biases and batch-norm parameters never decay.
   */
  readonly weightDecayEmbeddings: number;
  readonly weightDecayDense: number;
  /** Ids seen fewer times than this in the training days share the out-of-vocabulary embedding. */
  readonly minCount: number;
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
  /** How the heads' losses are combined (fixed = the lambda_t above). */
  readonly balancing: BalancingKind;
  /** GradNorm's asymmetry alpha (0 = equal gradient norms; larger pulls slow tasks harder). */
  readonly gradnormAlpha: number;
  /**
   * Training batches per epoch on which the gradient-conflict cosines are measured (at most the
   * epoch's steps; 0 = off). Each costs one backward pass per head.
   */
  readonly diagnosticBatches: number;
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
  /**
   * Recipes tried per grouping before the comparison (core/config/tuning.ts; 0 = every grouping
   * trains with the config's recipe). Chosen on validation AP only, then trained on the repeats.
   * A tuning study always tunes: normalisation raises a budget below 2 to TUNING_STUDY_BUDGET.
   */
  readonly tune: number;
  /**
   * What varies between repeats: 'training' (seed + r for initialisation and sampling, the same
   * data) or 'data' (simulated data only: repeat r also redraws the dataset with seed + r, so the
   * intervals over repeats include the data's variance).
   */
  readonly vary: VaryKind;
}

export const VARY_KINDS = ['training', 'data'] as const;
export type VaryKind = (typeof VARY_KINDS)[number];

/**
 * The new-objective cold start (docs/experiments.md): one task plays a new objective with few
 * labels; scratch, the joint model without it applied directly, and that model fine-tuned are
 * compared at each label budget.
 */
export interface ColdStartConfig {
  readonly task: TaskId;
  /** Shares of the new task's training labels kept, in percent, ascending. */
  readonly budgets: readonly number[];
}

/** The kinds of study a config can start (a link's `study=`; the worker's start-study command). */
export const STUDY_KINDS = ['comparison', 'ablation', 'cold-start', 'tuning'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

/** Kinds that compare the config's groupings against its baseline (tuning chooses recipes first). */
export const comparesGroupings = (kind: StudyKind): boolean => kind === 'comparison' || kind === 'tuning';

/**
 * Which study the experiment is: the comparison of `groupings`, the ablation grid of one grouping
 * (core/config/ablation.ts), the new-objective cold start (`coldStart`), or tuning: the comparison
 * with every grouping's recipe chosen by the same search first (core/config/tuning.ts). A link
 * carries it, so `autorun=1` starts the same study; starting a study from its panel sets it.
 */
export interface StudyConfig {
  readonly kind: StudyKind;
  /** Ablation: the grouping whose grid is trained (its unchanged copy is the grid's baseline). */
  readonly ablate: GroupingId;
  /** Ablation: arm ids to train besides the unchanged model; empty = every arm of the grid. */
  readonly arms: readonly string[];
}

export interface ExperimentConfig {
  /** 2 since the recipe defaults were chosen on evidence; 1: the defaults before (V1_DEFAULT_CONFIG). */
  readonly version: 1 | 2;
  /** One seed drives simulation, shuffles, initialisation and sampling. */
  readonly seed: number;
  readonly data: DataConfig;
  readonly split: SplitConfig;
  readonly groupings: readonly GroupingId[];
  readonly baseline: GroupingId;
  readonly model: ModelConfig;
  /** Encoder per grouping. */
  readonly encoders: Readonly<Record<GroupingId, EncoderKind>>;
  readonly train: TrainConfig;
  readonly rigor: RigorConfig;
  readonly coldStart: ColdStartConfig;
  readonly study: StudyConfig;
}
