import { describe, expect, it } from 'vitest';
import { meanInterval, tQuantile975 } from './intervals';

describe('tQuantile975', () => {
  it('matches the t table at small df and tends to the normal quantile', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(2)).toBe(4.303);
    expect(tQuantile975(30)).toBe(2.042);
    // Published values: t(0.975, 40) = 2.021, t(0.975, 120) = 1.980.
    expect(tQuantile975(40)).toBeCloseTo(2.021, 3);
    expect(tQuantile975(120)).toBeCloseTo(1.98, 3);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('gives mean +- t * s / sqrt(n) (worked example)', () => {
    // values 1, 2, 6: mean 3, s = sqrt(((4 + 1 + 9) / 2)) = sqrt(7); half = 4.303 * sqrt(7) / sqrt(3)
    const r = meanInterval([1, 2, 6]);
    const half = (4.303 * Math.sqrt(7)) / Math.sqrt(3);
    expect(r.mean).toBe(3);
    expect(r.lo).toBeCloseTo(3 - half, 12);
    expect(r.hi).toBeCloseTo(3 + half, 12);
    expect(r.n).toBe(3);
    expect(r.values).toEqual([1, 2, 6]);
  });

  it('leaves undefined values out and gives no interval from one value', () => {
    expect(meanInterval([null, 0.2, null])).toEqual({
      mean: 0.2,
      lo: null,
      hi: null,
      n: 1,
      values: [null, 0.2, null],
    });
    expect(meanInterval([null])).toEqual({ mean: null, lo: null, hi: null, n: 0, values: [null] });
    const r = meanInterval([0.5, null, 0.7]);
    expect(r.n).toBe(2);
    expect(r.mean).toBeCloseTo(0.6, 12);
    expect(r.hi! - r.lo!).toBeCloseTo(2 * 12.706 * (Math.sqrt(0.02) / Math.sqrt(2)), 9);
  });

  it('has zero width when all seeds agree', () => {
    const r = meanInterval([0.25, 0.25, 0.25]);
    expect(r.lo).toBe(0.25);
    expect(r.hi).toBe(0.25);
  });
});
