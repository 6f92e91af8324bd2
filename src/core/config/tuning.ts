/**
 * Tuning with an equal budget per grouping (config rigor.tune = N): N recipes drawn by random
 * search from one documented space, the same N for every grouping, compared by successive
 * halving on validation only: every recipe trains on the config's seed, the better half (by the
 * grouping's own selection rule, averaged over the seeds a recipe has run) trains again on the
 * next seed, and so on until one is left. One validation seed per recipe picked noise at 50k rows
 * (docs/experiments.md); halving spends the extra runs on the recipes still in contention. Each
 * grouping then trains with its own chosen recipe on the repeats' seeds and is tested once.
 */
import { createRng } from '../data/rng';
import type { ExperimentConfig, ModelConfig, TrainConfig } from './experiment';

/**
 * Recipes per grouping of a tuning study (study.kind = 'tuning') whose rigor.tune is below 2:
 * a tuning study always searches, and 8 is the budget docs/experiments.md measured (rungs 8, 4,
 * 2: 14 trainings per grouping before the comparison, about 7x a plain comparison's time).
 */
export const TUNING_STUDY_BUDGET = 8;

/**
 * `cfg` with the budget its study needs: a tuning study with rigor.tune < 2 (nothing to choose
 * between) gets TUNING_STUDY_BUDGET; any other config is returned as it is, so `tune=N` on a
 * comparison keeps meaning what it did. Normalisation applies it (so a link, the CLI and the form
 * show the budget that runs), and the tuning study again for configs built by hand.
 */
export function withStudyBudget(cfg: ExperimentConfig): ExperimentConfig {
  if (cfg.study.kind !== 'tuning' || cfg.rigor.tune >= 2) return cfg;
  return { ...cfg, rigor: { ...cfg.rigor, tune: TUNING_STUDY_BUDGET } };
}

/** One point of the search space: the recipe fields a trial sets (sizes stay the config's). */
export type Recipe = Pick<
  ModelConfig,
  'embeddingDim' | 'embeddingWidth' | 'embeddingInit' | 'embeddingScale' | 'dropout' | 'bnMomentum'
> &
  Pick<
    TrainConfig,
    'learningRate' | 'lrSchedule' | 'maxEpochs' | 'weightDecayEmbeddings' | 'weightDecayDense'
  >;

/** The search space, in words for the results and the docs (each line: field, distribution). */
export const SEARCH_SPACE: Readonly<Record<keyof Recipe, string>> = {
  learningRate: 'log-uniform on [3e-4, 1e-2]',
  lrSchedule: 'constant or cosine, equally likely',
  maxEpochs: '3, 4 or 6, equally likely (patience stays the config’s)',
  embeddingDim: '8, 16 or 32, equally likely',
  embeddingWidth: 'fixed or fourth-root, equally likely',
  embeddingInit: 'normal or uniform, equally likely',
  embeddingScale: 'log-uniform on [0.01, 1] (normal: std; uniform: half-width)',
  dropout: '0, 0.1 or 0.2, equally likely',
  bnMomentum: '0.9 or 0.99, equally likely',
  weightDecayEmbeddings: '0, 1e-5 or 1e-4, equally likely',
  weightDecayDense: '0, 1e-5 or 1e-4, equally likely',
};

const logUniform = (u: number, lo: number, hi: number) =>
  Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
/** Rounded to 3 significant digits, so the recipe reads well and round-trips through a link. */
const sig3 = (x: number) => Number(x.toPrecision(3));

/** The config's own recipe as a Recipe (trial 0 of every search: the defaults are always a candidate). */
export function recipeOf(model: ModelConfig, train: TrainConfig): Recipe {
  return {
    learningRate: train.learningRate,
    lrSchedule: train.lrSchedule,
    maxEpochs: train.maxEpochs,
    embeddingDim: model.embeddingDim,
    embeddingWidth: model.embeddingWidth,
    embeddingInit: model.embeddingInit,
    embeddingScale: model.embeddingScale,
    dropout: model.dropout,
    bnMomentum: model.bnMomentum,
    weightDecayEmbeddings: train.weightDecayEmbeddings,
    weightDecayDense: train.weightDecayDense,
  };
}

/**
 * N recipes: the config's own first, then N - 1 random draws from SEARCH_SPACE with a stream
 * keyed by `seed` (the same draws for every grouping: an equal budget on identical candidates).
 */
export function sampleRecipes(n: number, seed: number, model: ModelConfig, train: TrainConfig): Recipe[] {
  const rng = createRng(seed).fork('tuning');
  const pick = <T>(xs: readonly T[]): T => xs[rng.nextInt(xs.length)];
  const out: Recipe[] = [recipeOf(model, train)];
  while (out.length < n) {
    out.push({
      learningRate: sig3(logUniform(rng.nextFloat(), 3e-4, 1e-2)),
      lrSchedule: pick(['constant', 'cosine'] as const),
      maxEpochs: pick([3, 4, 6]),
      embeddingDim: pick([8, 16, 32]),
      embeddingWidth: pick(['fixed', 'fourth-root'] as const),
      embeddingInit: pick(['normal', 'uniform'] as const),
      embeddingScale: sig3(logUniform(rng.nextFloat(), 0.01, 1)),
      dropout: pick([0, 0.1, 0.2]),
      bnMomentum: pick([0.9, 0.99]),
      weightDecayEmbeddings: pick([0, 1e-5, 1e-4]),
      weightDecayDense: pick([0, 1e-5, 1e-4]),
    });
  }
  return out.slice(0, Math.max(0, n));
}

/** The model and training settings with `r`'s fields in place of theirs. */
export function withRecipe(
  model: ModelConfig,
  train: TrainConfig,
  r: Recipe,
): { model: ModelConfig; train: TrainConfig } {
  return {
    model: {
      ...model,
      embeddingDim: r.embeddingDim,
      embeddingWidth: r.embeddingWidth,
      embeddingInit: r.embeddingInit,
      embeddingScale: r.embeddingScale,
      dropout: r.dropout,
      bnMomentum: r.bnMomentum,
    },
    train: {
      ...train,
      learningRate: r.learningRate,
      lrSchedule: r.lrSchedule,
      maxEpochs: r.maxEpochs,
      weightDecayEmbeddings: r.weightDecayEmbeddings,
      weightDecayDense: r.weightDecayDense,
    },
  };
}

/**
 * Recipes trained in each rung of successive halving over n candidates: n, ceil(n / 2), ... down
 * to 2 (the last rung picks one of two; nothing trains once a single recipe is left). n = 1
 * trains nothing: the config's recipe is the only candidate. Sum = the trainings per grouping.
 */
export function halvingRungs(n: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(n); k > 1; k = Math.ceil(k / 2)) out.push(k);
  return out;
}

/** What ranking needs of a trial: its index, mean validation score and the seeds it ran on. */
export interface RankedTrial {
  readonly index: number;
  /** Mean over its runs of the selection score; null when no run scored. */
  readonly valAp: number | null;
  /** Runs (seeds) it trained on: the rung it reached + 1 (0 when it never trained; absent = 1, older results). */
  readonly seeds?: number;
}

/**
 * Trials best first: further rungs first (a recipe that survived more halvings beat the others on
 * more seeds), then higher mean validation score, unscored last, then the lower index (ties go to
 * the earlier trial, so trial 0, the config's own recipe, wins a tie).
 */
export function rankTrials<T extends RankedTrial>(trials: readonly T[]): T[] {
  return [...trials].sort(
    (a, b) =>
      (b.seeds ?? 1) - (a.seeds ?? 1) ||
      (b.valAp ?? Number.NEGATIVE_INFINITY) - (a.valAp ?? Number.NEGATIVE_INFINITY) ||
      a.index - b.index,
  );
}
