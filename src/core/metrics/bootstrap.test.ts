import { describe, expect, it } from 'vitest';
import { createRng } from '../data/rng';
import { averagePrecision } from './average-precision';
import { pairedBootstrap, quantileLinear, rankPositions, weightedAp } from './bootstrap';

const f32 = (xs: number[]) => Float32Array.from(xs);
const i32 = (xs: number[]) => Int32Array.from(xs);
const range = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('quantileLinear (numpy linear)', () => {
  it('matches hand-worked numpy.percentile values', () => {
    // h = (n - 1) q; [1,2,3,4]: q=.025 -> h=.075 -> 1.075; q=.975 -> h=2.925 -> 3.925.
    expect(quantileLinear([1, 2, 3, 4], 0.025)).toBeCloseTo(1.075, 14);
    expect(quantileLinear([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 14);
    expect(quantileLinear([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileLinear([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileLinear([1, 2, 3, 4], 1)).toBe(4);
    // [0, 10, 20]: q = .3 -> h = .6 -> 0 + .6 * 10 = 6; q = .9 -> h = 1.8 -> 18.
    expect(quantileLinear([0, 10, 20], 0.3)).toBeCloseTo(6, 14);
    expect(quantileLinear([0, 10, 20], 0.9)).toBeCloseTo(18, 14);
    expect(quantileLinear([-3, -3, 5], 0.75)).toBeCloseTo(1, 14); // h = 1.5 -> -3 + .5 * 8
    expect(quantileLinear([7], 0.025)).toBe(7);
  });

  it('rejects empty input and q outside [0, 1]', () => {
    expect(() => quantileLinear([], 0.5)).toThrow(RangeError);
    expect(() => quantileLinear([1], 1.5)).toThrow(RangeError);
    expect(() => quantileLinear([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('rankPositions', () => {
  it('sorts positions by score descending, ties in input order, and marks tie ends', () => {
    const scores = f32([0.5, 0.9, 0.5, 0.1, 0.9, 0.5]);
    const r = rankPositions(scores, [5, 0, 1, 2, 4, 3]);
    expect([...r.order]).toEqual([1, 4, 5, 0, 2, 3]);
    expect([...r.tieEnd]).toEqual([0, 1, 0, 0, 1, 1]);
  });

  it('treats +0 and -0 as one tie and handles infinities and empty input', () => {
    const r = rankPositions(f32([0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]), [0, 1, 2, 3]);
    expect([...r.order]).toEqual([2, 0, 1, 3]);
    expect([...r.tieEnd]).toEqual([1, 0, 1, 1]);
    expect(rankPositions(f32([1]), []).order.length).toBe(0);
  });

  it('throws on NaN and out-of-range positions', () => {
    expect(() => rankPositions(f32([0.1, Number.NaN]), [0, 1])).toThrow(RangeError);
    expect(() => rankPositions(f32([0.1]), [1])).toThrow(RangeError);
  });
});

describe('weightedAp', () => {
  it('equals averagePrecision on the explicitly duplicated rows (random, many ties, weights 0..3)', () => {
    const rng = createRng(11);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.nextInt(40);
      const levels = 1 + rng.nextInt(6); // few distinct scores -> many ties
      const scores = Float32Array.from({ length: n }, () => rng.nextInt(levels) / levels);
      const labels = Uint8Array.from({ length: n }, () => [0, 1, 255][rng.nextInt(3)]);
      const weights = Int32Array.from({ length: n }, () => rng.nextInt(4));
      const positions = range(n).filter(() => rng.nextFloat() < 0.8);
      const rows: number[] = [];
      for (const p of positions) for (let c = 0; c < weights[p]; c++) rows.push(p);
      const want = averagePrecision(scores, labels, rows);
      const got = weightedAp(rankPositions(scores, positions), labels, weights);
      if (want === undefined) expect(got).toBeUndefined();
      else expect(got).toBeCloseTo(want, 12);
    }
  });

  it('is undefined when every positive has weight 0, and skips missing labels', () => {
    const scores = f32([0.9, 0.8, 0.7]);
    const r = rankPositions(scores, [0, 1, 2]);
    expect(weightedAp(r, Uint8Array.from([1, 0, 0]), [0, 1, 1])).toBeUndefined();
    // 255 at the top is invisible: AP of (0.8, +), (0.7, -) is 1.
    expect(weightedAp(r, Uint8Array.from([255, 1, 0]), [5, 1, 1])).toBe(1);
    // Weight 2 on the top negative: thresholds 0.9 (FP 2), 0.8 (TP 1) -> precision 1/3.
    expect(weightedAp(r, Uint8Array.from([0, 1, 0]), [2, 1, 1])).toBeCloseTo(1 / 3, 15);
  });
});

/** Labels with ~30% positives, a perfect model (score = label + noise) and a random baseline. */
function separated(n: number, seed: number) {
  const rng = createRng(seed);
  const labels = Uint8Array.from({ length: n }, () => (rng.nextFloat() < 0.3 ? 1 : 0));
  const perfect = Float32Array.from(labels, (y) => y + 0.5 * rng.nextFloat());
  const noisy = Float32Array.from(labels, (y) => 0.6 * y + rng.nextFloat());
  const random = Float32Array.from(labels, () => rng.nextFloat());
  const universe = range(n);
  const segments = { all: universe, 'less-streamed': universe.filter((p) => p % 3 === 0) };
  return { labels, perfect, noisy, random, universe, segments };
}

describe('pairedBootstrap', () => {
  it('gives the hand-computed observed diff and rel, with nulls when resamples = 0', () => {
    // Model [.9,.8,.7,.6] vs labels [1,0,1,0]: AP = .5 * 1 + .5 * 2/3 = 5/6.
    // Baseline [.1,.9,.8,.2]: ranked 1(-) 2(+) 3(-) 0(+): AP = .5 * 1/2 + .5 * 2/4 = 1/2.
    // Segment [0, 1]: model AP 1; baseline ranks 1(-) 0(+): AP 1/2.
    const labels = Uint8Array.from([1, 0, 1, 0]);
    const r = pairedBootstrap({
      labels,
      universe: range(4),
      segments: { all: range(4), 'less-streamed': i32([0, 1]) },
      model: [f32([0.9, 0.8, 0.7, 0.6])],
      baseline: [f32([0.1, 0.9, 0.8, 0.2])],
      resamples: 0,
      rng: createRng(1),
    });
    expect(r.all.diff).toBeCloseTo(5 / 6 - 1 / 2, 15);
    expect(r.all.rel).toBeCloseTo(5 / 6 / (1 / 2) - 1, 15);
    expect(r['less-streamed'].diff).toBeCloseTo(0.5, 15);
    expect(r['less-streamed'].rel).toBeCloseTo(1, 15);
    expect(r.all).toMatchObject({ lo: null, hi: null, relLo: null, relHi: null, p: null, resamples: 0 });
  });

  it('averages over seeds before differencing, and reports null on a segment without positives', () => {
    // Seed 2 of the model is the baseline (AP 1/2): meanAP = (5/6 + 1/2) / 2 = 2/3.
    const base = f32([0.1, 0.9, 0.8, 0.2]);
    const r = pairedBootstrap({
      labels: Uint8Array.from([1, 0, 1, 0]),
      universe: range(4),
      segments: { all: range(4), 'less-streamed': i32([1, 3]) },
      model: [f32([0.9, 0.8, 0.7, 0.6]), base],
      baseline: [base, base],
      resamples: 50,
      rng: createRng(2),
    });
    expect(r.all.diff).toBeCloseTo(2 / 3 - 1 / 2, 15);
    expect(r['less-streamed']).toEqual({
      ...{ diff: null, rel: null, lo: null, hi: null, relLo: null, relHi: null, p: null },
      resamples: 0,
    });
  });

  it('gives diff 0, lo = hi = 0 and p = 1 when model and baseline are identical', () => {
    const d = separated(300, 3);
    const r = pairedBootstrap({
      ...d,
      model: [d.noisy, d.random],
      baseline: [d.noisy, d.random],
      resamples: 200,
      rng: createRng(4),
    });
    for (const s of ['all', 'less-streamed'] as const) {
      expect(r[s]).toEqual({ diff: 0, rel: 0, lo: 0, hi: 0, relLo: 0, relHi: 0, p: 1, resamples: 200 });
    }
  });

  it('finds a perfect model significantly better than a random baseline', () => {
    const d = separated(400, 5);
    const r = pairedBootstrap({
      ...d,
      model: [d.perfect],
      baseline: [d.random],
      resamples: 500,
      rng: createRng(6),
    });
    expect(r.all.diff).toBeGreaterThan(0.5);
    expect(r.all.lo).toBeGreaterThan(0);
    expect(r.all.p).toBeLessThan(0.01);
    expect(r.all.relLo).toBeGreaterThan(0);
    // The reverse comparison is significantly worse.
    const rev = pairedBootstrap({
      ...d,
      model: [d.random],
      baseline: [d.perfect],
      resamples: 500,
      rng: createRng(6),
    });
    expect(rev.all.hi).toBeLessThan(0);
    expect(rev.all.p).toBeLessThan(0.01);
  });

  it('is deterministic for a seed, varies with it, and its interval covers the observed diff', () => {
    const d = separated(300, 7);
    const run = (seed: number) =>
      pairedBootstrap({ ...d, model: [d.noisy], baseline: [d.random], resamples: 300, rng: createRng(seed) });
    const a = run(8);
    expect(run(8)).toEqual(a);
    expect(run(9).all.lo).not.toBe(a.all.lo);
    for (const s of ['all', 'less-streamed'] as const) {
      const { diff, lo, hi, rel, relLo, relHi } = a[s];
      expect(lo!).toBeLessThan(diff!);
      expect(hi!).toBeGreaterThan(diff!);
      expect(relLo!).toBeLessThan(rel!);
      expect(relHi!).toBeGreaterThan(rel!);
    }
  });

  it('matches a literal bootstrap (explicit resampled rows, averagePrecision, numpy percentiles)', () => {
    const d0 = separated(80, 10);
    d0.labels[3] = 255; // a missing label inside both segments
    // A universe that is not 0..n-1 (another channel's rows interleave), segments inside it.
    const universe = d0.universe.filter((p) => p % 4 !== 1);
    const d = {
      ...d0,
      universe,
      segments: { all: universe, 'less-streamed': universe.filter((p) => p % 3 === 0) },
    };
    const B = 40;
    const got = pairedBootstrap({
      ...d,
      model: [d.noisy, d.perfect],
      baseline: [d.random],
      resamples: B,
      rng: createRng(12),
    });
    const rng = createRng(12);
    const n = d.universe.length;
    const diffs: Record<string, number[]> = { all: [], 'less-streamed': [] };
    for (let b = 0; b < B; b++) {
      const drawn = Array.from({ length: n }, () => d.universe[rng.nextInt(n)]);
      for (const s of ['all', 'less-streamed'] as const) {
        const inSeg = new Set(d.segments[s]);
        const rows = drawn.filter((p) => inSeg.has(p));
        const ap = (x: Float32Array) => averagePrecision(x, d.labels, rows);
        const m = [ap(d.noisy), ap(d.perfect)];
        const base = ap(d.random);
        if (m[0] === undefined || m[1] === undefined || base === undefined) continue;
        diffs[s].push((m[0] + m[1]) / 2 - base);
      }
    }
    for (const s of ['all', 'less-streamed'] as const) {
      const xs = diffs[s].sort((x, y) => x - y);
      expect(got[s].resamples).toBe(xs.length);
      expect(got[s].lo).toBeCloseTo(quantileLinear(xs, 0.025), 12);
      expect(got[s].hi).toBeCloseTo(quantileLinear(xs, 0.975), 12);
      const le = xs.filter((x) => x <= 0).length;
      const ge = xs.filter((x) => x >= 0).length;
      expect(got[s].p).toBeCloseTo(Math.min(1, (2 * (1 + Math.min(le, ge))) / (1 + xs.length)), 12);
    }
  });

  it("skips resamples where a segment has no drawn positive (B' < B)", () => {
    const n = 100;
    const labels = new Uint8Array(n);
    labels[7] = 1; // one positive: left out of ~37% of resamples
    const universe = range(n);
    const rng = createRng(13);
    const model = Float32Array.from({ length: n }, () => rng.nextFloat());
    const r = pairedBootstrap({
      ...{ labels, universe, segments: { all: universe, 'less-streamed': i32([7, 8, 9]) } },
      ...{ model: [model], baseline: [model], resamples: 200, rng: createRng(14) },
    });
    expect(r.all.resamples).toBeGreaterThan(80);
    expect(r.all.resamples).toBeLessThan(170);
    expect(r['less-streamed'].resamples).toBe(r.all.resamples);
  });

  it('rejects bad arguments', () => {
    const base = {
      labels: new Uint8Array(1),
      universe: range(1),
      segments: { all: range(1), 'less-streamed': range(0) },
    };
    const m = [f32([0.5])];
    expect(() =>
      pairedBootstrap({ ...base, model: m, baseline: m, resamples: -1, rng: createRng(1) }),
    ).toThrow(RangeError);
    expect(() =>
      pairedBootstrap({ ...base, model: [], baseline: m, resamples: 1, rng: createRng(1) }),
    ).toThrow(RangeError);
  });
});
