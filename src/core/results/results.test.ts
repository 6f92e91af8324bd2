import { describe, expect, it } from 'vitest';
import { GROUPINGS, paperMask } from '../config/groupings';
import type { Grouping } from '../config/experiment';
import { capturedShare } from '../metrics/headroom';
import { buildResults, parseResults, RESULTS_VERSION, type ResultsInput, resultsToJson } from './results';
import { SEGMENT_IDS } from '../metrics/segments';

// Input rows 0..9; rows 0-1 are training rows, the test rows are 2..9 (positions 0..7).
// row:           0  1  2  3  4  5  6  7  8  9
// source:        P  A  P  P  P  P  A  A  A  A
// stream:        1  1  1  0  1  0  1  0  0  -   (255 = missing)
// tier:          0  0  0  1  4  4  3  3  1  1
// less-streamed: 0  0  0  0  1  1  1  1  0  0
const ancOnly: Grouping = {
  id: 'anc-only',
  label: 'Click only',
  trainsOn: ['promo'],
  heads: ['click'],
  mask: paperMask(['click']),
};

function fixture(): ResultsInput {
  return {
    createdAt: '2024-01-01T00:00:00.000Z',
    backend: 'cpu',
    config: { seed: 1 },
    dataset: { rows: 10 },
    baseline: 'promo-mtl',
    testRows: Int32Array.of(2, 3, 4, 5, 6, 7, 8, 9),
    source: Uint8Array.of(0, 1, 0, 0, 0, 0, 1, 1, 1, 1),
    stream: Uint8Array.of(1, 1, 1, 0, 1, 0, 1, 0, 0, 255),
    tier: Uint8Array.of(0, 0, 0, 1, 4, 4, 3, 3, 1, 1),
    lessStreamed: Uint8Array.of(0, 0, 0, 0, 1, 1, 1, 1, 0, 0),
    groupings: [
      {
        grouping: GROUPINGS['promo-mtl'],
        scores: {
          promo_stream: Float32Array.of(0.9, 0.8, 0.3, 0.4, 0.2, 0.6, 0.5, 0.7),
          click: new Float32Array(8),
        },
        history: [
          {
            trainLoss: { promo_stream: 0.5, click: Number.NaN },
            valAp: { promo: 0.2 },
            valApByTask: { promo_stream: 0.2, click: undefined },
            ms: 100,
          },
          {
            trainLoss: { promo_stream: 0.4, click: 0.3 },
            valAp: { promo: undefined },
            valApByTask: {},
            ms: 90,
          },
        ],
        bestEpoch: 1,
        trainMs: 190,
      },
      {
        grouping: GROUPINGS['ads-stream'],
        scores: { ad_stream: Float32Array.of(0.1, 0.2, 0.3, 0.4, 0.9, 0.1, 0.2, 0.3) },
        history: [],
        trainMs: 50,
      },
      { grouping: ancOnly, scores: { click: new Float32Array(8) }, history: [], trainMs: 10 },
    ],
  };
}

describe('buildResults', () => {
  const r = buildResults(fixture());
  const [base, ads, anc] = r.groupings;

  it('scores each channel with its scoring head, across channels when needed', () => {
    expect(base.scoringHeads).toEqual({ promo: 'promo_stream', ad: 'promo_stream' });
    expect(ads.scoringHeads).toEqual({ promo: 'ad_stream', ad: 'ad_stream' });
    expect(anc.scoringHeads).toEqual({ promo: null, ad: null });
  });

  it('computes Table 1 APs by hand', () => {
    // Baseline promo rows (pos 0-3): .9+ .8- .4- .3+ -> 1/2*1 + 1/2*2/4 = 0.75.
    expect(base.promoAp).toBeCloseTo(0.75, 15);
    // Baseline ad rows (pos 4-6; pos 7 missing): .6- .5- .2+ -> 1/3.
    expect(base.adAp).toBeCloseTo(1 / 3, 7);
    // ads-stream promo: .4- .3+ .2- .1+ -> 1/2*1/2 + 1/2*2/4 = 0.5; ads: .9+ first -> 1.
    expect(ads.promoAp).toBeCloseTo(0.5, 15);
    expect(ads.adAp).toBe(1);
    expect(anc.promoAp).toBeNull();
    expect(anc.adAp).toBeNull();
  });

  it('takes relative changes against the baseline on the same rows', () => {
    expect(base.promoRel).toBe(0);
    expect(ads.promoRel).toBeCloseTo(-1 / 3, 7); // (0.5 - 0.75) / 0.75
    expect(ads.adRel).toBeCloseTo(2, 6); // (1 - 1/3) / (1/3)
    expect(ads.segments.promo['high-stream'].rel).toBeCloseTo(-0.5, 7); // (0.5 - 1) / 1
    expect(ads.segments.ad.tier3.rel).toBeCloseTo(1, 7); // (1 - 0.5) / 0.5
    expect(anc.promoRel).toBeNull();
  });

  it('reports segment APs, rows and positives, with null where undefined', () => {
    expect(base.segments.promo.tier0).toEqual({ ap: 1, rel: 0, rows: 1, positives: 1 });
    expect(base.segments.promo.tier1).toEqual({ ap: null, rel: null, rows: 1, positives: 0 });
    expect(base.segments.promo.tier4.ap).toBeCloseTo(0.5, 15);
    expect(base.segments.promo['less-streamed'].ap).toBeCloseTo(0.5, 15);
    // Ad tier 1 holds pos 6 (stream 0) and pos 7 (missing): 1 observed row, no positive.
    expect(base.segments.ad.tier1).toEqual({ ap: null, rel: null, rows: 1, positives: 0 });
    expect(ads.segments.ad.tier1.rel).toBeNull();
    expect(base.segments.ad.all).toMatchObject({ rows: 3, positives: 1 });
    expect(base.segments.ad.tier7).toEqual({ ap: null, rel: null, rows: 0, positives: 0 });
  });

  it('keeps history with 1-based epochs and null for undefined or non-finite values', () => {
    expect(base.history).toEqual([
      {
        epoch: 1,
        trainLoss: { promo_stream: 0.5, click: null },
        valAp: { promo: 0.2 },
        valApByTask: { promo_stream: 0.2, click: null },
        ms: 100,
      },
      {
        epoch: 2,
        trainLoss: { promo_stream: 0.4, click: 0.3 },
        valAp: { promo: null },
        valApByTask: {},
        ms: 90,
      },
    ]);
    expect(base.bestEpoch).toBe(1);
    expect(ads.bestEpoch).toBeNull();
    expect(base.trainMs).toBe(190);
  });

  it('passes config and dataset through and records the run', () => {
    expect(r).toMatchObject({
      version: RESULTS_VERSION,
      createdAt: '2024-01-01T00:00:00.000Z',
      backend: 'cpu',
      config: { seed: 1 },
      dataset: { rows: 10 },
      baseline: 'promo-mtl',
      testRows: 8,
    });
    expect(base).toMatchObject({
      id: 'promo-mtl',
      trainsOn: ['promo'],
      heads: ['promo_stream', 'click', 'like', 'follow'],
    });
  });

  it('round-trips through JSON with nulls, never NaN', () => {
    const text = resultsToJson(r);
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(parseResults(text)).toEqual(r);
  });

  it('rejects JSON of another version', () => {
    expect(() => parseResults(JSON.stringify({ ...r, version: 2 }))).toThrow(/version 2/);
    expect(() => parseResults('[]')).toThrow(/not a results object/);
  });

  it('rejects inconsistent input', () => {
    const f = fixture();
    expect(() => buildResults({ ...f, baseline: 'joint-5task' })).toThrow(/baseline/);
    expect(() => buildResults({ ...f, groupings: [f.groupings[0], f.groupings[0]] })).toThrow(/repeated/);
    const short = { ...f.groupings[1], scores: { ad_stream: new Float32Array(3) } };
    expect(() => buildResults({ ...f, groupings: [f.groupings[0], short] })).toThrow(/3 scores for 8/);
    const headless = { ...f.groupings[1], scores: {} };
    expect(() => buildResults({ ...f, groupings: [f.groupings[0], headless] })).toThrow(/no test scores/);
    const late = { ...f.groupings[0], bestEpoch: 3 };
    expect(() => buildResults({ ...f, groupings: [late] })).toThrow(/bestEpoch/);
  });
});

describe('buildResults with simulator truth', () => {
  // Truth per input row 0..9: promo test rows 2-5 (.9+ .1- .8+ .2-) and ad test rows 6-8
  // (.7+ .1- .2-; row 9 missing) are ranked perfectly; rows 0-1 are training rows.
  const pStream = Float32Array.of(0, 0, 0.9, 0.1, 0.8, 0.2, 0.7, 0.1, 0.2, 0.9);
  const truth = { pStream, pClick: new Float32Array(10) };
  const r = buildResults({ ...fixture(), truth });

  it('adds headroom only when truth is given', () => {
    expect('headroom' in buildResults(fixture())).toBe(false);
    expect(r.headroom?.promo.all).toEqual({ ap: 1, prevalence: 0.5 });
    expect(r.headroom?.ad.all.ap).toBe(1);
    expect(r.headroom?.ad.all.prevalence).toBeCloseTo(1 / 3, 15);
  });

  it("puts each ceiling on the model APs' rows: prevalence = positives / rows per segment", () => {
    const seg = r.groupings[0].segments;
    for (const c of ['promo', 'ad'] as const)
      for (const s of SEGMENT_IDS) {
        const { rows, positives } = seg[c][s];
        const ceiling = r.headroom![c][s];
        expect(ceiling.prevalence).toBe(rows === 0 ? null : positives / rows);
        expect(ceiling.ap === null).toBe(positives === 0);
      }
    // Baseline promo AP 0.75 on prevalence 0.5 under ceiling 1: half the headroom.
    expect(capturedShare(r.groupings[0].promoAp, r.headroom!.promo.all)).toBeCloseTo(0.5, 15);
  });

  it('round-trips through JSON', () => {
    expect(parseResults(resultsToJson(r))).toEqual(r);
  });

  it('passes encoder, balancing, task weights and gradient cosines through', () => {
    const f = fixture();
    const [g0, ...rest] = f.groupings;
    const epoch = {
      ...g0.history[0],
      taskWeights: { promo_stream: 1 },
      gradCosine: [{ a: 'promo_stream', b: 'click', cosine: -0.2 }],
    } as const;
    const run = { ...g0, history: [epoch], encoder: 'mmoe', balancing: 'gradnorm' } as const;
    const out = buildResults({ ...f, groupings: [run, ...rest] }).groupings[0];
    expect(out).toMatchObject({ encoder: 'mmoe', balancing: 'gradnorm' });
    expect(out.history[0]).toMatchObject({
      taskWeights: { promo_stream: 1 },
      gradCosine: [epoch.gradCosine[0]],
    });
    expect('encoder' in r.groupings[0] || 'taskWeights' in r.groupings[0].history[0]).toBe(false);
  });
});
