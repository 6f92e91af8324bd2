import { describe, expect, it } from 'vitest';
import { capturedShare, computeHeadroom, formatShare, type HeadroomInput } from './headroom';
import { segmentPositions } from './segments';

// Input rows 0..8; the test rows are 0..7 (row 8 is a training row and must not count).
// row:           0   1   2   3   4   5   6   7   8
// source:        P   P   P   P   A   A   A   A   P
// stream:        1   0   1   0   1   0   0   -   1   (- = 255, missing)
// tier:          0   0   4   4   1   1   3   3   0
// less-streamed: 0   0   1   1   0   0   1   1   0
// pStream:      .9  .1  .8  .2  .3  .6  .2  .5  .0
function input(): HeadroomInput {
  return {
    testRows: Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7),
    source: Uint8Array.of(0, 0, 0, 0, 1, 1, 1, 1, 0),
    stream: Uint8Array.of(1, 0, 1, 0, 1, 0, 0, 255, 1),
    tier: Uint8Array.of(0, 0, 4, 4, 1, 1, 3, 3, 0),
    lessStreamed: Uint8Array.of(0, 0, 1, 1, 0, 0, 1, 1, 0),
    pStream: Float32Array.of(0.9, 0.1, 0.8, 0.2, 0.3, 0.6, 0.2, 0.5, 0),
  };
}

describe('computeHeadroom', () => {
  const h = computeHeadroom(input());

  it('gives ceiling 1 where the truth ranks every positive first', () => {
    // Promo rows 0-3: .9+ .8+ .2- .1- -> AP 1; prevalence 2/4 (row 8, a training row, left out).
    expect(h.promo.all).toEqual({ ap: 1, prevalence: 0.5 });
    expect(h.promo.tier0).toEqual({ ap: 1, prevalence: 0.5 });
    expect(h.promo.tier4).toEqual({ ap: 1, prevalence: 0.5 });
    expect(h.promo['high-stream']).toEqual({ ap: 1, prevalence: 0.5 });
    expect(h.promo['less-streamed']).toEqual({ ap: 1, prevalence: 0.5 });
  });

  it('computes an imperfect ceiling by hand, leaving missing labels out', () => {
    // Ad rows 4-6 (row 7 missing): .6- .3+ .2- -> one positive at precision 1/2 -> AP 0.5; prevalence 1/3.
    expect(h.ad.all.ap).toBeCloseTo(0.5, 15);
    expect(h.ad.all.prevalence).toBeCloseTo(1 / 3, 15);
    expect(h.ad.tier1).toEqual({ ap: 0.5, prevalence: 0.5 });
    expect(h.ad['high-stream']).toEqual({ ap: 0.5, prevalence: 0.5 });
  });

  it('is null where undefined: no positive (AP), no observed row (AP and prevalence)', () => {
    // Ad tier 3: row 6 negative, row 7 missing -> 1 observed row, 0 positives.
    expect(h.ad.tier3).toEqual({ ap: null, prevalence: 0 });
    expect(h.ad['less-streamed']).toEqual({ ap: null, prevalence: 0 });
    for (const s of ['tier2', 'tier5', 'tier6', 'tier7'] as const) {
      expect(h.promo[s]).toEqual({ ap: null, prevalence: null });
      expect(h.ad[s]).toEqual({ ap: null, prevalence: null });
    }
  });

  it('reuses a segment split it is given, with the same result', () => {
    const i = input();
    expect(computeHeadroom(i, segmentPositions(i.testRows, i))).toEqual(h);
  });

  it('refuses a NaN truth on a kept row, as AP refuses NaN scores', () => {
    const i = { ...input(), pStream: Float32Array.of(Number.NaN, 0, 0, 0, 0, 0, 0, 0, 0) };
    expect(() => computeHeadroom(i)).toThrow(RangeError);
  });
});

describe('capturedShare', () => {
  const c = { ap: 0.5, prevalence: 0.2 };

  it('is 0 at the prevalence and 1 at the ceiling, linear between', () => {
    expect(capturedShare(0.2, c)).toBe(0);
    expect(capturedShare(0.5, c)).toBe(1);
    expect(capturedShare(0.35, c)).toBeCloseTo(0.5, 15);
    expect(capturedShare(0.1, c)).toBeCloseTo(-1 / 3, 15); // worse than random
    expect(capturedShare(0.65, c)).toBeCloseTo(1.5, 15); // luckier than the truth on this sample
  });

  it('is null when any part is null or there is no headroom', () => {
    expect(capturedShare(null, c)).toBeNull();
    expect(capturedShare(0.3, { ap: null, prevalence: 0.2 })).toBeNull();
    expect(capturedShare(0.3, { ap: 0.5, prevalence: null })).toBeNull();
    expect(capturedShare(0.3, { ap: 0.2, prevalence: 0.2 })).toBeNull(); // denominator 0
    expect(capturedShare(0.3, { ap: 0.1, prevalence: 0.2 })).toBeNull(); // denominator < 0
    expect(capturedShare(1, { ap: 1, prevalence: 1 })).toBeNull(); // every row positive
  });
});

describe('formatShare', () => {
  it('writes a percentage with 1 decimal, n/a when undefined, never -0.0%', () => {
    expect(formatShare(0.6234)).toBe('62.3%');
    expect(formatShare(-0.04)).toBe('-4.0%');
    expect(formatShare(-0.0001)).toBe('0.0%');
    expect(formatShare(1.5)).toBe('150.0%');
    expect(formatShare(null)).toBe('n/a');
  });
});
