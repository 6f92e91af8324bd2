/**
 * The results' `tuning` section (docs/results-format.md): what each grouping's search tried and
 * chose (core/config/tuning.ts). The schema is the source of the type (z.infer), so they cannot
 * drift.
 */
import { z } from 'zod';
import { EMBEDDING_INITS, LR_SCHEDULES, WIDTH_RULES } from '../config/experiment';

const count = z.int().nonnegative();

/** One point of the search space (core/config/tuning.ts Recipe). */
export const recipeSchema = z.strictObject({
  learningRate: z.number().positive(),
  lrSchedule: z.enum(LR_SCHEDULES),
  maxEpochs: z.int().positive(),
  embeddingDim: z.int().positive(),
  embeddingWidth: z.enum(WIDTH_RULES),
  embeddingInit: z.enum(EMBEDDING_INITS),
  embeddingScale: z.number().positive(),
  dropout: z.number().min(0).max(1),
  bnMomentum: z.number().min(0).max(1),
  weightDecayEmbeddings: z.number().nonnegative(),
  weightDecayDense: z.number().nonnegative(),
});

const channelAp = z.strictObject({ promo: z.number().nullable(), ad: z.number().nullable() });

/**
 * One trial: a recipe trained on one or more seeds (one per halving rung it reached) and scored on
 * validation only.
 */
const trialSchema = z.strictObject({
  /** 0-based; trial 0 is the config's own recipe. */
  index: count,
  recipe: recipeSchema,
  /**
   * The grouping's selection score at its best epoch (mean validation AP of its channels), mean
   * over the seeds it ran on; null when it never trained or never scored.
   */
  valAp: z.number().nullable(),
  /** Seeds it trained on (config seed, seed + 1, ...): the halving rung it reached + 1. */
  seeds: count.optional(),
  /**
   * Validation AP per channel of its selected model, scored as the test rows are (the spec's
   * cross-channel rule, so also on a channel it does not train on), mean over its seeds: what the
   * verdict's robustness across recipes compares.
   */
  valApByChannel: channelAp.optional(),
  /** Epochs trained over all its seeds (early stopping may end before maxEpochs) and steps. */
  epochs: count,
  steps: count,
  ms: z.number().nonnegative(),
});

export const tuningSchema = z.strictObject({
  /** Recipes tried per grouping (the same candidates for every grouping). */
  trials: z.int().positive(),
  /** Seed of the random search and of every trial's training. */
  seed: count,
  /** 'successive halving' since the halving search; older results say 'random search' (one seed per trial). */
  method: z.enum(['successive halving', 'random search']),
  /** Recipes trained per rung of the halving (e.g. [8, 4, 2]); their sum is the trainings per grouping. */
  rungs: z.array(z.int().positive()).optional(),
  /** The search space, field by field, in words. */
  space: z.record(z.string(), z.string()),
  /** How a trial is scored and the recipe chosen. */
  selection: z.string().min(1),
  groupings: z.record(
    z.string(),
    z.strictObject({
      trials: z.array(trialSchema).min(1),
      /** Index of the chosen trial (the last rung's best mean valAp; the earliest on a tie). */
      chosen: count,
      /** Trial indices best first (further rungs, then mean valAp): the chosen one, then its runners-up. */
      ranking: z.array(count).optional(),
    }),
  ),
});

export type TuningResults = z.infer<typeof tuningSchema>;
export type TuningTrial = TuningResults['groupings'][string]['trials'][number];
