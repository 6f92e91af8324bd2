import { describe, expect, it } from 'vitest';
import { replayBuys, replayRatios, replayTable, replayTotals } from './budget-replay';

const NAN = Number.NaN;
const M = 255; // missing label

/*
 * A tiny table: input rows 0-1 are not test rows (they would change every total if the code read
 * row k instead of row testRows[k]); test position k is input row k + 2.
 * Shows: A = code 2 (tier 0), B = code 0 (tier 4, less-streamed), C = code 1 (tier 5, less-streamed),
 * coded so that grouping by show does not list positions in order.
 *
 *  k  src   show tier  stream click cost  model baseline
 *  0  ad    A    0     1      1     2     0.9   0.1
 *  1  ad    A    0     0      0     1     0.8   0.2
 *  2  ad    A    0     0      -     3     0.1   0.9
 *  3  ad    A    0     1      1     NaN   0.2   0.5
 *  4  ad    A    0     0      1     1     0.3   0.4
 *  5  promo A    0     1      1     1     0.99  0.99
 *  6  ad    B    4     1      1     4     0.7   0.6
 *  7  ad    B    4     0      -     2     0.5   0.7
 *  8  ad    C    5     1      0     5     0.4   0.5
 *  9  promo B    4     1      1     1     0.99  0.99
 *
 * q = 0.3: show A has 5 ad rows -> round(1.5) = 2 bought; B has 2 -> round(0.6) = 1; C has 1 ->
 * round(0.3) = 0. Model buys A: k0 (0.9), k1 (0.8); B: k6 (0.7) -> [0, 1, 6].
 * Baseline buys A: k2 (0.9), k3 (0.5); B: k7 (0.7) -> [2, 3, 7]. The promos (0.99) are never bought.
 */
const testRows = Int32Array.from({ length: 10 }, (_, k) => k + 2);
const pad = <T extends number>(xs: T[], fill: T): T[] => [fill, fill, ...xs];
const source = Uint8Array.from(pad([1, 1, 1, 1, 1, 0, 1, 1, 1, 0], 1));
const show = Int32Array.from(pad([2, 2, 2, 2, 2, 2, 0, 0, 1, 0], 2));
const tier = Int8Array.from(pad([0, 0, 0, 0, 0, 0, 4, 4, 5, 4], 0));
const lessStreamed = Uint8Array.from(pad([0, 0, 0, 0, 0, 0, 1, 1, 1, 1], 0));
const stream = Uint8Array.from(pad([1, 0, 0, 1, 0, 1, 1, 0, 1, 1], 1));
const click = Uint8Array.from(pad([1, 0, M, 1, 1, 1, 1, M, 0, 1], 1));
const cost = Float64Array.from(pad([2, 1, 3, NAN, 1, 1, 4, 2, 5, 1], 100));
const modelScores = Float32Array.from([0.9, 0.8, 0.1, 0.2, 0.3, 0.99, 0.7, 0.5, 0.4, 0.99]);
const baseScores = Float32Array.from([0.1, 0.2, 0.9, 0.5, 0.4, 0.99, 0.6, 0.7, 0.5, 0.99]);
// Dyadic probabilities, exact in float32.
const truth = {
  pStream: Float32Array.from(pad([0.5, 0.25, 0.125, 0.5, 0.1, 0.9, 0.75, 0.25, 0.3, 0.9], 1)),
  pClick: Float32Array.from(pad([0.25, 0.125, 0.5, 0.25, 0.1, 0.1, 0.5, 0.25, 0.1, 0.1], 1)),
};
const cols = { testRows, stream, click, cost, tier, lessStreamed };
const buy = (scores: Float32Array, buyShare = 0.3) => [
  ...replayBuys({ testRows, source, show, scores, buyShare }),
];

describe('replayBuys', () => {
  it("buys each show's top round(q * n) ad rows, ascending, never a promotion", () => {
    expect(buy(modelScores)).toEqual([0, 1, 6]);
    expect(buy(baseScores)).toEqual([2, 3, 7]);
  });

  it('buys every ad row at q = 1', () => {
    expect(buy(modelScores, 1)).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
  });

  it('rounds half up', () => {
    const one = (n: number, q: number) => {
      const rows = Int32Array.from({ length: n }, (_, k) => k);
      const scores = Float32Array.from({ length: n }, (_, k) => n - k);
      return replayBuys({
        testRows: rows,
        source: new Uint8Array(n).fill(1),
        show: new Int32Array(n),
        scores,
        buyShare: q,
      }).length;
    };
    expect(one(5, 0.3)).toBe(2); // 1.5 -> 2
    expect(one(1, 0.3)).toBe(0); // 0.3 -> 0
    expect(one(2, 0.25)).toBe(1); // 0.5 -> 1
    expect(one(5, 0.5)).toBe(3); // 2.5 -> 3 (half-even would give 2)
    expect(one(10, 0.34)).toBe(3); // 3.4 -> 3
  });

  it('breaks score ties by the lower test position, not the input row', () => {
    // Positions 0..3 are input rows 3, 2, 1, 0; all one show.
    const args = {
      testRows: Int32Array.from([3, 2, 1, 0]),
      source: new Uint8Array(4).fill(1),
      show: new Int32Array(4),
      buyShare: 0.5,
    };
    expect([...replayBuys({ ...args, scores: Float32Array.from([0.5, 0.5, 0.5, 0.5]) })]).toEqual([0, 1]);
    // One clear winner (position 2), then the tie among 0, 1, 3 goes to position 0.
    expect([...replayBuys({ ...args, scores: Float32Array.from([0.5, 0.5, 0.9, 0.5]) })]).toEqual([0, 2]);
  });

  it('rejects a bad share, NaN scores and misaligned scores', () => {
    const ok = { testRows, source, show, scores: modelScores };
    expect(() => replayBuys({ ...ok, buyShare: 0 })).toThrow(RangeError);
    expect(() => replayBuys({ ...ok, buyShare: 1.01 })).toThrow(RangeError);
    expect(() => replayBuys({ ...ok, buyShare: NAN })).toThrow(RangeError);
    const nan = Float32Array.from(modelScores);
    nan[3] = NAN;
    expect(() => replayBuys({ ...ok, scores: nan, buyShare: 0.3 })).toThrow(RangeError);
    expect(() => replayBuys({ ...ok, scores: modelScores.subarray(1), buyShare: 0.3 })).toThrow(RangeError);
  });
});

describe('replayTotals', () => {
  it('sums labels and cost of the bought rows per segment', () => {
    const { label, expected } = replayTotals({ ...cols, bought: Int32Array.from([0, 1, 6]) });
    expect(expected).toBeNull();
    // k0 + k1 + k6: streams 1 + 0 + 1; clicks 1 + 0 + 1 over 3 labelled; cost 2 + 1 + 4.
    expect(label.all).toEqual({ impressions: 3, streams: 2, clicks: 2, clickRows: 3, cost: 7 });
    expect(label.tier0).toEqual({ impressions: 2, streams: 1, clicks: 1, clickRows: 2, cost: 3 });
    expect(label['high-stream']).toEqual(label.tier0);
    expect(label.tier4).toEqual({ impressions: 1, streams: 1, clicks: 1, clickRows: 1, cost: 4 });
    expect(label['less-streamed']).toEqual(label.tier4);
    const zero = { impressions: 0, streams: 0, clicks: 0, clickRows: 0, cost: 0 };
    for (const s of ['tier1', 'tier2', 'tier3', 'tier5', 'tier6', 'tier7'] as const)
      expect(label[s]).toEqual(zero);
  });

  it('skips missing click labels in CTR and counts a missing cost as 1', () => {
    // k2 (click missing, cost 3) + k3 (click 1, cost NaN -> 1) + k7 (click missing, cost 2).
    const { label } = replayTotals({ ...cols, bought: Int32Array.from([2, 3, 7]) });
    expect(label.all).toEqual({ impressions: 3, streams: 1, clicks: 1, clickRows: 1, cost: 6 });
    expect(label.tier4).toEqual({ impressions: 1, streams: 0, clicks: 0, clickRows: 0, cost: 2 });
    // No cost column: 1 per impression.
    const noCost = replayTotals({ ...cols, cost: null, bought: Int32Array.from([2, 3, 7]) });
    expect(noCost.label.all.cost).toBe(3);
  });

  it('puts tiers 0-2 in high-stream and a missing tier only in all', () => {
    // One bought row per tier 2, 3, 7 and -1 (missing); the less-streamed flag on the tier-2 row
    // (from show_streams_30d) puts it in both high-stream and less-streamed.
    const n = 4;
    const { label } = replayTotals({
      testRows: Int32Array.from([0, 1, 2, 3]),
      bought: Int32Array.from([0, 1, 2, 3]),
      stream: new Uint8Array(n).fill(1),
      click: new Uint8Array(n),
      cost: null,
      tier: Int8Array.from([2, 3, 7, -1]),
      lessStreamed: Uint8Array.from([1, 0, 0, 0]),
    });
    const imps = Object.fromEntries(Object.entries(label).map(([s, t]) => [s, t.impressions]));
    expect(imps).toEqual({
      all: 4,
      tier0: 0,
      tier1: 0,
      tier2: 1,
      tier3: 1,
      tier4: 0,
      tier5: 0,
      tier6: 0,
      tier7: 1,
      'less-streamed': 1,
      'high-stream': 1,
    });
  });

  it('scores the expected replay by the true probabilities', () => {
    const { expected } = replayTotals({ ...cols, truth, bought: Int32Array.from([0, 1, 6]) });
    // streams 0.5 + 0.25 + 0.75; clicks 0.25 + 0.125 + 0.5; every bought row counts for CTR.
    expect(expected?.all).toEqual({ impressions: 3, streams: 1.5, clicks: 0.875, clickRows: 3, cost: 7 });
    expect(expected?.tier4).toEqual({ impressions: 1, streams: 0.75, clicks: 0.5, clickRows: 1, cost: 4 });
    const r = replayRatios(expected!.all);
    expect(r.i2s).toBe(0.5);
    expect(r.ctr).toBeCloseTo(0.875 / 3, 12);
    expect(r.ecps).toBeCloseTo(7 / 1.5, 12);
  });
});

describe('replayRatios', () => {
  it('divides, with null for a zero denominator', () => {
    expect(replayRatios({ impressions: 4, streams: 2, clicks: 1, clickRows: 2, cost: 5 })).toEqual({
      i2s: 0.5,
      ctr: 0.5,
      ecps: 2.5,
      streams: 2,
    });
    expect(replayRatios({ impressions: 0, streams: 0, clicks: 0, clickRows: 0, cost: 0 })).toEqual({
      i2s: null,
      ctr: null,
      ecps: null,
      streams: 0,
    });
  });
});

describe('budget replay end to end (one seed)', () => {
  it('gives the hand-worked ratios and relative changes', () => {
    const totals = (scores: Float32Array) =>
      replayTotals({ ...cols, bought: replayBuys({ testRows, source, show, scores, buyShare: 0.3 }) }).label;
    const t = replayTable([{ base: totals(baseScores), mtl: totals(modelScores) }], 'base');
    const mean = (g: string, s: 'all' | 'tier0' | 'tier4', side: 'value' | 'rel') =>
      Object.fromEntries(Object.entries(t[g][s][side]).map(([m, iv]) => [m, iv.mean]));
    // Model, all: i2s 2/3, CTR 2/3, eCPS 7/2; baseline: i2s 1/3, CTR 1/1, eCPS 6/1.
    expect(mean('mtl', 'all', 'value')).toEqual({ i2s: 2 / 3, ctr: 2 / 3, ecps: 3.5, streams: 2 });
    expect(mean('base', 'all', 'value')).toEqual({ i2s: 1 / 3, ctr: 1, ecps: 6, streams: 1 });
    const rel = mean('mtl', 'all', 'rel');
    expect(rel.i2s).toBeCloseTo(1, 12); // (2/3) / (1/3) - 1
    expect(rel.ctr).toBeCloseTo(-1 / 3, 12); // (2/3) / 1 - 1
    expect(rel.ecps).toBeCloseTo(-5 / 12, 12); // 3.5 / 6 - 1
    expect(rel.streams).toBe(1); // 2 / 1 - 1, equal to the i2s change (same impressions)
    // Tier 0: model i2s 1/2, CTR 1/2, eCPS 3; baseline i2s 1/2, CTR 1/1, eCPS 4.
    expect(mean('mtl', 'tier0', 'rel')).toEqual({ i2s: 0, ctr: -0.5, ecps: -0.25, streams: 0 });
    // Tier 4: the baseline bought one non-streamed, click-unlabelled row: i2s 0, CTR and eCPS
    // undefined, so no relative change is defined.
    expect(mean('base', 'tier4', 'value')).toEqual({ i2s: 0, ctr: null, ecps: null, streams: 0 });
    expect(mean('mtl', 'tier4', 'rel')).toEqual({ i2s: null, ctr: null, ecps: null, streams: null });
    expect(t.mtl.all.impressions).toBe(3);
    expect(t.mtl.tier4.impressions).toBe(1);
  });
});
