import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/config/presets';
import type { DatasetSummary } from '../../core/data/dataset-summary';
import { prepareData } from '../../core/data/prepare';
import { DEFAULT_SIM_CONFIG, simulate } from '../../core/data/simulator';
import { fixtureGrouping } from '../../core/results/results-fixture';
import type { ExperimentResults } from '../../core/results/results-types';
import type { Interval, PairedBootstrap, RigorResults } from '../../core/results/rigor-types';
import {
  ablationBlocker,
  ablationChart,
  ablationRows,
  chartMeaning,
  gridPreview,
  presentGroups,
} from './ablation-view';

const sim = { ...DEFAULT_SIM_CONFIG, users: 100, shows: 20, days: 6, impressionsPerDay: 150 };
const summary = prepareData(simulate(sim, 3), PRESETS.quick).summary;
const cfg = PRESETS.quick;

const iv = (mean: number | null, lo: number | null = null, hi: number | null = null): Interval => ({
  mean,
  lo,
  hi,
  n: lo === null ? 1 : 2,
  values: [mean],
});
const boot = (rel: number, relLo: number, relHi: number, p: number): PairedBootstrap => ({
  diff: rel / 10,
  rel,
  lo: relLo / 10,
  hi: relHi / 10,
  relLo,
  relHi,
  p,
  resamples: 50,
});

/** A two-arm grid (full, no-anc) over two seeds, with the bootstrap on or off. */
function gridResults(resamples: number): ExperimentResults {
  const byChannel = (promo: Interval, ad: Interval) => ({ promo: { all: promo }, ad: { all: ad } });
  const rigor = {
    seeds: [1, 2],
    varies: 'training',
    ap: {
      full: byChannel(iv(0.3, 0.28, 0.32), iv(0.1, 0.09, 0.11)),
      'no-anc': byChannel(iv(0.27), iv(0.12)),
    },
    apRel: { full: byChannel(iv(0), iv(0)), 'no-anc': byChannel(iv(-0.1, -0.2, 0), iv(0.2, 0.1, 0.3)) },
    bootstrap: {
      'no-anc': {
        promo: { all: boot(-0.1, -0.15, -0.05, 0.004) },
        ad: { all: boot(0.2, -0.1, 0.5, 0.0004) },
      },
    },
    bootstrapResamples: resamples,
  } as unknown as RigorResults;
  return {
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    backend: 'cpu',
    config: cfg,
    dataset: null,
    baseline: 'full',
    testRows: 10,
    groupings: [
      fixtureGrouping('full', { promo: [0.3, 0], ad: [0.1, 0] }),
      fixtureGrouping('no-anc', { promo: [0.27, -0.1], ad: [0.12, 0.2] }),
    ],
    rigor,
    ablation: {
      target: 'joint-5task',
      arms: [
        { id: 'full', change: 'as configured' },
        { id: 'no-anc', change: 'ancillary heads off' },
      ],
      skipped: [],
    },
  };
}

describe('ablation view', () => {
  it('previews the arms the worker trains on simulated data', () => {
    const { arms, skipped } = gridPreview(cfg, 'joint-5task', summary);
    expect(arms.map((a) => a.id)).toEqual([
      'full',
      'no-anc',
      'no-mask',
      'natural',
      'encoder-mmoe',
      'encoder-ple',
      'balancing-uncertainty',
      'balancing-gradnorm',
      'balancing-pcgrad',
      'anc-weight-x0.25',
      'anc-weight-x4',
      'drop-user',
      'drop-content',
      'drop-context',
      'drop-creative',
    ]);
    expect(skipped).toEqual([]);
  });

  it('skips dropping a feature group the data lacks, with the reason', () => {
    const noContext: DatasetSummary = { ...summary, features: { ...summary.features, context: [] } };
    expect(presentGroups(noContext)).toEqual(['user', 'content', 'creative']);
    const { arms, skipped } = gridPreview(cfg, 'promo-stream', noContext);
    expect(arms.map((a) => a.id)).not.toContain('drop-context');
    expect(skipped).toContainEqual({
      change: 'context features dropped',
      reason: 'the data has no such column',
    });
    expect(skipped.map((s) => s.change)).toContain('sampling');
  });

  it('says why the grid cannot start', () => {
    const ok = {
      summary,
      datasetStatus: 'ready',
      runStatus: 'idle',
      backend: 'cpu',
      target: 'joint-5task',
    } as const;
    expect(ablationBlocker(ok)).toBeNull();
    expect(ablationBlocker({ ...ok, runStatus: 'running' })).toMatch(/in progress/);
    expect(ablationBlocker({ ...ok, summary: null })).toMatch(/No dataset/);
    expect(ablationBlocker({ ...ok, backend: null })).toMatch(/backend/);
    expect(ablationBlocker({ ...ok, target: null })).toMatch(/Tick/);
  });

  it('builds one table row per arm, full as the reference without a change', () => {
    const rows = ablationRows(gridResults(50));
    expect(rows.map((r) => [r.id, r.change, r.isFull])).toEqual([
      ['full', 'as configured', true],
      ['no-anc', 'ancillary heads off', false],
    ]);
    expect(rows[0].cells.promo).toEqual({
      ap: 0.3,
      apText: '0.3000 [0.2800, 0.3200]',
      relText: '',
      bootText: '',
      pText: '',
    });
    expect(rows[1].cells.promo).toEqual({
      ap: 0.27,
      apText: '0.2700',
      relText: '-10.0% [-20.0%, +0.0%]',
      bootText: '[-15.0%, -5.0%]',
      pText: '0.004',
    });
    expect(rows[1].cells.ad.pText).toBe('<0.001');
  });

  it('charts every arm but full, with bootstrap error bars in percent', () => {
    const { rows, interval } = ablationChart(gridResults(50));
    expect(interval).toBe('bootstrap');
    expect(rows).toHaveLength(1);
    expect(rows[0].x).toBe('no-anc');
    expect(rows[0].values.promo.mean).toBeCloseTo(-10);
    expect(rows[0].values.promo.lo).toBeCloseTo(-15);
    expect(rows[0].values.ad.hi).toBeCloseTo(50);
    expect(chartMeaning(interval, 50, 2)).toMatch(/95% paired bootstrap interval \(50 resamples/);
  });

  it('falls back to the seed interval when the bootstrap is off', () => {
    const { rows, interval } = ablationChart(gridResults(0));
    expect(interval).toBe('seeds');
    expect(rows[0].values.ad).toEqual({ mean: 20, lo: 10, hi: 30 });
    expect(chartMeaning('none', 0, 1)).toMatch(/no error bars/);
  });
});
