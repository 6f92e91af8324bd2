import { describe, expect, it } from 'vitest';
import { createRng } from '../data/rng';
import { prCurve } from './pr-curve';

const f32 = (xs: number[]) => Float32Array.from(xs);
const u8 = (xs: number[]) => Uint8Array.from(xs);
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('prCurve', () => {
  it("matches sklearn's precision_recall_curve points (hand-worked)", () => {
    // sklearn: precision [0.5, 0.667, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0] for thresholds
    // [0.6, 0.7, 0.8, 0.9]; reversed and without the appended (0, 1) point:
    const c = prCurve(f32([0.9, 0.8, 0.7, 0.6]), u8([1, 0, 1, 0]), all(4))!;
    expect(c.recall).toEqual([0.5, 0.5, 1, 1]);
    expect(c.precision[0]).toBe(1);
    expect(c.precision[1]).toBe(0.5);
    expect(c.precision[2]).toBeCloseTo(2 / 3, 15);
    expect(c.precision[3]).toBe(0.5);
  });

  it('makes tied scores one threshold, whatever the input order', () => {
    // 0.9: TP 1 FP 1 -> (1/3, 1/2); 0.5: TP 3 FP 1 -> (1, 3/4); 0.1: TP 3 FP 2 -> (1, 3/5).
    const want = { recall: [1 / 3, 1, 1], precision: [0.5, 0.75, 0.6] };
    expect(prCurve(f32([0.9, 0.9, 0.5, 0.5, 0.1]), u8([1, 0, 1, 1, 0]), all(5))).toEqual(want);
    expect(prCurve(f32([0.1, 0.5, 0.9, 0.5, 0.9]), u8([0, 1, 0, 1, 1]), all(5))).toEqual(want);
  });

  it('uses only the given positions and skips missing labels', () => {
    // Position 0 (255) and 3 (not listed) are out: ranked 1(+, .8), 2(-, .7), 4(+, .1).
    const c = prCurve(f32([0.95, 0.8, 0.7, 0.99, 0.1]), u8([255, 1, 0, 0, 1]), [4, 2, 1, 0]);
    expect(c).toEqual({ recall: [0.5, 0.5, 1], precision: [1, 0.5, 2 / 3] });
  });

  it('returns null without a positive among the kept positions', () => {
    expect(prCurve(f32([0.3, 0.2]), u8([0, 255]), [0, 1])).toBeNull();
    expect(prCurve(f32([0.3, 0.2]), u8([1, 0]), [1])).toBeNull();
    expect(prCurve(f32([0.3]), u8([1]), [])).toBeNull();
  });

  it('thins to <= maxPoints true points: first and last kept, recall non-decreasing, levels reached', () => {
    const rng = createRng(21);
    const n = 3000;
    const labels = Uint8Array.from({ length: n }, () => (rng.nextFloat() < 0.2 ? 1 : 0));
    const scores = Float32Array.from(labels, (y) => 0.3 * y + rng.nextFloat());
    const full = prCurve(scores, labels, all(n), n)!;
    expect(full.recall.length).toBe(n); // all distinct scores
    const fullPairs = full.recall.map((r, i) => `${r}|${full.precision[i]}`);
    for (const maxPoints of [2, 3, 10, 200]) {
      const c = prCurve(scores, labels, all(n), maxPoints)!;
      const k = c.recall.length;
      expect(k).toBeLessThanOrEqual(maxPoints);
      expect(k).toBeGreaterThanOrEqual(Math.min(2, maxPoints));
      expect([c.recall[0], c.precision[0]]).toEqual([full.recall[0], full.precision[0]]);
      expect([c.recall[k - 1], c.precision[k - 1]]).toEqual([full.recall[n - 1], full.precision[n - 1]]);
      // Each point is a true curve point, in curve order (so recall never decreases).
      let at = -1;
      for (let i = 0; i < k; i++) {
        const j = fullPairs.indexOf(`${c.recall[i]}|${c.precision[i]}`, at + 1);
        expect(j).toBeGreaterThan(at);
        at = j;
        if (i > 0) expect(c.recall[i]).toBeGreaterThanOrEqual(c.recall[i - 1]);
      }
      // Every recall level j / (maxPoints - 2) is met by the first point of the full curve reaching it.
      for (let j = 1; j <= maxPoints - 2; j++) {
        const first = full.recall.findIndex((r) => r >= j / (maxPoints - 2) - 1e-12);
        expect(c.recall).toContain(full.recall[first]);
        expect(c.precision).toContain(full.precision[first]);
      }
    }
    expect(prCurve(scores, labels, all(n), 200)!.recall.length).toBeGreaterThan(150);
  });

  it('keeps every threshold when there are at most maxPoints, and validates its input', () => {
    const c = prCurve(f32([0.9, 0.8, 0.7, 0.6]), u8([1, 0, 1, 0]), all(4), 4)!;
    expect(c.recall.length).toBe(4);
    expect(() => prCurve(f32([0.9]), u8([1]), [0], 1)).toThrow(RangeError);
    expect(() => prCurve(f32([Number.NaN]), u8([1]), [0])).toThrow(RangeError);
  });
});
