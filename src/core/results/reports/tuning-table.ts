/**
 * The tuning section as tables (CLI, Markdown report, results view): per grouping its trials with
 * their recipe, validation score, epochs and steps, the chosen one marked; and one line per
 * grouping naming its chosen recipe.
 */
import type { Recipe } from '../../config/tuning';
import type { ExperimentResults } from '../results-types';
import type { TuningResults } from '../tuning-schema';
import { formatAp, formatRel, textTable } from './tables';

/** A recipe in one short line: 'lr 0.002 constant, 4 ep, emb 16 fourth-root uniform 0.05, ...'. */
export function recipeText(r: Recipe): string {
  return (
    `lr ${r.learningRate} ${r.lrSchedule}, ${r.maxEpochs} ep, emb ${r.embeddingDim} ${r.embeddingWidth} ` +
    `${r.embeddingInit} ${r.embeddingScale}, dropout ${r.dropout}, bn ${r.bnMomentum}, ` +
    `wd ${r.weightDecayEmbeddings}/${r.weightDecayDense}`
  );
}

export const TUNING_HEADER = [
  'Grouping',
  'Trial',
  'Validation AP',
  'Seeds',
  'Epochs',
  'Steps',
  'Recipe',
] as const;

/** Rows of every trial of every grouping (the chosen trial's number marked with '*'). */
export function tuningRows(t: TuningResults): string[][] {
  return Object.entries(t.groupings).flatMap(([id, g]) =>
    g.trials.map((trial) => [
      id,
      `${trial.index}${trial.index === g.chosen ? '*' : ''}`,
      formatAp(trial.valAp),
      String(trial.seeds ?? 1),
      String(trial.epochs),
      String(trial.steps),
      recipeText(trial.recipe),
    ]),
  );
}

/**
 * What the search was, in one paragraph (budget, method, selection, seed); `marked`: the tables
 * under it mark the chosen trial with '*' (the slide's table of chosen recipes does not).
 */
export function tuningIntro(t: TuningResults, marked = true): string {
  const rungs = t.rungs?.length
    ? ` in rungs of ${t.rungs.join(', ')} recipes (${t.rungs.reduce((s, k) => s + k, 0)} trainings per grouping; ` +
      `rung r trains on seed ${t.seed} + r)`
    : '';
  return (
    `Tuning: ${t.trials} recipes per grouping by ${t.method}${rungs} (the same candidates for every grouping; ` +
    `trial 0 is the config's own recipe), seed ${t.seed}; chosen on ${t.selection}. ` +
    "Validation AP is the mean over the trial's seeds. The test split is scored once, after the choice." +
    (marked ? ' * = chosen.' : '')
  );
}

/** The tuning section as text for the CLI ('' without one). */
export function formatTuning(results: ExperimentResults): string {
  const t = results.tuning;
  if (!t) return '';
  return `${tuningIntro(t)}\n${textTable(TUNING_HEADER, tuningRows(t))}`;
}

/**
 * The trials as chart rows: per trial (x), per grouping, its validation AP change against its own
 * trial 0 (the config's recipe), in percent; null where either is undefined.
 */
export function tuningChartRows(t: TuningResults): {
  x: string;
  values: Record<string, { mean: number | null; lo: null; hi: null }>;
}[] {
  return Array.from({ length: t.trials }, (_, i) => ({
    x: `trial ${i}`,
    values: Object.fromEntries(
      Object.entries(t.groupings).map(([id, g]) => {
        const v = g.trials[i]?.valAp ?? null;
        const base = g.trials[0]?.valAp ?? null;
        const mean = v === null || base === null || base === 0 ? null : (v / base - 1) * 100;
        return [id, { mean, lo: null, hi: null }];
      }),
    ),
  }));
}

export const TUNING_CHOSEN_HEADER = [
  'Grouping',
  'Chosen trial',
  'Validation AP',
  'vs trial 0',
  'Trainings',
  'Chosen recipe',
] as const;

/**
 * One row per grouping: its chosen trial, that trial's validation AP and its change against the
 * grouping's own trial 0 (the config's recipe; AP / AP0 - 1 as a signed percentage, n/a when
 * either is undefined), the trainings its search spent (sum of seeds over its trials), and the recipe.
 */
export function tuningChosenRows(t: TuningResults): string[][] {
  return Object.entries(t.groupings).map(([id, g]) => {
    const chosen = g.trials[g.chosen];
    const base = g.trials[0]?.valAp ?? null;
    const v = chosen?.valAp ?? null;
    const rel = formatRel(v === null || base === null || base === 0 ? null : v / base - 1);
    return [
      id,
      String(g.chosen),
      formatAp(v),
      g.chosen === 0 ? '(trial 0)' : rel,
      String(g.trials.reduce((s, x) => s + (x.seeds ?? 1), 0)),
      chosen ? recipeText(chosen.recipe) : 'n/a',
    ];
  });
}
