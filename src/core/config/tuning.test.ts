import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { recipeOf, sampleRecipes, SEARCH_SPACE, withRecipe } from './tuning';

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
