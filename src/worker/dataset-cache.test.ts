import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import { createDatasetCache, datasetKey } from './dataset-cache';

const CFG: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  data: {
    kind: 'sim',
    sim: { ...DEFAULT_SIM_CONFIG, users: 200, shows: 40, days: 5, impressionsPerDay: 200 },
  },
};

describe('dataset cache', () => {
  it('rebuilds only when the sim settings, seed or split change', () => {
    const cache = createDatasetCache();
    const first = cache.get(CFG);
    expect(
      cache.get({ ...CFG, train: { ...CFG.train, maxEpochs: 9 }, model: { ...CFG.model, embeddingDim: 2 } }),
    ).toBe(first);
    expect(cache.stale({ ...CFG, seed: 2 })).toBe(true);
    expect(cache.stale({ ...CFG, split: { trainFraction: 0.6, valFraction: 0.2 } })).toBe(true);
    const other = cache.get({ ...CFG, seed: 2 });
    expect(other).not.toBe(first);
    expect(other.fingerprint).not.toBe(first.fingerprint);
    expect(cache.get(CFG).fingerprint).toBe(first.fingerprint); // same settings, same data
  });

  it('refuses data other than the simulator', () => {
    expect(() => datasetKey({ ...CFG, data: { kind: 'url', url: 'x.csv' } })).toThrow(/only simulated/);
  });
});
