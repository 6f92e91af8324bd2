/**
 * Tuning with an equal budget per grouping (core/config/tuning.ts): before a comparison with
 * rigor.tune = N, each grouping runs the same N recipes through successive halving on validation:
 * rung r trains the recipes still in contention on seed cfg.seed + r, ranks them by the mean over
 * their seeds of the grouping's own selection score (the mean over the channels it trains on of
 * validation AP at the best epoch) and keeps the better half, until one is left. Trials train
 * through the runner's trainArms, which scores no test row: the test split is not read here. The
 * comparison that follows trains each grouping with its chosen recipe on the repeats' seeds and
 * scores the test rows once.
 */
import { type Arm, comparisonArms } from '../../core/config/arms';
import type { ExperimentConfig } from '../../core/config/experiment';
import { scoringHead } from '../../core/config/groupings';
import { halvingRungs, rankTrials, SEARCH_SPACE, sampleRecipes, withRecipe } from '../../core/config/tuning';
import { SOURCES } from '../../core/data/schema';
import type { PreparedData } from '../../core/data/prepare';
import { averagePrecision } from '../../core/metrics/average-precision';
import { selectionScore, validationRows } from '../../core/metrics/validation';
import type { TuningResults, TuningTrial } from '../../core/results/tuning-schema';
import type { RunOptions } from '../train/run-types';
import { trainArms } from '../train/runner';

export const SELECTION_RULE =
  "successive halving on the grouping's own model-selection score: mean over the channels it trains " +
  "on of validation AP of that channel's stream head at the trial's best epoch, averaged over the " +
  'seeds the trial has run; each rung keeps the better half; ties go to the earlier trial';

/** One run of a trial on one seed (validation only). */
interface TrialRun {
  readonly score: number | null;
  readonly byChannel: Record<'promo' | 'ad', number | null>;
  readonly epochs: number;
  readonly steps: number;
  readonly ms: number;
}

const mean = (xs: readonly (number | null)[]): number | null => {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length ? ok.reduce((s, x) => s + x, 0) / ok.length : null;
};

/** A trial's record from its runs (means over seeds, totals of work). */
function trialOf(index: number, recipe: TuningTrial['recipe'], runs: readonly TrialRun[]): TuningTrial {
  return {
    index,
    recipe,
    valAp: mean(runs.map((r) => r.score)),
    seeds: runs.length,
    valApByChannel: {
      promo: mean(runs.map((r) => r.byChannel.promo)),
      ad: mean(runs.map((r) => r.byChannel.ad)),
    },
    epochs: runs.reduce((s, r) => s + r.epochs, 0),
    steps: runs.reduce((s, r) => s + r.steps, 0),
    ms: Math.round(runs.reduce((s, r) => s + r.ms, 0)),
  };
}

/** The arms of the comparison, each with its own chosen recipe, and what the search did. */
export async function tuneArms(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: RunOptions,
): Promise<{ arms: Arm[]; tuning: TuningResults }> {
  const n = cfg.rigor.tune;
  const recipes = sampleRecipes(n, cfg.seed, cfg.model, cfg.train);
  const rungs = halvingRungs(n);
  const perGrouping = rungs.reduce((s, k) => s + k, 0);
  const arms = comparisonArms(cfg);
  const val = validationRows(data.split.val, data.table.source, data.table.labels);
  const groupings: TuningResults['groupings'] = {};
  const tuned: Arm[] = [];
  let trained = 0; // trainings done over every grouping, for the progress fraction
  for (const arm of arms) {
    const runs: TrialRun[][] = recipes.map(() => []);
    const trialArm = (i: number): Arm => {
      const { model, train } = withRecipe(cfg.model, arm.train, recipes[i]);
      return { ...arm, model, train };
    };
    let alive = recipes.map((_, i) => i);
    for (const [r, size] of rungs.entries()) {
      const inRung = alive;
      const doneBefore = trained;
      await trainArms(
        data,
        cfg,
        {
          ...opts,
          arms: inRung.map(trialArm),
          seed: (cfg.seed + r) >>> 0,
          checkpoint: opts.checkpoint
            ? (phase, _message, f) =>
                opts.checkpoint!(
                  phase,
                  `tuning ${arm.id}: rung ${r + 1} of ${rungs.length}, ${inRung.length} recipes on seed ${cfg.seed + r}`,
                  (doneBefore + (f ?? 0) * inRung.length) / (arms.length * perGrouping),
                )
            : undefined,
        },
        async (t) => {
          const g = t.arm.grouping;
          const best = t.trained.bestEpoch ? t.valAp[t.trained.bestEpoch - 1] : undefined;
          const own = Object.fromEntries(g.trainsOn.map((c) => [c, best?.[c]] as const));
          // Both channels, scored as the test rows will be: what robustness across recipes compares.
          const scores = await t.trained.predict(data.split.val);
          const byChannel = { promo: null, ad: null } as TrialRun['byChannel'];
          for (const c of SOURCES) {
            const head = scoringHead(g, c);
            const s = head && scores[head];
            byChannel[c] = s ? (averagePrecision(s, val.labels.stream, val.positions[c]) ?? null) : null;
          }
          runs[inRung[t.index]].push({
            score: selectionScore(own) ?? null,
            byChannel,
            epochs: t.trained.history.length,
            steps: t.steps,
            ms: t.ms,
          });
          trained++;
        },
      );
      // Every recipe still alive ran this rung (rung sizes are the survivors' counts): keep the better half.
      const ranked = rankTrials(alive.map((i) => trialOf(i, recipes[i], runs[i])));
      alive = ranked.slice(0, Math.ceil(size / 2)).map((t) => t.index);
    }
    const trials = recipes.map((recipe, i) => trialOf(i, recipe, runs[i]));
    const ranking = rankTrials(trials).map((t) => t.index);
    groupings[arm.id] = { trials, chosen: ranking[0], ranking };
    tuned.push(trialArm(ranking[0]));
  }
  return {
    arms: tuned,
    tuning: {
      trials: n,
      seed: cfg.seed,
      method: 'successive halving',
      rungs,
      space: { ...SEARCH_SPACE },
      selection: SELECTION_RULE,
      groupings,
    },
  };
}
