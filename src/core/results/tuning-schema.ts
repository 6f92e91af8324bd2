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

/** One trial: a recipe trained once on the config's seed and scored on validation only. */
const trialSchema = z.strictObject({
  /** 0-based; trial 0 is the config's own recipe. */
  index: count,
  recipe: recipeSchema,
  /** The grouping's selection score at its best epoch (mean validation AP of its channels). */
  valAp: z.number().nullable(),
  /** Epochs trained (early stopping may end before the recipe's maxEpochs) and training steps. */
  epochs: count,
  steps: count,
  ms: z.number().nonnegative(),
});

export const tuningSchema = z.strictObject({
  /** Recipes tried per grouping (the same candidates for every grouping). */
  trials: z.int().positive(),
  /** Seed of the random search and of every trial's training. */
  seed: count,
  method: z.literal('random search'),
  /** The search space, field by field, in words. */
  space: z.record(z.string(), z.string()),
  /** How a trial is scored and the recipe chosen. */
  selection: z.string().min(1),
  groupings: z.record(
    z.string(),
    z.strictObject({
      trials: z.array(trialSchema).min(1),
      /** Index of the chosen trial (highest valAp; the earliest on a tie). */
      chosen: count,
    }),
  ),
});

export type TuningResults = z.infer<typeof tuningSchema>;
export type TuningTrial = TuningResults['groupings'][string]['trials'][number];
