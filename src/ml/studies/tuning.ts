/**
 * Tuning with an equal budget per grouping (core/config/tuning.ts): before a comparison with
 * rigor.tune = N, each grouping trains the same N recipes once on the config's seed; each trial
 * is scored on validation only, with the grouping's own selection rule (the mean over the channels
 * it trains on of validation AP at its best epoch), and the best recipe is kept. The test split is
 * not read here: the comparison that follows trains each grouping with its chosen recipe on the
 * repeats' seeds and scores the test rows once.
 */
import { type Arm, comparisonArms } from '../../core/config/arms';
import type { ExperimentConfig } from '../../core/config/experiment';
import { SEARCH_SPACE, sampleRecipes, withRecipe } from '../../core/config/tuning';
import { type PreparedData, rowsBySource } from '../../core/data/prepare';
import type { TuningResults, TuningTrial } from '../../core/results/tuning-schema';
import { selectionScore } from '../../core/metrics/validation';
import type { RunOptions } from '../train/run-types';
import { runExperiment } from '../train/runner';

export const SELECTION_RULE =
  "the grouping's own model-selection score: mean over the channels it trains on of validation AP " +
  "of that channel's stream head, at the trial's best epoch; ties go to the earlier trial";

/** The arms of the comparison, each with its own chosen recipe, and what the search did. */
export async function tuneArms(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: RunOptions,
): Promise<{ arms: Arm[]; tuning: TuningResults }> {
  const n = cfg.rigor.tune;
  const recipes = sampleRecipes(n, cfg.seed, cfg.model, cfg.train);
  const arms = comparisonArms(cfg);
  const trainRows = rowsBySource(data.table, data.split.train);
  const groupings: TuningResults['groupings'] = {};
  const tuned: Arm[] = [];
  for (const [a, arm] of arms.entries()) {
    const trials: TuningTrial[] = [];
    for (const [i, recipe] of recipes.entries()) {
      const { model, train } = withRecipe(cfg.model, arm.train, recipe);
      const trial: Arm = { ...arm, model, train };
      const done = (a * n + i) / (arms.length * n);
      const t0 = performance.now();
      const out = await runExperiment(data, cfg, {
        ...opts,
        arms: [trial],
        baseline: arm.id,
        seed: cfg.seed,
        checkpoint: opts.checkpoint
          ? (phase, _message, f) =>
              opts.checkpoint!(
                phase,
                `tuning ${arm.id}: recipe ${i + 1} of ${n}`,
                f === undefined ? done : done + f / (arms.length * n),
              )
          : undefined,
      });
      const g = out.results.groupings[0];
      const best = g.bestEpoch ? g.history[g.bestEpoch - 1] : undefined;
      const aps = Object.fromEntries(
        arm.grouping.trainsOn.map((c) => [c, best?.valAp[c] ?? undefined] as const),
      );
      const rows = arm.grouping.trainsOn.reduce((s, c) => s + trainRows[c].length, 0);
      trials.push({
        index: i,
        recipe,
        valAp: selectionScore(aps) ?? null,
        epochs: g.history.length,
        steps: g.history.length * Math.ceil(rows / train.batchSize),
        ms: Math.round(performance.now() - t0),
      });
    }
    const chosen = bestTrial(trials);
    groupings[arm.id] = { trials, chosen };
    const { model, train } = withRecipe(cfg.model, arm.train, recipes[chosen]);
    tuned.push({ ...arm, model, train });
  }
  return {
    arms: tuned,
    tuning: {
      trials: n,
      seed: cfg.seed,
      method: 'random search',
      space: { ...SEARCH_SPACE },
      selection: SELECTION_RULE,
      groupings,
    },
  };
}

/** The trial with the highest validation score (the earliest on a tie; trial 0 when none scored). */
export function bestTrial(trials: readonly Pick<TuningTrial, 'valAp'>[]): number {
  let best = 0;
  trials.forEach((t, i) => {
    const b = trials[best].valAp;
    if (t.valAp !== null && (b === null || t.valAp > b)) best = i;
  });
  return best;
}
