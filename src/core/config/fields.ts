/**
 * One declarative table of the experiment's fields. It both reads and writes the URL and
 * validates any partial config (JSON from the CLI, a URL, the UI), so every number is clamped
 * to its range in one place. Defaults are left out of URLs to keep links short.
 */
import { TASKS } from '../data/schema';
import { ARM_IDS } from './ablation';
import {
  BALANCING_KINDS,
  EMBEDDING_INITS,
  ENCODER_KINDS,
  type ExperimentConfig,
  GROUPING_IDS,
  LR_SCHEDULES,
  STUDY_KINDS,
  VARY_KINDS,
  WIDTH_RULES,
} from './experiment';

export type FieldKind =
  | { readonly type: 'int'; readonly min: number; readonly max: number }
  | { readonly type: 'float'; readonly min: number; readonly max: number }
  /** A number in [min, max] or the literal word. */
  | { readonly type: 'float-or'; readonly min: number; readonly max: number; readonly word: string }
  | {
      readonly type: 'int-list';
      readonly min: number;
      readonly max: number;
      readonly minLen: number;
      readonly maxLen: number;
    }
  | { readonly type: 'enum'; readonly values: readonly string[] }
  /** Known values of a list, unknown ones dropped with a note; empty only when `empty` says it means something. */
  | { readonly type: 'enum-list'; readonly values: readonly string[]; readonly empty?: 'allowed' };

/** A value the field table treats as one field: a number, a word, a flag or a list. */
type Leaf = string | number | boolean | readonly unknown[];
/**
 * The dotted path of every leaf of T ('seed', 'train.learningRate', 'data.sim.users', ...), so
 * a misspelt path in the table below or in fieldAt is a type error. Unions are followed branch by
 * branch (`data` is sim, url or file).
 */
export type ConfigPath<T = ExperimentConfig> = T extends Leaf
  ? never
  : { [K in keyof T & string]: T[K] extends Leaf ? K : `${K}.${ConfigPath<T[K]>}` }[keyof T & string];

export interface Field {
  /** Query-parameter name. */
  readonly key: string;
  /** Path of the value inside ExperimentConfig. */
  readonly path: readonly string[];
  readonly kind: FieldKind;
  readonly help: string;
}

const int = (min: number, max: number): FieldKind => ({ type: 'int', min, max });
const float = (min: number, max: number): FieldKind => ({ type: 'float', min, max });
const f = (key: string, path: ConfigPath, kind: FieldKind, help: string): Field => ({
  key,
  path: path.split('.'),
  kind,
  help,
});

export const FIELDS: readonly Field[] = [
  f('seed', 'seed', int(0, 2 ** 31 - 1), 'one seed for data, shuffles, initialisation and sampling'),
  f('groupings', 'groupings', { type: 'enum-list', values: GROUPING_IDS }, 'task groupings to train'),
  f(
    'baseline',
    'baseline',
    { type: 'enum', values: GROUPING_IDS },
    'grouping that relative changes compare to',
  ),
  f('train_days', 'split.trainFraction', float(0.1, 0.9), 'fraction of distinct days for training'),
  f('val_days', 'split.valFraction', float(0.05, 0.45), 'fraction of distinct days for validation'),
  f('emb', 'model.embeddingDim', int(1, 64), 'embedding width (the largest, under the fourth-root rule)'),
  f(
    'emb_width',
    'model.embeddingWidth',
    { type: 'enum', values: WIDTH_RULES },
    'embedding width rule: fixed, or min(emb, ceil(6 V^(1/4))) for V ids',
  ),
  f(
    'emb_init',
    'model.embeddingInit',
    { type: 'enum', values: EMBEDDING_INITS },
    'embedding initialisation: normal N(0, scale^2) or uniform U(-scale, scale)',
  ),
  f(
    'emb_scale',
    'model.embeddingScale',
    float(1e-4, 4),
    'embedding initial std (normal) or half-width (uniform)',
  ),
  f(
    'dropout',
    'model.dropout',
    float(0, 0.9),
    'dropout rate on the representation the towers read (0 = off)',
  ),
  f(
    'bn_momentum',
    'model.bnMomentum',
    float(0, 0.999),
    "share of batch norm's moving statistics kept per step (Keras 0.99, PyTorch 0.9)",
  ),
  f('min_count', 'train.minCount', int(1, 1000), 'training-day count an id needs for its own embedding'),
  f(
    'encoder',
    'model.encoderUnits',
    { type: 'int-list', min: 1, max: 1024, minLen: 1, maxLen: 4 },
    'encoder widths',
  ),
  f(
    'tower',
    'model.towerUnits',
    { type: 'int-list', min: 1, max: 512, minLen: 0, maxLen: 3 },
    'tower widths',
  ),
  ...GROUPING_IDS.map((g) =>
    f(`enc_${g}`, `encoders.${g}`, { type: 'enum', values: ENCODER_KINDS }, `encoder of ${g}`),
  ),
  f('experts', 'model.experts', int(1, 8), 'MMoE experts; PLE shared experts per level'),
  f('task_experts', 'model.taskExperts', int(1, 4), 'PLE experts per head per level'),
  f(
    'expert_units',
    'model.expertUnits',
    { type: 'int-list', min: 1, max: 512, minLen: 1, maxLen: 3 },
    'expert widths (PLE: one level per width)',
  ),
  f(
    'balancing',
    'train.balancing',
    { type: 'enum', values: BALANCING_KINDS },
    'how task losses are combined',
  ),
  f('gradnorm_alpha', 'train.gradnormAlpha', float(0, 3), 'GradNorm asymmetry alpha'),
  f(
    'diag_batches',
    'train.diagnosticBatches',
    int(0, 8),
    'gradient-conflict batches per epoch (0 = off; one backward pass per head each)',
  ),
  f('lr', 'train.learningRate', float(1e-5, 0.1), 'Adam learning rate'),
  f(
    'lr_schedule',
    'train.lrSchedule',
    { type: 'enum', values: LR_SCHEDULES },
    'learning rate over training: constant, or cosine decay to 0',
  ),
  f('wd_emb', 'train.weightDecayEmbeddings', float(0, 1), 'decoupled weight decay on embedding tables'),
  f('wd_dense', 'train.weightDecayDense', float(0, 1), 'decoupled weight decay on dense kernels'),
  f('eps', 'train.adamEpsilon', float(1e-10, 1e-2), 'Adam epsilon'),
  f('batch', 'train.batchSize', int(16, 8192), 'mini-batch size (rows)'),
  f('epochs', 'train.maxEpochs', int(1, 100), 'most epochs'),
  f('patience', 'train.patience', int(0, 20), 'epochs without a better validation AP before stopping'),
  f(
    'promo_share',
    'train.promoShare',
    { type: 'float-or', min: 0, max: 1, word: 'natural' },
    'promo share per batch',
  ),
  f('loss_every', 'train.lossReadEvery', int(1, 1000), 'steps between loss read-backs'),
  f(
    'repeats',
    'rigor.repeats',
    int(1, 20),
    'training seeds per grouping (seed, seed+1, ...); intervals need 2 or more',
  ),
  f(
    'buy_share',
    'rigor.buyShare',
    float(0.01, 1),
    "budget replay: share of each show's ad test impressions bought",
  ),
  f(
    'tune',
    'rigor.tune',
    int(0, 64),
    'recipes tried per grouping on validation before the comparison (0 = the config’s recipe for all; study=tuning: at least 2, else 8)',
  ),
  f(
    'vary',
    'rigor.vary',
    { type: 'enum', values: VARY_KINDS },
    'what varies between repeats: training (same data) or data (simulated data redrawn per repeat)',
  ),
  f('bootstrap', 'rigor.bootstrap', int(0, 10000), 'paired bootstrap resamples over test rows (0 = off)'),
  ...TASKS.map((t) => f(`w_${t}`, `train.taskWeights.${t}`, float(0, 10), `loss weight of ${t}`)),
  f(
    'new_task',
    'coldStart.task',
    { type: 'enum', values: TASKS },
    'cold start: the task playing a new objective',
  ),
  f(
    'budgets',
    'coldStart.budgets',
    { type: 'int-list', min: 1, max: 100, minLen: 1, maxLen: 6 },
    "cold start: % of the new task's training labels kept",
  ),
  f(
    'study',
    'study.kind',
    { type: 'enum', values: STUDY_KINDS },
    'the study the link runs: the comparison of groupings, an ablation grid, the cold start, or tuning (the comparison after an equal search per grouping)',
  ),
  f(
    'ablate',
    'study.ablate',
    { type: 'enum', values: GROUPING_IDS },
    'ablation: the grouping whose grid is trained',
  ),
  f(
    'arms',
    'study.arms',
    { type: 'enum-list', values: ARM_IDS, empty: 'allowed' },
    'ablation: arms to train besides the unchanged model (all when absent)',
  ),
  f('users', 'data.sim.users', int(10, 1_000_000), 'simulated users'),
  f('shows', 'data.sim.shows', int(8, 100_000), 'simulated shows'),
  f('days', 'data.sim.days', int(3, 365), 'simulated days'),
  f('per_day', 'data.sim.impressionsPerDay', int(10, 1_000_000), 'simulated impressions per day'),
  f('ad_share', 'data.sim.adShare', float(0.01, 0.99), 'share of impressions that are ads'),
  f('rate_promo_stream', 'data.sim.baseRates.promoStream', float(1e-4, 0.5), 'promo stream base rate'),
  f('rate_ad_stream', 'data.sim.baseRates.adStream', float(1e-4, 0.5), 'ad stream base rate'),
  f('rate_click', 'data.sim.baseRates.click', float(1e-4, 0.5), 'click base rate'),
  f('rate_like', 'data.sim.baseRates.like', float(1e-4, 0.5), 'like base rate'),
  f('rate_follow', 'data.sim.baseRates.follow', float(1e-4, 0.5), 'follow base rate'),
  f('long_tail', 'data.sim.longTailAdShare', float(0, 1), 'share of ads on long-tail shows'),
  f('affinity', 'data.sim.affinityStrength', float(0, 3), 'strength of the latent user-show affinity'),
];
