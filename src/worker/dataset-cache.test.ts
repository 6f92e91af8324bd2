import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import { readImpressionCsv } from '../core/data/csv-reader';
import { tableToCsv } from '../core/data/csv-writer';
import { simulate } from '../core/data/simulator';
import { createDatasetCache, NotLoadedError, summaryOf } from './dataset-cache';

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

  it('serves a loaded table only to configs that name it, and prepares it once per split', () => {
    const cache = createDatasetCache();
    const fileCfg: ExperimentConfig = { ...CFG, data: { kind: 'file', name: 'mine.csv' } };
    expect(cache.has(fileCfg)).toBe(false);
    expect(() => cache.get(fileCfg)).toThrow(NotLoadedError);
    const sim = CFG.data.kind === 'sim' ? CFG.data.sim : DEFAULT_SIM_CONFIG;
    const loaded = readImpressionCsv(tableToCsv(simulate(sim, 3)), 'mine.csv');
    if (!loaded.ok) throw new Error(loaded.message);
    const fp = cache.setLoaded({ kind: 'file', name: 'mine.csv' }, loaded.table);
    expect(cache.has(fileCfg)).toBe(true);
    expect(cache.has({ ...CFG, data: { kind: 'file', name: 'other.csv' } })).toBe(false);
    const first = cache.get(fileCfg);
    expect(first.fingerprint).toBe(fp);
    expect(first.data.table).toBe(loaded.table);
    expect(cache.get({ ...fileCfg, seed: 99 })).toBe(first); // the seed does not change a loaded file
    expect(cache.stale({ ...fileCfg, split: { trainFraction: 0.6, valFraction: 0.2 } })).toBe(true);
    expect(cache.table(fileCfg)).toBe(loaded.table);
    // The simulated dataset is still there for a sim config, built independently.
    expect(cache.get(CFG).data.table).not.toBe(loaded.table);
  });

  it('summarises a table that cannot be split instead of throwing', () => {
    const text = 'source,day,user_id,podcast_id,stream\nad,0,u1,p1,1\npromo,1,u2,p2,0\n';
    const r = readImpressionCsv(text, 'two-days.csv');
    if (!r.ok) throw new Error(r.message);
    const summary = summaryOf(r.table, CFG);
    expect(summary.split).toBeNull();
    expect(summary.warnings.map((w) => w.kind)).toContain('few-days');
  });
});
