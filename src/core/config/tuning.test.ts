import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { normalizeConfig } from './normalize';
import {
  halvingRungs,
  rankTrials,
  recipeOf,
  sampleRecipes,
  SEARCH_SPACE,
  TUNING_STUDY_BUDGET,
  withRecipe,
  withStudyBudget,
} from './tuning';
import { decodeConfig, encodeConfig } from './url-codec';

const { model, train } = DEFAULT_CONFIG;

describe('the tuning search', () => {
  it('starts from the config’s own recipe, then draws the same candidates for the same seed', () => {
    const a = sampleRecipes(8, 5, model, train);
    expect(a).toHaveLength(8);
    expect(a[0]).toEqual(recipeOf(model, train));
    expect(sampleRecipes(8, 5, model, train)).toEqual(a);
    expect(sampleRecipes(8, 6, model, train)).not.toEqual(a);
    expect(sampleRecipes(1, 5, model, train)).toEqual([a[0]]);
  });

  it('draws within the documented space', () => {
    for (const r of sampleRecipes(64, 1, model, train).slice(1)) {
      expect(r.learningRate).toBeGreaterThanOrEqual(3e-4 * 0.999);
      expect(r.learningRate).toBeLessThanOrEqual(1e-2 * 1.001);
      expect(r.embeddingScale).toBeGreaterThanOrEqual(0.01 * 0.999);
      expect(r.embeddingScale).toBeLessThanOrEqual(1.001);
      expect([3, 4, 6]).toContain(r.maxEpochs);
      expect([8, 16, 32]).toContain(r.embeddingDim);
      expect([0, 0.1, 0.2]).toContain(r.dropout);
      expect([0.9, 0.99]).toContain(r.bnMomentum);
    }
    expect(Object.keys(SEARCH_SPACE).sort()).toEqual(Object.keys(recipeOf(model, train)).sort());
  });

  it('a recipe replaces exactly its fields', () => {
    const r = sampleRecipes(2, 3, model, train)[1];
    const out = withRecipe(model, train, r);
    expect(recipeOf(out.model, out.train)).toEqual(r);
    expect(out.model.encoderUnits).toEqual(model.encoderUnits);
    expect(out.train.batchSize).toBe(train.batchSize);
    expect(out.train.patience).toBe(train.patience);
  });
});

describe('successive halving', () => {
  it('trains n, then the better half rounded up, down to a last rung of two', () => {
    expect(halvingRungs(8)).toEqual([8, 4, 2]);
    expect(halvingRungs(5)).toEqual([5, 3, 2]);
    expect(halvingRungs(3)).toEqual([3, 2]);
    expect(halvingRungs(2)).toEqual([2]);
    expect(halvingRungs(1)).toEqual([]); // the config's own recipe: nothing to compare
    expect(halvingRungs(0)).toEqual([]);
    // 8 recipes cost 14 trainings per grouping, not 8 x 3 seeds = 24.
    expect(halvingRungs(8).reduce((s, k) => s + k, 0)).toBe(14);
  });

  it('ranks further rungs first, then the mean score, unscored last, ties to the earlier trial', () => {
    const ranked = rankTrials([
      { index: 0, valAp: 0.2, seeds: 2 },
      { index: 1, valAp: 0.9, seeds: 1 }, // one lucky seed does not beat two good ones
      { index: 2, valAp: 0.3, seeds: 2 },
      { index: 3, valAp: null, seeds: 2 },
      { index: 4, valAp: 0.2, seeds: 2 },
    ]);
    expect(ranked.map((t) => t.index)).toEqual([2, 0, 4, 3, 1]);
    // Older results (one seed each, no count) rank by score.
    expect(
      rankTrials([
        { index: 0, valAp: 0.1 },
        { index: 1, valAp: 0.2 },
      ]).map((t) => t.index),
    ).toEqual([1, 0]);
  });
});

describe('a tuning study’s budget', () => {
  it('always searches: a budget below 2 becomes TUNING_STUDY_BUDGET, with a notice', () => {
    expect(TUNING_STUDY_BUDGET).toBe(8);
    const bare = decodeConfig('v=2&study=tuning');
    expect(bare.config.study.kind).toBe('tuning');
    expect(bare.config.rigor.tune).toBe(8);
    expect(bare.notices).toEqual([
      'a tuning study tries at least 2 recipes per grouping; tune=0 is raised to 8',
    ]);
    expect(decodeConfig('v=2&study=tuning&tune=1').config.rigor.tune).toBe(8);
    const chosen = decodeConfig('v=2&study=tuning&tune=3');
    expect(chosen.config.rigor.tune).toBe(3);
    expect(chosen.notices).toEqual([]);
    // The CLI's --config JSON and the form go through the same normalisation.
    expect(normalizeConfig({ study: { kind: 'tuning' } }).config.rigor.tune).toBe(8);
  });

  it('round-trips study=tuning&tune=N through a link, the budget written out', () => {
    const cfg = decodeConfig('v=2&study=tuning&tune=4&seed=9').config;
    const qs = encodeConfig(cfg).toString();
    expect(qs).toBe('v=2&seed=9&tune=4&study=tuning');
    const back = decodeConfig(qs);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(cfg);
    // A bare study=tuning link, once opened, shares the budget that runs.
    expect(encodeConfig(decodeConfig('v=2&study=tuning').config).get('tune')).toBe('8');
  });

  it('leaves tune=N on a comparison (and old links) as it was', () => {
    for (const link of ['v=2&tune=4', 'v=1&tune=4']) {
      const r = decodeConfig(link);
      expect(r.config.study.kind).toBe('comparison');
      expect(r.config.rigor.tune).toBe(4);
      expect(r.notices).toEqual([]);
    }
    expect(decodeConfig('v=2&tune=1').config.rigor.tune).toBe(1);
    expect(decodeConfig('v=2').config.rigor.tune).toBe(0);
    const comparison = { ...DEFAULT_CONFIG, rigor: { ...DEFAULT_CONFIG.rigor, tune: 1 } };
    expect(withStudyBudget(comparison)).toBe(comparison);
    const tuning = { ...comparison, study: { ...comparison.study, kind: 'tuning' as const } };
    expect(withStudyBudget(tuning).rigor.tune).toBe(8);
    const searched = withStudyBudget(tuning);
    expect(withStudyBudget(searched)).toBe(searched);
  });
});
