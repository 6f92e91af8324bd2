import { describe, expect, it } from 'vitest';
import { lessStreamedFlags, SEGMENT_IDS, segmentPositions, tierSegment } from './segments';

describe('lessStreamedFlags', () => {
  it('uses show_streams_30d < 5000 when the column exists', () => {
    // 4999 is below the threshold, 5000 is not; the tier is ignored for these rows.
    const flags = lessStreamedFlags(Uint8Array.of(0, 7, 4), Float64Array.of(4999, 5000, 12000));
    expect(Array.from(flags)).toEqual([1, 0, 0]);
  });

  it('falls back to tiers 3-5 when the column is absent', () => {
    const flags = lessStreamedFlags(Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7), null);
    expect(Array.from(flags)).toEqual([0, 0, 0, 1, 1, 1, 0, 0]);
  });

  it('falls back to the tier rule for rows whose count is NaN', () => {
    const flags = lessStreamedFlags(Uint8Array.of(4, 4, 1), Float64Array.of(Number.NaN, 9000, Number.NaN));
    expect(Array.from(flags)).toEqual([1, 0, 0]);
  });

  it('rejects a stream-count column of another length', () => {
    expect(() => lessStreamedFlags(Uint8Array.of(1, 2), Float64Array.of(1))).toThrow(RangeError);
  });
});

describe('segmentPositions', () => {
  // Input rows 0..7. Source: 0 promo, 1 ad. Test rows are 7, 1, 2, 4, 5 (in that order).
  const source = Uint8Array.of(0, 0, 1, 0, 1, 1, 0, 0);
  const tier = Uint8Array.of(0, 2, 3, 7, 4, 1, 5, 6);
  const lessStreamed = Uint8Array.of(0, 1, 1, 0, 0, 0, 1, 0);
  const rows = Int32Array.of(7, 1, 2, 4, 5);
  const seg = segmentPositions(rows, { source, tier, lessStreamed });

  it('returns positions into the row list, split by channel', () => {
    // Promo test rows: 7 (position 0), 1 (position 1). Ad: 2 (2), 4 (3), 5 (4).
    expect(Array.from(seg.promo.all)).toEqual([0, 1]);
    expect(Array.from(seg.ad.all)).toEqual([2, 3, 4]);
  });

  it('puts each row in its tier segment and high-stream for tiers 0-2', () => {
    expect(Array.from(seg.promo.tier6)).toEqual([0]);
    expect(Array.from(seg.promo.tier2)).toEqual([1]);
    expect(Array.from(seg.promo['high-stream'])).toEqual([1]);
    expect(Array.from(seg.ad.tier3)).toEqual([2]);
    expect(Array.from(seg.ad.tier4)).toEqual([3]);
    expect(Array.from(seg.ad['high-stream'])).toEqual([4]);
    expect(seg.ad.tier0.length).toBe(0);
  });

  it('uses the given less-streamed flags, which may overlap high-stream', () => {
    // Row 1 is tier 2 (high-stream) but flagged less-streamed by its 30-day count.
    expect(Array.from(seg.promo['less-streamed'])).toEqual([1]);
    expect(Array.from(seg.ad['less-streamed'])).toEqual([2]);
  });

  it('has every segment for both channels', () => {
    expect(Object.keys(seg.promo)).toEqual([...SEGMENT_IDS]);
    expect(Object.keys(seg.ad)).toEqual([...SEGMENT_IDS]);
  });

  it('leaves rows with an unknown tier out of tier segments but in all', () => {
    const s = segmentPositions([0, 1], { source: [0, 0], tier: [255, -1], lessStreamed: [0, 0] });
    expect(Array.from(s.promo.all)).toEqual([0, 1]);
    expect(SEGMENT_IDS.slice(1, 9).every((id) => s.promo[id].length === 0)).toBe(true);
    expect(s.promo['high-stream'].length).toBe(0);
  });

  it('rejects a row index outside the columns', () => {
    expect(() => segmentPositions([9], { source, tier, lessStreamed })).toThrow(RangeError);
  });
});

describe('tierSegment', () => {
  it('names tiers 0..7 and rejects others', () => {
    expect(tierSegment(0)).toBe('tier0');
    expect(tierSegment(7)).toBe('tier7');
    expect(() => tierSegment(8)).toThrow(RangeError);
  });
});
