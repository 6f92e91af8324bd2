import { describe, expect, it } from 'vitest';
import { replayTable } from './budget-replay-table';
import type { ReplayTotals } from '../results/rigor-types';
import { SEGMENT_IDS, type SegmentId } from './segments';

const ZERO: ReplayTotals = { impressions: 0, streams: 0, clicks: 0, clickRows: 0, cost: 0 };
/** Totals on 'all' (and tier 0); every other segment bought nothing. */
const segs = (all: ReplayTotals): Record<SegmentId, ReplayTotals> => {
  const out = Object.fromEntries(SEGMENT_IDS.map((s) => [s, ZERO])) as Record<SegmentId, ReplayTotals>;
  return { ...out, all, tier0: all };
};
const T = (impressions: number, streams: number, clicks: number, clickRows: number, cost: number) => ({
  impressions,
  streams,
  clicks,
  clickRows,
  cost,
});

/*
 * Seed 0: base i2s 2/10 = 0.2, CTR 1/5 = 0.2, eCPS 10/2 = 5;  mtl i2s 0.3, CTR 0.4, eCPS 12/3 = 4.
 *   rel: i2s +0.5, CTR +1, eCPS -0.2, streams +0.5.
 * Seed 1: base i2s 0.4, CTR 1/4 = 0.25, eCPS 2.5, streams 4;  mtl i2s 10/20 = 0.5, CTR undefined,
 *   eCPS 30/10 = 3, streams 10.  rel: i2s +0.25, CTR null, eCPS +0.2, streams +1.5.
 */
type SeedTotals = Record<string, Record<SegmentId, ReplayTotals>>;
const perSeed: SeedTotals[] = [
  { base: segs(T(10, 2, 1, 5, 10)), mtl: segs(T(10, 3, 2, 5, 12)) },
  { base: segs(T(10, 4, 1, 4, 10)), mtl: segs(T(20, 10, 0, 0, 30)), late: segs(T(5, 1, 0, 1, 5)) },
];
const t975 = 12.706; // t(0.975, 1)

describe('replayTable', () => {
  const t = replayTable(perSeed, 'base');

  it('gives each ratio over seeds with a t interval', () => {
    const i2s = t.mtl.all.value.i2s;
    expect(i2s.values).toEqual([0.3, 0.5]);
    expect(i2s.mean).toBeCloseTo(0.4, 12);
    // s = sqrt(0.1^2 + 0.1^2) = 0.1 * sqrt(2); half = t * s / sqrt(2) = t * 0.1.
    expect(i2s.lo).toBeCloseTo(0.4 - t975 * 0.1, 12);
    expect(i2s.hi).toBeCloseTo(0.4 + t975 * 0.1, 12);
    expect(t.mtl.all.value.ctr).toEqual({ mean: 0.4, lo: null, hi: null, n: 1, values: [0.4, null] });
    expect(t.mtl.all.value.ecps.values).toEqual([4, 3]);
    expect(t.mtl.all.value.streams.values).toEqual([3, 10]);
    expect(t.base.all.value.ecps.values).toEqual([5, 2.5]);
  });

  it('gives relative changes against the same seed and segment', () => {
    const rel = t.mtl.all.rel;
    expect(rel.i2s.values[0]).toBeCloseTo(0.5, 12);
    expect(rel.i2s.values[1]).toBeCloseTo(0.25, 12);
    expect(rel.i2s.mean).toBeCloseTo(0.375, 12);
    // s = 0.125 * sqrt(2); half = t * 0.125.
    expect(rel.i2s.hi! - rel.i2s.lo!).toBeCloseTo(2 * t975 * 0.125, 9);
    expect(rel.ctr.values[0]).toBeCloseTo(1, 12);
    expect(rel.ctr.values[1]).toBeNull();
    expect(rel.ctr.n).toBe(1);
    expect(rel.ecps.values[0]).toBeCloseTo(-0.2, 12);
    expect(rel.ecps.values[1]).toBeCloseTo(0.2, 12);
    expect(rel.streams.values).toEqual([0.5, 1.5]);
    // The baseline against itself.
    expect(t.base.all.rel.i2s.values).toEqual([0, 0]);
  });

  it('is null where a segment bought nothing, and reports the first seed impressions', () => {
    expect(t.mtl.tier3.value.i2s).toEqual({ mean: null, lo: null, hi: null, n: 0, values: [null, null] });
    expect(t.mtl.tier3.value.streams.values).toEqual([0, 0]);
    // Baseline #streams 0 -> no relative change.
    expect(t.mtl.tier3.rel.streams.values).toEqual([null, null]);
    expect(t.mtl.all.impressions).toBe(10);
    expect(t.mtl.tier3.impressions).toBe(0);
  });

  it('counts a grouping missing from a seed as null there', () => {
    expect(Object.keys(t)).toEqual(['base', 'mtl', 'late']);
    expect(t.late.all.value.i2s.values).toEqual([null, 0.2]);
    expect(t.late.all.rel.i2s.values).toEqual([null, -0.5]); // 0.2 / 0.4 - 1
    expect(t.late.all.impressions).toBe(5);
  });

  it('throws when a seed lacks the baseline', () => {
    expect(() => replayTable([perSeed[0], { mtl: perSeed[1].mtl }], 'base')).toThrow(/baseline/);
    expect(replayTable([], 'base')).toEqual({});
  });
});
