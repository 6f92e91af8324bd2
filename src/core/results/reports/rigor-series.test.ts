import { describe, expect, it } from 'vitest';
import { parseResultsJson } from '../results-io';
import { JOINT_TIER_ECPS, JOINT_TIER_I2S, rigorFixture, rigorFixtureResults } from '../rigor-fixture';
import {
  apTierRows,
  bootRelText,
  bootstrapCaption,
  prChartSeries,
  replayTableView,
  replayTierMeaning,
  replayTierRows,
  rigorTable1Rows,
  seedsCaption,
  toPct,
} from './rigor-series';

const results = rigorFixtureResults();
const rigor = results.rigor!;

describe('rigorTable1Rows', () => {
  const rows = rigorTable1Rows(results, rigor);

  it('has one row per grouping in results order, the baseline marked', () => {
    expect(rows.map((r) => [r.id, r.label, r.isBaseline])).toEqual([
      ['promo-mtl', 'Promotions MTL', true],
      ['joint-5task', 'Joint 5-task', false],
      ['ads-stream', 'ads-stream', false],
    ]);
  });

  it('carries AP mean/lo/hi, the rel interval and the bootstrap per channel and segment', () => {
    const joint = rows[1].cells;
    expect([joint.all.promo.ap.mean, joint.all.promo.ap.lo, joint.all.promo.ap.hi]).toEqual([
      0.42, 0.41, 0.43,
    ]);
    expect(joint.all.promo.apText).toBe('0.4200 [0.4100, 0.4300]');
    expect(joint.all.promo.relText).toBe('+5.0% [+2.0%, +8.0%]');
    expect(joint.all.promo.bootText).toBe('[+2.5%, +7.5%]');
    expect(joint.all.promo.pText).toBe('0.004');
    expect(joint.all.ad.pText).toBe('<0.001');
    expect(joint.all.ad.boot?.relHi).toBe(0.7);
    expect(joint['less-streamed'].ad.ap.mean).toBe(0.08);
    expect(joint['less-streamed'].ad.relText).toBe('+60.0% [+30.0%, +90.0%]');
    expect(joint['less-streamed'].promo.bootText).toBe('[-2.0%, +22.0%]');
    expect(joint['less-streamed'].promo.pText).toBe('0.120');
  });

  it('leaves rel and bootstrap out for the baseline', () => {
    const base = rows[0].cells.all.promo;
    expect(base.rel).toBeNull();
    expect(base.boot).toBeNull();
    expect([base.relText, base.bootText, base.pText]).toEqual(['—', '—', '—']);
    expect(base.apText).toBe('0.4000 [0.3800, 0.4200]');
  });

  it('says n/a for undefined values and shows no interval from one value', () => {
    const ads = rows[2].cells;
    expect(ads.all.ad.apText).toBe('0.1200');
    expect(ads.all.ad.relText).toBe('+20.0%');
    expect(ads['less-streamed'].ad.ap.mean).toBeNull();
    expect([ads['less-streamed'].ad.apText, ads['less-streamed'].ad.relText]).toEqual(['n/a', 'n/a']);
    expect([ads['less-streamed'].ad.bootText, ads['less-streamed'].ad.pText]).toEqual(['n/a', 'n/a']);
  });

  it("says 'off' when the bootstrap was off", () => {
    const off = rigorFixtureResults({ bootstrapResamples: 0 });
    const cell = rigorTable1Rows(off, off.rigor!)[1].cells.all.promo;
    expect([cell.bootText, cell.pText]).toEqual(['off', 'off']);
    expect(bootRelText(null, 1000)).toBe('n/a');
  });
});

describe('captions', () => {
  it('states the seeds and the interval, or its absence with one seed', () => {
    expect(seedsCaption(rigor)).toContain('Mean over 3 training seeds (7, 8, 9)');
    expect(seedsCaption(rigor)).toContain('95% Student-t interval');
    const one = rigorFixture({ seeds: [7] });
    expect(seedsCaption(one)).toBe(
      'One training seed (7): there is no interval over seeds; set repeats ≥ 2 to get one.',
    );
  });

  it('states the bootstrap resamples or that it is off', () => {
    expect(bootstrapCaption(rigor)).toContain('1000 resamples');
    expect(bootstrapCaption(rigorFixture({ bootstrapResamples: 0 }))).toBe(
      'Paired bootstrap off (bootstrap = 0).',
    );
  });

  it('says what a tier bar and its error bar are', () => {
    expect(replayTierMeaning('i2s', rigor, 'promo-mtl')).toMatch(
      /^Bars: mean over 3 seeds .*i2s.*promo-mtl.*Error bars: 95% Student-t interval over the 3 seeds\.$/,
    );
    expect(replayTierMeaning('ecps', rigorFixture({ seeds: [7] }), 'b')).toContain(
      'No error bars: one training seed',
    );
  });
});

describe('replayTableView', () => {
  it('has the non-baseline groupings with rel intervals for all and less-streamed', () => {
    const view = replayTableView(results, rigor.replay.label);
    expect(view.rows.map((r) => r.id)).toEqual(['joint-5task', 'ads-stream']);
    const joint = view.rows[0].cells;
    expect(joint.all.i2s.rel.mean).toBe(0.18);
    expect(joint.all.i2s.text).toBe('+18.0% [+10.0%, +26.0%]');
    expect(joint.all.ecps.text).toBe('-20.0% [-30.0%, -10.0%]');
    expect(joint['less-streamed'].streams.text).toBe('+27.0% [+17.0%, +37.0%]');
    expect(view.rows[1].cells.all.i2s.text).toBe('+10.0%');
    expect(view.rows[1].cells.all.ecps.text).toBe('n/a');
    expect(view.rows[1].cells.all.ecps.rel.mean).toBeNull();
    expect(view.bought).toEqual({ all: 30, 'less-streamed': 30 });
    expect(view.missing).toEqual([]);
  });

  it('lists groupings absent from the replay as missing', () => {
    const { 'ads-stream': _, ...label } = rigor.replay.label;
    const view = replayTableView(results, label);
    expect(view.rows.map((r) => r.id)).toEqual(['joint-5task']);
    expect(view.missing).toEqual([{ id: 'ads-stream', label: 'ads-stream' }]);
  });

  it('reads the expected table when given it', () => {
    const sim = rigorFixtureResults({ expected: true });
    const view = replayTableView(sim, sim.rigor!.replay.expected!);
    expect(view.rows[0].cells.all.i2s.rel.mean).toBe(0.09);
  });
});

describe('replayTierRows', () => {
  it('gives tiers 0..7 with each grouping in percent, intervals as [lo, hi]', () => {
    const { rows, groupings } = replayTierRows(results, rigor.replay.label, 'i2s');
    expect(groupings).toEqual([
      { id: 'joint-5task', label: 'Joint 5-task' },
      { id: 'ads-stream', label: 'ads-stream' },
    ]);
    expect(rows.map((r) => r.x)).toEqual([
      'Tier 0',
      'Tier 1',
      'Tier 2',
      'Tier 3',
      'Tier 4',
      'Tier 5',
      'Tier 6',
      'Tier 7',
    ]);
    JOINT_TIER_I2S.forEach((v, t) => {
      const cell = rows[t].values['joint-5task'];
      if (v === null) return;
      expect(cell.mean).toBeCloseTo(v * 100, 10);
      expect(cell.lo).toBeCloseTo((v - 0.02) * 100, 10);
      expect(cell.hi).toBeCloseTo((v + 0.02) * 100, 10);
    });
    expect(rows[5].values['joint-5task'].mean).toBeCloseTo(60, 10);
    expect(rows[0].values['ads-stream']).toEqual({ mean: 10, lo: null, hi: null });
  });

  it('keeps an undefined change null, never 0', () => {
    const { rows } = replayTierRows(results, rigor.replay.label, 'ecps');
    expect(rows[7].values['joint-5task']).toEqual({ mean: null, lo: null, hi: null });
    expect(rows[0].values['ads-stream']).toEqual({ mean: null, lo: null, hi: null });
    expect(rows[4].values['joint-5task'].mean).toBeCloseTo(JOINT_TIER_ECPS[4]! * 100, 10);
  });

  it('toPct scales by 100 and keeps nulls', () => {
    expect(toPct({ mean: 0.5, lo: 0.25, hi: 0.75, n: 3, values: [] })).toEqual({ mean: 50, lo: 25, hi: 75 });
    expect(toPct({ mean: 0, lo: null, hi: null, n: 1, values: [] })).toEqual({ mean: 0, lo: null, hi: null });
  });
});

describe('prChartSeries', () => {
  it('pairs recall with precision per grouping and lists those without a curve', () => {
    const promo = prChartSeries(results, rigor, 'promo');
    expect(promo.series.map((s) => s.id)).toEqual(['promo-mtl', 'joint-5task']);
    expect(promo.series[1].points).toEqual([
      { recall: 0, precision: 1 },
      { recall: 0.25, precision: 0.9 },
      { recall: 1, precision: 0.4 },
    ]);
    expect(promo.missing).toEqual([{ id: 'ads-stream', label: 'ads-stream' }]);
    expect(promo.baseRate).toBe(0.2);
    expect(prChartSeries(results, rigor, 'ad').series).toHaveLength(3);
  });
});

describe('rigorFixtureResults', () => {
  it('is a valid results file (so it can be imported in the app)', () => {
    const parsed = parseResultsJson(JSON.stringify(rigorFixtureResults({ expected: true })));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });
});

describe('apTierRows', () => {
  it('gives each non-baseline grouping its per-tier AP change in percent with the seed interval', () => {
    const { rows, groupings } = apTierRows(results, results.rigor!, 'ad');
    expect(groupings.map((g) => g.id)).toEqual(['joint-5task', 'ads-stream']);
    expect(rows.map((r) => r.x)).toEqual([
      'Tier 0',
      'Tier 1',
      'Tier 2',
      'Tier 3',
      'Tier 4',
      'Tier 5',
      'Tier 6',
      'Tier 7',
    ]);
    expect(rows[3].values['joint-5task'].mean).toBeCloseTo(50, 10);
    expect(rows[3].values['joint-5task'].lo).toBeCloseTo(40, 10);
    expect(rows[3].values['joint-5task'].hi).toBeCloseTo(60, 10);
    // One defined seed: a mean without an interval, never a made-up one.
    expect(rows[0].values['ads-stream']).toEqual({ mean: 20, lo: null, hi: null });
  });
});
