import { describe, expect, it } from 'vitest';
import { TIERS } from '../../data/schema';
import { capturedShare } from '../../metrics/headroom';
import { sampleHeadroomResults } from '../headroom-fixture';
import { segmentHeadroom, tierHeadroom, tierHeadroomNotes } from './headroom-series';
import { sampleResults } from '../results-sample';
import type { ExperimentResults } from '../results-types';
import type { Interval } from '../rigor-types';
import { tierSegment } from '../../metrics/segments';

const results = sampleHeadroomResults();
const h = results.headroom!;

describe('headroom views', () => {
  it('are null without headroom', () => {
    expect(segmentHeadroom(sampleResults(), 'all')).toBeNull();
    expect(tierHeadroom(sampleResults(), 'ad')).toBeNull();
    expect(tierHeadroomNotes(sampleResults(), 'ad')).toBeNull();
  });

  it("give a segment's ceilings and every grouping's share, in results order", () => {
    const v = segmentHeadroom(results, 'less-streamed')!;
    expect(v.ceiling).toEqual({ promo: h.promo['less-streamed'], ad: h.ad['less-streamed'] });
    expect(v.rows.map((r) => r.id)).toEqual(results.groupings.map((g) => g.id));
    expect(v.rows[0].isBaseline).toBe(true);
    results.groupings.forEach((g, i) => {
      for (const c of ['promo', 'ad'] as const)
        expect(v.rows[i].share[c]).toBe(
          capturedShare(g.segments[c]['less-streamed'].ap, h[c]['less-streamed']),
        );
    });
  });

  it('give per tier the ceiling and the share of each grouping, baseline included', () => {
    const v = tierHeadroom(results, 'promo')!;
    expect(v.overSeeds).toBe(false);
    expect(v.ceiling).toEqual(TIERS.map((t) => h.promo[tierSegment(t)]));
    expect(v.rows).toHaveLength(results.groupings.length);
    const g = results.groupings[4];
    expect(v.rows[4].share).toEqual(
      TIERS.map((t) => capturedShare(g.segments.promo[tierSegment(t)].ap, h.promo[tierSegment(t)])),
    );
  });

  it('use the mean AP over seeds when the results carry repeats', () => {
    const iv = (mean: number | null): Interval => ({ mean, lo: null, hi: null, n: 2, values: [mean, mean] });
    const ap = Object.fromEntries(
      results.groupings.map((g) => [
        g.id,
        {
          promo: Object.fromEntries(Object.keys(h.promo).map((s) => [s, iv(0.3)])),
          ad: Object.fromEntries(Object.keys(h.ad).map((s) => [s, iv(null)])),
        },
      ]),
    );
    const rigor = { seeds: [1, 2], ap } as unknown as ExperimentResults['rigor'];
    const v = tierHeadroom({ ...results, rigor }, 'promo')!;
    expect(v.overSeeds).toBe(true);
    expect(v.rows[0].share[0]).toBe(capturedShare(0.3, h.promo.tier0));
    expect(tierHeadroom({ ...results, rigor }, 'ad')!.rows[0].share.every((x) => x === null)).toBe(true);
  });

  it('write tooltip notes per tier: ceiling, prevalence, the baseline share and each grouping share', () => {
    const notes = tierHeadroomNotes(results, 'promo')!;
    expect(Object.keys(notes)).toEqual(TIERS.map((t) => `Tier ${t}`));
    expect(notes['Tier 0'].line).toMatch(
      /^ceiling AP 0\.\d{4}, prevalence 0\.\d{4}; promo-mtl captured -?\d+\.\d%$/,
    );
    expect(notes['Tier 7'].line).toBe('ceiling AP n/a, prevalence n/a; promo-mtl captured n/a');
    expect(notes['Tier 0'].perBar['joint-5task']).toMatch(/^captured -?\d+\.\d% of headroom$/);
  });
});
