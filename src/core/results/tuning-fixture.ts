/**
 * Test data: a `tuning` section for given grouping ids, as a search of 3 recipes by successive
 * halving (rungs 3, 2) would leave it: trial 0 is DEFAULT_CONFIG's recipe, trials 0 and 2 reached
 * the second rung, and the chosen trial (2) has the best mean validation AP of that rung. Values
 * differ per grouping so tables that mix groupings up show it.
 */
import { DEFAULT_CONFIG } from '../config/defaults';
import { halvingRungs, recipeOf, SEARCH_SPACE } from '../config/tuning';
import type { TuningResults, TuningTrial } from './tuning-schema';

export function tuningSample(ids: readonly string[]): TuningResults {
  const base = recipeOf(DEFAULT_CONFIG.model, DEFAULT_CONFIG.train);
  const recipes = [base, { ...base, learningRate: 0.004 }, { ...base, learningRate: 0.002, dropout: 0.1 }];
  const groupings: TuningResults['groupings'] = {};
  for (const [g, id] of ids.entries()) {
    const ap = [0.2 + g / 100, 0.15 + g / 100, 0.25 + g / 100];
    const seeds = [2, 1, 2];
    const trials: TuningTrial[] = recipes.map((recipe, index) => ({
      index,
      recipe,
      valAp: ap[index],
      seeds: seeds[index],
      valApByChannel: { promo: ap[index], ad: ap[index] / 2 },
      epochs: 3 * seeds[index],
      steps: 120 * seeds[index],
      ms: 1000 * seeds[index],
    }));
    groupings[id] = { trials, chosen: 2, ranking: [2, 0, 1] };
  }
  return {
    trials: 3,
    seed: DEFAULT_CONFIG.seed,
    method: 'successive halving',
    rungs: halvingRungs(3),
    space: { ...SEARCH_SPACE },
    selection: 'the fixture’s rule',
    groupings,
  };
}
