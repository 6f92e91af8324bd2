import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { halvingRungs, rankTrials, recipeOf, sampleRecipes, SEARCH_SPACE, withRecipe } from './tuning';

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
