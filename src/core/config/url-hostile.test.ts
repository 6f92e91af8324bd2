/**
 * Hostile and broken links: whatever a query string holds, decoding never throws, never yields a
 * non-finite number, falls back to the default (or clamps to the range) for the field concerned,
 * and says so in a short plain-text notice. Round trips: every preset and customised configs.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIM_CONFIG } from '../data/simulator';
import { DEFAULT_CONFIG } from './defaults';
import type { ExperimentConfig } from './experiment';
import { FIELDS } from './fields';
import { getPath, MAX_SIM_ROWS } from './normalize';
import { PRESETS } from './presets';
import { decodeConfig, encodeConfig } from './url-codec';

const PAYLOADS = ['<script>alert(1)</script>', 'javascript:alert(1)', '"><img src=x onerror=alert(1)>'];
const q = (pairs: Record<string, string>) => `v=2&${new URLSearchParams(pairs)}`;
const at = (c: ExperimentConfig, key: string) => getPath(c, FIELDS.find((f) => f.key === key)!.path);
const DEF = (key: string) => at(DEFAULT_CONFIG, key);

/** Every number in the config is finite (no NaN or Infinity can reach training). */
function allFinite(x: unknown): boolean {
  if (typeof x === 'number') return Number.isFinite(x);
  if (x !== null && typeof x === 'object') return Object.values(x).every(allFinite);
  return true;
}

function decodeSafely(query: string) {
  const r = decodeConfig(query);
  expect(allFinite(r.config)).toBe(true);
  for (const n of r.notices) expect(n.length).toBeLessThan(400);
  return r;
}

describe('hostile links: one bad field falls back to its default with a notice', () => {
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['NaN', { lr: 'NaN' }, 'lr', /lr=NaN: not a finite number/],
    ['Infinity', { batch: 'Infinity' }, 'batch', /batch=Infinity: not a finite number/],
    ['a number too big for a double', { seed: '1e400' }, 'seed', /seed=1e400: not a finite number/],
    ['-Infinity', { affinity: '-Infinity' }, 'affinity', /not a finite number/],
    ['an empty value', { epochs: '' }, 'epochs', /epochs=: not a finite number/],
    [
      'unknown groupings only',
      { groupings: 'nope,also-nope' },
      'groupings',
      /groupings=nope,also-nope: no known value/,
    ],
    ['an unknown baseline', { baseline: 'nope' }, 'baseline', /baseline=nope: unknown value/],
    ['too many encoder layers', { encoder: '8,8,8,8,8' }, 'encoder', /encoder=8,8,8,8,8: needs 1..4 values/],
    [
      'a word for promo_share',
      { promo_share: 'half' },
      'promo_share',
      /promo_share=half: not a finite number/,
    ],
    [
      'a 100 KB value',
      { seed: '9'.repeat(100_000) },
      'seed',
      /seed is 100000 characters long; using the default/,
    ],
    [
      'a 100 KB list',
      { groupings: 'joint-5task,'.repeat(9000) },
      'groupings',
      /groupings is \d+ characters long/,
    ],
  ];
  for (const [what, pairs, key, notice] of cases)
    it(what, () => {
      const r = decodeSafely(q(pairs));
      expect(at(r.config, key)).toEqual(DEF(key));
      expect(r.notices.join('\n')).toMatch(notice);
    });

  it('a repeated key is ambiguous: the default, and a notice', () => {
    const r = decodeSafely('v=2&seed=3&seed=4&groupings=promo-mtl&groupings=joint-5task');
    expect(r.config.seed).toBe(DEFAULT_CONFIG.seed);
    expect(r.config.groupings).toEqual(DEFAULT_CONFIG.groupings);
    expect(r.notices).toEqual(
      expect.arrayContaining([
        'seed is given 2 times; using the default',
        'groupings is given 2 times; using the default',
      ]),
    );
  });
});

describe('hostile links: numbers out of range are clamped to the range, with a notice', () => {
  it('huge numbers and negative sizes', () => {
    const r = decodeSafely(q({ batch: '99999999999999999999', users: '-5', shows: '-1e9', epochs: '1e308' }));
    expect(r.config.train.batchSize).toBe(8192);
    expect(r.config.data).toMatchObject({ sim: { users: 10, shows: 8 } });
    expect(r.config.train.maxEpochs).toBe(100);
    expect(r.notices.filter((n) => /clamped to/.test(n))).toHaveLength(4);
  });

  it('days and per_day at their maximum are capped in total rows, not simulated', () => {
    const r = decodeSafely(q({ days: '365', per_day: '1000000' }));
    if (r.config.data.kind !== 'sim') throw new Error('expected simulated data');
    expect(r.config.data.sim.days * r.config.data.sim.impressionsPerDay).toBeLessThanOrEqual(MAX_SIM_ROWS);
    expect(r.notices.join('\n')).toMatch(/per_day is lowered to 5479/);
  });
});

describe('hostile links: script in every kind of value is refused, quoted only as clipped text', () => {
  for (const payload of PAYLOADS)
    it(payload, () => {
      const keys = ['seed', 'lr', 'promo_share', 'encoder', 'baseline', 'groupings'];
      const r = decodeSafely(q(Object.fromEntries(keys.map((k) => [k, payload]))));
      expect(r.config).toEqual(DEFAULT_CONFIG);
      expect(r.notices).toHaveLength(keys.length);
      // As a dataset URL it is refused before any request; as a key name it is an unknown key.
      const data = decodeSafely(q({ data: payload, [payload]: payload }));
      expect(data.config).toEqual(DEFAULT_CONFIG);
      expect(data.notices.join('\n')).toMatch(/data URL/);
      expect(data.notices.join('\n')).toMatch(/unknown parameter/);
      // As the version: defaults entirely.
      expect(decodeSafely(`v=${encodeURIComponent(payload)}&seed=5`).config).toEqual(DEFAULT_CONFIG);
    });

  it('keeps the valid part of a list and names what it ignored', () => {
    const r = decodeSafely(q({ groupings: `joint-5task,${PAYLOADS[2]}` }));
    expect(r.config.groupings).toEqual(['promo-mtl', 'joint-5task']);
    expect(r.notices.join('\n')).toMatch(/ignored unknown "><img/);
  });
});

describe('hostile links: versions, encoding and floods', () => {
  for (const query of ['v=0&seed=5', 'v=3&seed=5', 'seed=5', 'v=2&v=2&seed=5', `v=${'1'.repeat(100_000)}`])
    it(`defaults entirely for ${query.slice(0, 24)}`, () => {
      const r = decodeSafely(query);
      expect(r.config).toEqual(DEFAULT_CONFIG);
      expect(r.notices).toHaveLength(1);
      expect(r.notices[0]).toMatch(/so defaults are used/);
    });

  it('malformed percent-encoding never throws', () => {
    for (const query of ['v=2&seed=%E0%A4%A', 'v=2&lr=%zz', 'v=2&%=%', 'v=2&groupings=%ff%fe', 'v=%', '%%%'])
      expect(() => decodeSafely(query)).not.toThrow();
    expect(decodeSafely('v=2&seed=%E0%A4%A').config.seed).toBe(DEFAULT_CONFIG.seed);
    // The same errors through decodeURIComponent, which does throw on them, must not reach us.
    expect(() => decodeURIComponent('%E0%A4%A')).toThrow();
  });

  it('thousands of unknown keys give a handful of notices', () => {
    const flood = Array.from({ length: 5000 }, (_, i) => `k${i}=1`).join('&');
    const r = decodeSafely(`v=2&${flood}`);
    expect(r.notices).toHaveLength(6);
    expect(r.notices[5]).toBe('4995 more unknown parameters; ignored');
  });
});

describe('round trips', () => {
  for (const [id, preset] of Object.entries(PRESETS))
    it(`the ${id} preset`, () => {
      const back = decodeConfig(encodeConfig(preset));
      expect(back.notices).toEqual([]);
      expect(back.config).toEqual(preset);
    });

  const custom: ExperimentConfig = {
    version: 2,
    seed: 2_147_483_000,
    data: {
      kind: 'sim',
      sim: {
        ...DEFAULT_SIM_CONFIG,
        users: 1234,
        shows: 99,
        days: 17,
        impressionsPerDay: 777,
        adShare: 0.42,
        baseRates: { promoStream: 0.031, adStream: 0.0123, click: 0.004, like: 0.0021, follow: 0.00015 },
        longTailAdShare: 0.61,
        affinityStrength: 2.25,
      },
    },
    split: { trainFraction: 0.6, valFraction: 0.2 },
    groupings: ['promo-stream', 'ads-anc', 'ads-stream-pooled'],
    baseline: 'ads-anc',
    model: {
      ...DEFAULT_CONFIG.model,
      embeddingDim: 5,
      encoderUnits: [300, 7, 3, 1],
      towerUnits: [],
      experts: 5,
      taskExperts: 2,
      expertUnits: [9],
    },
    train: {
      ...DEFAULT_CONFIG.train,
      learningRate: 0.00037,
      adamEpsilon: 3e-9,
      batchSize: 100,
      maxEpochs: 9,
      patience: 0,
      promoShare: 'natural',
      lossReadEvery: 1,
      taskWeights: { promo_stream: 0.5, ad_stream: 2, click: 0, like: 10, follow: 0.125 },
      balancing: 'gradnorm',
      gradnormAlpha: 0.75,
      diagnosticBatches: 0,
    },
    encoders: { ...DEFAULT_CONFIG.encoders, 'ads-anc': 'ple', 'promo-stream': 'mmoe' },
    rigor: { repeats: 7, buyShare: 0.125, bootstrap: 250, tune: 3, vary: 'data' },
    coldStart: { task: 'like', budgets: [2, 10, 50, 100] },
    study: { kind: 'ablation', ablate: 'ads-anc', arms: ['no-anc', 'drop-user', 'encoder-mmoe'] },
  };

  it('a heavily customised simulated config', () => {
    const back = decodeConfig(encodeConfig(custom));
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(custom);
  });

  it('a study link: its kind, an ablation target and arms; unknown arms dropped with a notice', () => {
    const grid = decodeConfig('?v=2&study=ablation&ablate=joint-5task&arms=no-anc,drop-user');
    expect(grid.notices).toEqual([]);
    expect(grid.config.study).toEqual({
      kind: 'ablation',
      ablate: 'joint-5task',
      arms: ['no-anc', 'drop-user'],
    });
    const odd = decodeConfig('?v=2&study=ablation&arms=no-anc,<b>x</b>,drop-everything');
    expect(odd.config.study.arms).toEqual(['no-anc']);
    expect(odd.notices).toEqual(['arms: ignored unknown <b>x</b>, drop-everything']);
    const none = decodeConfig('?v=2&study=ablation&arms=bogus');
    expect(none.config.study.arms).toEqual([]);
    expect(none.notices).toEqual(['arms: ignored unknown bogus']);
    const cold = decodeConfig('?v=2&study=cold-start&new_task=ad_stream');
    expect(cold.config.study.kind).toBe('cold-start');
    expect(cold.config.coldStart.task).toBe('ad_stream');
    expect(decodeConfig('?v=2&study=sweep').notices).toEqual([
      'study=sweep: unknown value; using the default',
    ]);
    expect(encodeConfig(grid.config).toString()).toBe('v=2&study=ablation&arms=no-anc%2Cdrop-user');
  });

  it('a customised config on a dataset URL', () => {
    const url = 'https://data.example/logs/impressions.parquet?token=a%26b&x=1#frag';
    const withUrl: ExperimentConfig = { ...custom, data: { kind: 'url', url } };
    const qs = encodeConfig(withUrl).toString();
    const back = decodeConfig(`https://lab.example/?${qs}`);
    expect(back.notices).toEqual([]);
    expect(back.config).toEqual(withUrl);
  });

  it('a local file is named, not carried, and the receiver is told to open it', () => {
    const qs = encodeConfig({ ...custom, data: { kind: 'file', name: 'my log.csv' } }).toString();
    expect(qs).toContain('file=my+log.csv');
    const back = decodeConfig(qs);
    expect(back.localFile).toBe('my log.csv');
    expect(back.config.data).toEqual(DEFAULT_CONFIG.data);
    expect(back.config.seed).toBe(custom.seed);
    expect(back.notices[0]).toMatch(/local file, my log.csv, which a link cannot carry/);
  });
});
