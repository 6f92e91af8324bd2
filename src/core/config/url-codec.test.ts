import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_CONFIG } from '../data/simulator';
import { DEFAULT_CONFIG, V1_DEFAULT_CONFIG } from './defaults';
import { normalizeConfig } from './normalize';
import { decodeConfig, encodeConfig } from './url-codec';

describe('config URL codec', () => {
  it('writes only the version for the default config', () => {
    expect(encodeConfig(DEFAULT_CONFIG).toString()).toBe('v=2');
  });

  it('round-trips a changed config exactly', () => {
    const cfg = {
      ...DEFAULT_CONFIG,
      seed: 7,
      groupings: ['promo-mtl', 'joint-5task'] as const,
      train: { ...DEFAULT_CONFIG.train, learningRate: 0.001, promoShare: 'natural' as const },
      model: { ...DEFAULT_CONFIG.model, encoderUnits: [64, 32, 16] },
      data: { kind: 'sim' as const, sim: { ...DEFAULT_SIM_CONFIG, days: 9 } },
    } as typeof DEFAULT_CONFIG;
    const qs = encodeConfig(cfg).toString();
    expect(qs).toContain('seed=7');
    expect(qs).toContain('groupings=promo-mtl%2Cjoint-5task');
    const back = decodeConfig(qs);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(cfg);
  });

  it('clamps huge and negative numbers and reports each', () => {
    const r = decodeConfig('v=2&batch=1e12&users=-5&lr=NaN');
    expect(r.config.train.batchSize).toBe(8192);
    expect((r.config.data as { sim: { users: number } }).sim.users).toBe(10);
    expect(r.config.train.learningRate).toBe(DEFAULT_CONFIG.train.learningRate);
    expect(r.notices).toHaveLength(3);
  });

  it('reads a v=1 link with the v1 defaults, so it keeps meaning the run it was made for', () => {
    const r = decodeConfig('v=1&seed=3&lr=0.004');
    expect(r.notices).toEqual([]);
    expect(r.config).toEqual({
      ...V1_DEFAULT_CONFIG,
      seed: 3,
      train: { ...V1_DEFAULT_CONFIG.train, learningRate: 0.004 },
    });
    // Shared again, it becomes a v=2 link that spells out where the v1 defaults differ.
    const again = decodeConfig(encodeConfig(r.config));
    expect({ ...again.config, version: 1 }).toEqual(r.config);
    expect(encodeConfig(r.config).get('v')).toBe('2');
  });

  it('gives defaults and a notice for an unknown version or no version', () => {
    for (const qs of ['v=99&seed=3', 'seed=3']) {
      const r = decodeConfig(qs);
      expect(r.config).toEqual(DEFAULT_CONFIG);
      expect(r.notices[0]).toMatch(/defaults are used/);
    }
  });

  it('ignores unknown groupings and keys but keeps the known ones', () => {
    const r = decodeConfig('https://x.test/?v=2&groupings=joint-5task,<script>,nope&zzz=1');
    expect(r.config.groupings).toEqual(['promo-mtl', 'joint-5task']);
    expect(r.notices.join('\n')).toMatch(/unknown parameter zzz/);
    expect(r.notices.join('\n')).toMatch(/ignored unknown <script>, nope/);
  });
});

describe('normalizeConfig', () => {
  it('merges a partial JSON config over the defaults and reports unknown fields', () => {
    const r = normalizeConfig({ seed: 3, train: { maxEpochs: 2, bogus: 1 }, model: { encoderUnits: [8] } });
    expect(r.config.seed).toBe(3);
    expect(r.config.train.maxEpochs).toBe(2);
    expect(r.config.train.batchSize).toBe(DEFAULT_CONFIG.train.batchSize);
    expect(r.config.model.encoderUnits).toEqual([8]);
    expect(r.notices).toEqual(['unknown field train.bogus; ignored']);
  });
});
