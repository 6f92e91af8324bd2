import { createRng } from '../data/rng';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from './average-precision';

/**
 * Reference written the slow, literal way: for every distinct score t (descending), count the
 * rows with score >= t by a full scan (O(n^2)), then sum (R_n - R_(n-1)) * P_n.
 */
function referenceAp(scores: number[], labels: number[]): number | undefined {
  const kept = scores.map((s, i) => ({ s, y: labels[i] })).filter((r) => r.y === 0 || r.y === 1);
  const positives = kept.filter((r) => r.y === 1).length;
  if (positives === 0) return undefined;
  const thresholds = [...new Set(kept.map((r) => r.s))].sort((a, b) => b - a);
  let ap = 0;
  let lastRecall = 0;
  for (const t of thresholds) {
    const above = kept.filter((r) => r.s >= t);
    const tp = above.filter((r) => r.y === 1).length;
    const recall = tp / positives;
    ap += (recall - lastRecall) * (tp / above.length);
    lastRecall = recall;
  }
  return ap;
}

/** A seeded uniform [0, 1) stream so the randomized battery is reproducible. */
const rng = (seed: number): (() => number) => {
  const r = createRng(seed);
  return () => r.nextFloat();
};

describe('averagePrecision', () => {
  it('matches the scikit-learn documentation example (5/6)', () => {
    // Descending: 0.8(+) 0.4(-) 0.35(+) 0.1(-): terms 1/2*1 + 0 + 1/2*2/3 = 5/6.
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.8333333333333333, 15);
  });

  it('treats tied scores as one threshold (hand-computed 115/168)', () => {
    // 4 positives. Thresholds: 0.9 TP1 FP0 -> 1/4*1; 0.8 TP2 FP1 -> 1/4*2/3;
    // 0.7 TP3 FP3 -> 1/4*1/2; 0.1 TP4 FP3 -> 1/4*4/7. Sum = (42+28+21+24)/168 = 115/168.
    const scores = [0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.1];
    const labels = [1, 0, 1, 1, 0, 0, 1];
    expect(averagePrecision(scores, labels)).toBeCloseTo(115 / 168, 14);
  });

  it('gives the same AP whatever the order of rows inside a tie', () => {
    // One threshold holding 1 positive and 1 negative: R 0->1 at P = 1/2.
    expect(averagePrecision([0.5, 0.5], [1, 0])).toBe(0.5);
    expect(averagePrecision([0.5, 0.5], [0, 1])).toBe(0.5);
  });

  it('equals the positive rate when all scores are tied', () => {
    // One threshold with every row: R 0->1 at P = positives / rows = 3/8.
    expect(averagePrecision(new Float32Array(8).fill(0.3), [1, 0, 0, 1, 0, 0, 1, 0])).toBeCloseTo(3 / 8, 15);
  });

  it('is 1 / rank for a single positive without ties', () => {
    // Only the positive's threshold moves recall (0 -> 1), with precision 1 / its rank.
    expect(averagePrecision([0.9, 0.8, 0.7, 0.6], [0, 0, 1, 0])).toBeCloseTo(1 / 3, 15);
    expect(averagePrecision([0.9, 0.8], [1, 0])).toBe(1);
  });

  it('is undefined with no positive, and with no rows', () => {
    expect(averagePrecision([0.9, 0.1], [0, 0])).toBeUndefined();
    expect(averagePrecision([], [])).toBeUndefined();
    expect(averagePrecision([0.9, 0.1], [1, 1], [])).toBeUndefined();
  });

  it('skips rows whose label is missing (255) or not 0/1', () => {
    // Without the missing rows it is the sklearn example again (5/6).
    const scores = [0.99, 0.1, 0.4, 0.35, 0.98, 0.8];
    const labels = [255, 0, 0, 1, 2, 1];
    expect(averagePrecision(scores, labels)).toBeCloseTo(5 / 6, 15);
    expect(averagePrecision([0.5, 0.4], [255, 0])).toBeUndefined();
  });

  it('restricts to the given rows, counting a repeated row twice', () => {
    const scores = [0.1, 0.4, 0.35, 0.8, 0.9];
    const labels = [0, 0, 1, 1, 0];
    expect(averagePrecision(scores, labels, [0, 1, 2, 3])).toBeCloseTo(5 / 6, 15);
    // Rows 4, 4, 3 -> scores 0.9(-) 0.9(-) 0.8(+): one positive at rank 3 -> 1/3.
    expect(averagePrecision(scores, labels, Int32Array.of(4, 4, 3))).toBeCloseTo(1 / 3, 15);
  });

  it('ties -0 with +0, and ranks infinities', () => {
    expect(averagePrecision([-0, 0], [1, 0])).toBe(0.5);
    expect(averagePrecision([0, -0], [1, 0])).toBe(0.5);
    expect(averagePrecision([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 0], [0, 1, 0])).toBe(1);
  });

  it('throws on NaN scores, misaligned arrays and out-of-range rows', () => {
    expect(() => averagePrecision([Number.NaN, 0.2], [1, 0])).toThrow(RangeError);
    expect(() => averagePrecision([0.1, 0.2], [1])).toThrow(RangeError);
    expect(() => averagePrecision([0.1, 0.2], [1, 0], [2])).toThrow(RangeError);
    // A NaN in a row that is left out (missing label) does not matter.
    expect(averagePrecision([Number.NaN, 0.2], [255, 1])).toBe(1);
  });

  it('agrees with the O(n^2) reference on random arrays with heavy ties', () => {
    const rand = rng(12345);
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + Math.floor(rand() * 60);
      const levels = 1 + Math.floor(rand() * 6); // few distinct scores -> many ties
      const posRate = rand();
      const scores: number[] = [];
      const labels: number[] = [];
      for (let i = 0; i < n; i++) {
        scores.push(Math.floor(rand() * levels) / levels);
        const u = rand();
        labels.push(u < 0.1 ? 255 : rand() < posRate ? 1 : 0);
      }
      const expected = referenceAp(scores, labels);
      const got = averagePrecision(Float32Array.from(scores), Uint8Array.from(labels));
      if (expected === undefined) expect(got).toBeUndefined();
      else expect(got).toBeCloseTo(expected, 12);
      // A random subset of rows equals AP of the gathered arrays.
      const rows = Int32Array.from({ length: Math.floor(n / 2) }, () => Math.floor(rand() * n));
      const sub = referenceAp(
        Array.from(rows, (r) => scores[r]),
        Array.from(rows, (r) => labels[r]),
      );
      const gotSub = averagePrecision(scores, labels, rows);
      if (sub === undefined) expect(gotSub).toBeUndefined();
      else expect(gotSub).toBeCloseTo(sub, 12);
    }
  });

  it('scores a million rows quickly', () => {
    const rand = rng(7);
    const n = 1_000_000;
    const scores = new Float32Array(n);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      scores[i] = Math.round(rand() * 1e5) / 1e5;
      labels[i] = rand() < 0.02 + 0.1 * scores[i] ? 1 : 0;
    }
    const t0 = performance.now();
    const ap = averagePrecision(scores, labels);
    const ms = performance.now() - t0;
    expect(ap).toBeGreaterThan(0);
    // Generous bound for busy 2-core CI; typically ~0.2 s. It guards against an O(n^2) regression.
    expect(ms).toBeLessThan(3000);
  });
});
