import { describe, expect, it } from 'vitest';
import { relativeChange } from './uplift';

describe('relativeChange', () => {
  it('is (model - baseline) / baseline as a fraction', () => {
    // (0.3 - 0.2) / 0.2 = 0.5 ; (0.1 - 0.4) / 0.4 = -0.75 ; same value -> 0.
    expect(relativeChange(0.3, 0.2)).toBeCloseTo(0.5, 15);
    expect(relativeChange(0.1, 0.4)).toBeCloseTo(-0.75, 15);
    expect(relativeChange(0.25, 0.25)).toBe(0);
  });

  it('is undefined when either side is undefined', () => {
    expect(relativeChange(undefined, 0.2)).toBeUndefined();
    expect(relativeChange(0.2, undefined)).toBeUndefined();
    expect(relativeChange(undefined, undefined)).toBeUndefined();
  });

  it('is undefined against a zero baseline, even for a zero model', () => {
    expect(relativeChange(0.2, 0)).toBeUndefined();
    expect(relativeChange(0, 0)).toBeUndefined();
  });

  it('is undefined for non-finite inputs rather than NaN', () => {
    expect(relativeChange(Number.NaN, 0.2)).toBeUndefined();
    expect(relativeChange(0.2, Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
