/**
 * Test fixture (not app code): one small, valid study of each kind, for the review deck's unit
 * tests and e2e/deck.spec.ts (which seeds History with them). A comparison whose joint-5task
 * recorded gradient cosines (so it has a diagnostics slide); an ablation grid of joint-5task with
 * three arms over three seeds and the paired bootstrap on; a cold start of ad_stream over three
 * seeds and four budgets, with the simulator's ceiling.
 */
import { DEFAULT_CONFIG } from '../config/defaults';
import type { ColdStartPoint, ColdStartResults } from './cold-start-types';
import type { EpochRecord, ExperimentResults } from './results-types';
import { iv, rigorFixtureResults } from './rigor-fixture';
import type { StudyOf } from './study-results';

/** The config every fixture study trained under (the defaults, seed 7). */
export const STUDY_FIXTURE_CONFIG = { ...DEFAULT_CONFIG, seed: 7 };

const epoch = (n: number, cosines: readonly [number | null, number, number]): EpochRecord => ({
  epoch: n,
  trainLoss: {},
  valAp: {},
  valApByTask: {},
  ms: 100,
  gradCosine: [
    { a: 'promo_stream', b: 'ad_stream', cosine: cosines[0] },
    { a: 'promo_stream', b: 'click', cosine: cosines[1] },
    { a: 'ad_stream', b: 'click', cosine: cosines[2] },
  ],
});

/** The rigor fixture's three groupings; joint-5task has three heads and cosines at epochs 1-2. */
export function comparisonFixture(): StudyOf<'comparison'> {
  const base = rigorFixtureResults();
  const groupings = base.groupings.map((g) =>
    g.id === 'joint-5task'
      ? {
          ...g,
          heads: ['promo_stream', 'ad_stream', 'click'] as const,
          history: [epoch(1, [0.2, -0.1, 0.05]), epoch(2, [null, -0.3, 0.1])],
          bestEpoch: 2,
        }
      : g,
  );
  return { kind: 'comparison', results: { ...base, config: STUDY_FIXTURE_CONFIG, groupings } };
}

/** The rigor fixture's groupings renamed to the grid's arms (every id and key, by its JSON text). */
const ARM_OF: Readonly<Record<string, string>> = {
  'promo-mtl': 'full',
  'joint-5task': 'no-anc',
  'ads-stream': 'no-mask',
};

/** A grid of joint-5task: full (the reference), ancillary heads off and the loss mask off. */
export function ablationFixture(): StudyOf<'ablation'> {
  const json = JSON.stringify(rigorFixtureResults()).replace(
    /"(promo-mtl|joint-5task|ads-stream)"/g,
    (_, id: string) => `"${ARM_OF[id]}"`,
  );
  const renamed = JSON.parse(json) as ExperimentResults;
  const results: ExperimentResults = {
    ...renamed,
    config: STUDY_FIXTURE_CONFIG,
    ablation: {
      target: 'joint-5task',
      arms: [
        { id: 'full', change: 'as configured' },
        { id: 'no-anc', change: 'ancillary heads off' },
        { id: 'no-mask', change: 'loss mask off' },
      ],
      skipped: [{ change: 'drop feature group audio', reason: 'no audio columns in the data' }],
    },
  };
  return { kind: 'ablation', results };
}

const BUDGETS = [1, 5, 20, 100] as const;

/**
 * A method's points: AP on all rows rising with the budget from `start` by `step` (0.02 either
 * side as its interval); on less-streamed shows 0.8 times that, without an interval.
 */
function curve(start: number, step: number): ColdStartPoint[] {
  return BUDGETS.map((budget, k) => {
    const ap = start + k * step;
    return {
      budget,
      labels: budget * 24,
      ap: { all: iv(ap, ap - 0.02, ap + 0.02), 'less-streamed': iv(ap * 0.8) },
    };
  });
}

/** ad_stream as the new objective; finetune's less-streamed AP is undefined at the smallest budget. */
export function coldStartFixture(): StudyOf<'cold-start'> {
  const finetune = curve(0.16, 0.03);
  finetune[0] = { ...finetune[0], ap: { ...finetune[0].ap, 'less-streamed': iv(null) } };
  const results: ColdStartResults = {
    task: 'ad_stream',
    nearestHead: 'promo_stream',
    sources: ['ad'],
    encoder: 'shared-bottom',
    budgets: BUDGETS,
    seeds: [7, 8, 9],
    testRows: 2400,
    testPositives: 60,
    methods: { scratch: curve(0.05, 0.05), direct: curve(0.15, 0), finetune },
    ceiling: { all: 0.42, 'less-streamed': 0.35 },
  };
  return { kind: 'cold-start', results };
}
