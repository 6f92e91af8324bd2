import { describe, expect, it } from 'vitest';
import type { Source, TaskId } from '../../data/schema';
import { fixtureGrouping, type SegmentOverrides } from '../results-fixture';
import type { ExperimentResults, Metric } from '../results-types';
import {
  lossChartSeries,
  type StepLossPoint,
  segmentSummaryRows,
  table1Rows,
  tierUpliftSeries,
  undefinedKey,
  valApChartSeries,
} from './series';

/** The series tests' grouping: label `<id> label`, scored by each channel's own head by default. */
const grouping = (
  id: string,
  all: Record<Source, [Metric, Metric]>,
  over: SegmentOverrides = {},
  scoringHeads: Record<Source, TaskId | null> = { promo: 'promo_stream', ad: 'ad_stream' },
) => fixtureGrouping(id, all, over, { label: `${id} label`, scoringHeads });

const results: ExperimentResults = {
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  backend: 'cpu',
  config: null,
  dataset: null,
  baseline: 'promo-mtl',
  testRows: 20,
  groupings: [
    grouping(
      'joint-5task',
      { promo: [0.2, 0.25], ad: [0.09, 0.5] },
      {
        ad: { tier3: { ap: 0.12, rel: 0.2 }, tier6: { ap: null, rel: null, positives: 0 } },
        promo: { tier2: { rel: null } },
      },
    ),
    grouping(
      'promo-mtl',
      { promo: [0.16, 0], ad: [0.06, 0] },
      // Tier 6 of ads has no positive: every AP there is undefined.
      // Promotions tier 2: a baseline whose AP is undefined (as with a baseline without a stream head).
      {
        ad: { tier6: { ap: null, rel: null, positives: 0 }, 'high-stream': { ap: 0.07 } },
        promo: { tier2: { ap: null, rel: null } },
      },
    ),
    grouping(
      'ads-stream',
      { promo: [null, null], ad: [0.03, -0.5] },
      {
        ad: {
          tier6: { ap: null, rel: null, positives: 0 },
          tier7: { ap: null, rel: null, rows: 0, positives: 0 },
        },
      },
      { promo: null, ad: 'ad_stream' },
    ),
  ],
};

describe('table1Rows', () => {
  it('keeps every grouping in order, marks the baseline and keeps undefined as null', () => {
    const rows = table1Rows(results);
    expect(rows.map((r) => [r.id, r.isBaseline])).toEqual([
      ['joint-5task', false],
      ['promo-mtl', true],
      ['ads-stream', false],
    ]);
    expect(rows[0]).toMatchObject({
      label: 'joint-5task label',
      promoAp: 0.2,
      promoRel: 0.25,
      adAp: 0.09,
      adRel: 0.5,
    });
    expect(rows[2]).toMatchObject({
      promoAp: null,
      promoRel: null,
      promoApReason: 'no-head',
      adApReason: null,
    });
  });
});

describe('tierUpliftSeries', () => {
  const ads = tierUpliftSeries(results, 'ad');

  it('has all eight tiers and leaves out the baseline grouping', () => {
    expect(ads.rows.map((r) => r.tier)).toEqual([
      'Tier 0',
      'Tier 1',
      'Tier 2',
      'Tier 3',
      'Tier 4',
      'Tier 5',
      'Tier 6',
      'Tier 7',
    ]);
    expect(ads.groupings).toEqual([
      { id: 'joint-5task', label: 'joint-5task label' },
      { id: 'ads-stream', label: 'ads-stream label' },
    ]);
    expect(ads.rows[0]).not.toHaveProperty('promo-mtl');
  });

  it('gives the relative change in percent', () => {
    expect(ads.rows[0]['joint-5task']).toBeCloseTo(50, 12);
    expect(ads.rows[3]['joint-5task']).toBeCloseTo(20, 12);
    expect(ads.rows[0]['ads-stream']).toBeCloseTo(-50, 12);
    expect(ads.rows[0][undefinedKey('ads-stream')]).toBe(false);
  });

  it('keeps an undefined uplift null, flags it and says why, never 0', () => {
    expect(ads.rows[6]['ads-stream']).toBeNull();
    expect(ads.rows[6][undefinedKey('ads-stream')]).toBe(true);
    expect(ads.rows[7]['ads-stream']).toBeNull();
    expect(ads.undefinedCells).toEqual([
      { grouping: 'joint-5task', reason: 'no-positive', tiers: ['Tier 6'] },
      { grouping: 'ads-stream', reason: 'no-positive', tiers: ['Tier 6'] },
      { grouping: 'ads-stream', reason: 'no-rows', tiers: ['Tier 7'] },
    ]);
  });

  it('says a channel with no scoring head has no head, in every tier', () => {
    const promo = tierUpliftSeries(results, 'promo');
    expect(promo.undefinedCells.filter((c) => c.grouping === 'ads-stream')).toEqual([
      { grouping: 'ads-stream', reason: 'no-head', tiers: promo.rows.map((r) => r.tier) },
    ]);
  });

  it('says when the uplift is undefined because the baseline AP is', () => {
    const promo = tierUpliftSeries(results, 'promo');
    expect(promo.rows[2]['joint-5task']).toBeNull();
    expect(promo.undefinedCells[0]).toEqual({
      grouping: 'joint-5task',
      reason: 'baseline-undefined',
      tiers: ['Tier 2'],
    });
  });
});

describe('segmentSummaryRows', () => {
  it('gives less-streamed then high-stream, each with every grouping and its counts', () => {
    const [less, high] = segmentSummaryRows(results, 'ad');
    expect(less.segment).toBe('less-streamed');
    expect(high.segment).toBe('high-stream');
    expect(high.rows.map((r) => r.id)).toEqual(['joint-5task', 'promo-mtl', 'ads-stream']);
    expect(high.rows[1]).toMatchObject({ isBaseline: true, ap: 0.07, rel: 0, rows: 10, positives: 2 });
    expect(less.rows[2]).toMatchObject({ ap: 0.03, rel: -0.5, apReason: null, relReason: null });
  });
});

describe('lossChartSeries', () => {
  const points: StepLossPoint[] = Array.from({ length: 10 }, (_, i) => ({
    step: (i + 1) * 5,
    promo_stream: i,
    ...(i % 2 === 0 ? { click: 1 } : {}),
  }));

  it('returns short curves as they are, with the tasks present in task order', () => {
    const s = lossChartSeries(points);
    expect(s.rows).toBe(points);
    expect(s.tasks).toEqual(['promo_stream', 'click']);
  });

  it('averages equal runs of points when the curve is longer than maxPoints', () => {
    const s = lossChartSeries(points, 4);
    // ceil(10 / 4) = 3 points per run: steps 15, 30, 45, 50.
    expect(s.rows.map((r) => r.step)).toEqual([15, 30, 45, 50]);
    expect(s.rows.map((r) => r.promo_stream)).toEqual([1, 4, 7, 9]);
    expect(s.rows[0].click).toBe(1);
    expect(s.rows[3]).not.toHaveProperty('click');
  });
});

describe('valApChartSeries', () => {
  it('merges groupings by epoch, one curve per grouping and channel it reports', () => {
    const s = valApChartSeries(['a', 'b', 'c'], {
      a: [
        { epoch: 1, promo: 0.1 },
        { epoch: 2, promo: 0.2 },
      ],
      b: [{ epoch: 1, promo: 0.3, ad: null }],
    });
    expect(s.series).toEqual([
      { key: 'a:promo', grouping: 'a', channel: 'promo' },
      { key: 'b:promo', grouping: 'b', channel: 'promo' },
      { key: 'b:ad', grouping: 'b', channel: 'ad' },
    ]);
    expect(s.rows).toEqual([
      { epoch: 1, 'a:promo': 0.1, 'b:promo': 0.3, 'b:ad': null },
      { epoch: 2, 'a:promo': 0.2, 'b:promo': null, 'b:ad': null },
    ]);
  });

  it('is empty before any epoch', () => {
    expect(valApChartSeries(['a'], {})).toEqual({ rows: [], series: [] });
  });
});
