import { describe, expect, it } from 'vitest';
import { SplitError, splitDayCounts, temporalSplit } from './split';

const cfg = { trainFraction: 0.7, valFraction: 0.15 };

describe('temporalSplit', () => {
  it('puts the earliest 14 / next 3 / last 3 of 20 days in train / val / test', () => {
    // Rows out of day order, two per day, to check that order in the file does not matter.
    const day = Int32Array.from({ length: 40 }, (_, i) => (i * 7) % 20);
    const s = temporalSplit(day, cfg);
    expect(s.trainDays).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(s.valDays).toEqual([14, 15, 16]);
    expect(s.testDays).toEqual([17, 18, 19]);
    expect([s.train.length, s.val.length, s.test.length]).toEqual([28, 6, 6]);
  });

  it('never lets a later day reach an earlier split', () => {
    const day = Int32Array.from([5, 9, 1, 9, 3, 7, 1, 5, 11, 2]);
    const s = temporalSplit(day, cfg);
    const days = (rows: Int32Array) => [...rows].map((r) => day[r]);
    expect(Math.max(...days(s.train))).toBeLessThan(Math.min(...days(s.val)));
    expect(Math.max(...days(s.val))).toBeLessThan(Math.min(...days(s.test)));
    for (const r of s.test) expect(s.trainDays).not.toContain(day[r]);
  });

  it('returns every row exactly once, ascending within each split', () => {
    const day = Int32Array.from([4, 0, 2, 4, 1, 3, 0, 2]);
    const s = temporalSplit(day, cfg);
    const all = [...s.train, ...s.val, ...s.test].sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...s.train]).toEqual([1, 2, 4, 6, 7]); // days 0..2: 5 days split 3 / 1 / 1
  });

  it('rounds day counts at the boundaries and keeps one day per split', () => {
    expect(splitDayCounts(10, cfg)).toEqual({ train: 7, val: 2, test: 1 });
    expect(splitDayCounts(3, cfg)).toEqual({ train: 1, val: 1, test: 1 });
    expect(splitDayCounts(4, cfg)).toEqual({ train: 2, val: 1, test: 1 });
    expect(splitDayCounts(100, { trainFraction: 0.5, valFraction: 0.25 })).toEqual({
      train: 50,
      val: 25,
      test: 25,
    });
  });

  it('refuses fewer than 3 distinct days with a message naming the count', () => {
    expect(() => temporalSplit(Int32Array.from([2, 2, 5, 5]), cfg)).toThrow(SplitError);
    expect(() => temporalSplit(Int32Array.from([2, 2, 5, 5]), cfg)).toThrow(/2 distinct days.*at least 3/);
    expect(() => temporalSplit(new Int32Array(0), cfg)).toThrow(/0 distinct days/);
    expect(temporalSplit(Int32Array.from([0, 1, 2]), cfg).test).toEqual(Int32Array.from([2]));
  });

  it('rejects fractions that leave no test days', () => {
    expect(() => temporalSplit(Int32Array.from([0, 1, 2]), { trainFraction: 0.8, valFraction: 0.2 })).toThrow(
      /train \+ validation < 1/,
    );
  });
});
