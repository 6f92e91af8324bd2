import { describe, expect, it } from 'vitest';
import { median, summarise } from './bench-head-to-head';

describe('head-to-head summary', () => {
  it('takes the ratio of each round and their median and range', () => {
    const s = summarise(512, [
      { browser: 50, torch: 100 },
      { browser: 60, torch: 80 },
      { browser: 40, torch: 100 },
    ]);
    expect(s.rounds.map((r) => r.ratio)).toEqual([0.5, 0.75, 0.4]);
    expect(s.medianRatio).toBe(0.5);
    expect(s.minRatio).toBe(0.4);
    expect(s.maxRatio).toBe(0.75);
  });

  it('the median of an even count is the mean of the middle two; nothing has none', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/nothing/);
  });

  it('refuses a round without two positive figures', () => {
    expect(() => summarise(512, [{ browser: 0, torch: 10 }])).toThrow(/two positive/);
  });
});
