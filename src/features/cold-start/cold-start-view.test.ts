import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/config/presets';
import { sampleColdStart } from '../../core/results/cold-start-fixture';
import type { ColdStartPoint, ColdStartResults } from '../../core/results/cold-start-types';
import type { Interval } from '../../core/results/rigor-types';
import { coldStartBlocker, coldStartNote, coldStartStatusText, tidyBudgets } from './cold-start-texts';
import {
  apOf,
  ceilingCells,
  coldStartChart,
  coldStartMeaning,
  coldStartTable,
  METHOD_STYLE,
  undefinedPoints,
} from '../../charts/cold-start-view';

const iv = (mean: number | null, lo: number | null = null, hi: number | null = null, n = 3): Interval =>
  mean === null
    ? { mean, lo, hi, n: 0, values: [null, null, null] }
    : { mean, lo, hi, n, values: [mean, mean, mean] };

const pt = (budget: number, labels: number, all: Interval, less: Interval): ColdStartPoint => ({
  budget,
  labels,
  ap: { all, 'less-streamed': less },
});

/** Three seeds at 1, 5 and 20%; finetune's less-streamed AP is undefined at 1%; one interval missing. */
const THREE_SEEDS: ColdStartResults = sampleColdStart();

const ONE_SEED: ColdStartResults = {
  ...THREE_SEEDS,
  seeds: [7],
  budgets: [5, 50],
  methods: {
    scratch: [
      pt(5, 60, iv(0.1, null, null, 1), iv(0.1, null, null, 1)),
      pt(50, 600, iv(0.2, null, null, 1), iv(null)),
    ],
    direct: [
      pt(5, 0, iv(0.15, null, null, 1), iv(0.1, null, null, 1)),
      pt(50, 0, iv(0.15, null, null, 1), iv(0.1, null, null, 1)),
    ],
    finetune: [pt(5, 60, iv(0.17, null, null, 1), iv(0.1, null, null, 1))], // no point at 50%
  },
  ceiling: null,
};

describe('coldStartChart', () => {
  it('has one series per method in a fixed order with a point per budget, offset within its slot', () => {
    const chart = coldStartChart(THREE_SEEDS, 'all');
    expect(chart.ticks).toEqual([
      { x: 0, label: '1%' },
      { x: 1, label: '5%' },
      { x: 2, label: '20%' },
    ]);
    expect(chart.series.map((s) => s.key)).toEqual(['scratch', 'direct', 'finetune']);
    expect(chart.series.map((s) => s.label)).toEqual([
      METHOD_STYLE.scratch.label,
      METHOD_STYLE.direct.label,
      METHOD_STYLE.finetune.label,
    ]);
    const scratch = chart.series[0].points;
    expect(scratch.map((p) => p.x)).toEqual([-0.12, 0.88, 1.88]);
    expect(scratch[1]).toEqual({ x: 0.88, budget: 5, mean: 0.1, lo: 0.08, hi: 0.12, n: 3 });
    // direct is one model: the same value at every budget (a flat line).
    expect(new Set(chart.series[1].points.map((p) => p.mean))).toEqual(new Set([0.15]));
    expect(chart.series[1].points.map((p) => p.x)).toEqual([0, 1, 2]);
    expect(chart.ceiling).toBe(0.4);
  });

  it('keeps undefined values null (never 0) and draws no interval without 2 defined values', () => {
    const chart = coldStartChart(THREE_SEEDS, 'less-streamed');
    const finetune = chart.series[2].points;
    expect(finetune[0]).toMatchObject({ budget: 1, mean: null, lo: null, hi: null });
    expect(finetune[1]).toMatchObject({ budget: 5, mean: 0.15, lo: null, hi: null, n: 1 });
    expect(chart.ceiling).toBeNull();
    expect(undefinedPoints(chart)).toBe(1);
    expect(undefinedPoints(coldStartChart(THREE_SEEDS, 'all'))).toBe(0);
  });

  it('fills a budget a method has no point at with an undefined point', () => {
    const chart = coldStartChart(ONE_SEED, 'all');
    expect(chart.series[2].points.map((p) => p.mean)).toEqual([0.17, null]);
    expect(chart.series.every((s) => s.points.every((p) => p.lo === null && p.hi === null))).toBe(true);
    expect(apOf(ONE_SEED, 'finetune', 50, 'all')).toMatchObject({ mean: null, n: 0 });
  });
});

describe('coldStartTable', () => {
  it('has a row per budget with the labels kept and every method and segment as mean [lo, hi]', () => {
    const rows = coldStartTable(THREE_SEEDS);
    expect(rows.map((r) => [r.budgetText, r.labels, r.labelsText])).toEqual([
      ['1%', 12, '12'],
      ['5%', 60, '60'],
      ['20%', 1200, '1,200'],
    ]);
    expect(rows[0].cells.map((c) => `${c.method}/${c.segment}`)).toEqual([
      'scratch/all',
      'scratch/less-streamed',
      'direct/all',
      'direct/less-streamed',
      'finetune/all',
      'finetune/less-streamed',
    ]);
    expect(rows[0].cells[0]).toEqual({
      method: 'scratch',
      segment: 'all',
      ap: 0.05,
      text: '0.0500 [0.0300, 0.0700]',
    });
    expect(rows[0].cells[5]).toMatchObject({ ap: null, text: 'n/a' });
    expect(rows[1].cells[5]).toMatchObject({ ap: 0.15, text: '0.1500' });
  });

  it('shows one seed without intervals and a missing point as n/a', () => {
    const rows = coldStartTable(ONE_SEED);
    expect(rows[0].cells.map((c) => c.text)).toEqual([
      '0.1000',
      '0.1000',
      '0.1500',
      '0.1000',
      '0.1700',
      '0.1000',
    ]);
    expect(rows[1].cells.map((c) => c.text)).toEqual(['0.2000', 'n/a', '0.1500', '0.1000', 'n/a', 'n/a']);
    expect(rows[1].labels).toBe(600);
  });

  it('gives the ceiling per segment when known', () => {
    expect(ceilingCells(THREE_SEEDS)).toEqual([
      { segment: 'all', ap: 0.4, text: '0.4000' },
      { segment: 'less-streamed', ap: null, text: 'n/a' },
    ]);
    expect(ceilingCells(ONE_SEED)).toBeNull();
  });
});

describe('panel texts', () => {
  it('sorts budgets and drops repeats', () => {
    expect(tidyBudgets([20, 1, 5, 5])).toEqual([1, 5, 20]);
  });

  it('says why the experiment cannot start', () => {
    const ok = { backend: {}, datasetStatus: 'ready', runStatus: 'idle', coldStartStatus: 'idle' as const };
    expect(coldStartBlocker(ok)).toBeNull();
    expect(coldStartBlocker({ ...ok, coldStartStatus: 'done' })).toBeNull();
    expect(coldStartBlocker({ ...ok, backend: null })).toMatch(/backend/);
    expect(coldStartBlocker({ ...ok, datasetStatus: 'building' })).toMatch(/dataset/);
    expect(coldStartBlocker({ ...ok, runStatus: 'running' })).toMatch(/run is training/);
    expect(coldStartBlocker({ ...ok, coldStartStatus: 'running' })).toMatch(/running/);
  });

  it('writes the status line', () => {
    expect(coldStartStatusText('idle', null, null)).toBe('not started');
    expect(
      coldStartStatusText(
        'running',
        { phase: 'training', message: 'seed 1 of 2: scratch at 5%', fraction: 0.333 },
        null,
      ),
    ).toBe('running: training: seed 1 of 2: scratch at 5% (33%)');
    expect(coldStartStatusText('running', null, null)).toBe('running (waiting for the worker)');
    expect(coldStartStatusText('done', { phase: 'intervals', message: 'done', fraction: 1 }, null)).toBe(
      'done',
    );
    expect(coldStartStatusText('error', null, 'no labels')).toBe('failed: no labels');
    expect(coldStartStatusText('cancelled', null, null)).toBe('cancelled');
  });

  it('notes the joint encoder and the seeds from the config', () => {
    const config = {
      ...PRESETS.quick,
      seed: 7,
      rigor: { ...PRESETS.quick.rigor, repeats: 3 },
      coldStart: { task: 'like' as const, budgets: [1, 5] },
    };
    const note = coldStartNote(config);
    expect(note).toContain(`(${config.encoders['joint-5task']})`);
    expect(note).toContain("step 2's Repeats: 3 training seeds (7–9)");
    expect(note).toContain('each of the 2 budgets');
    expect(coldStartNote({ ...config, rigor: { ...config.rigor, repeats: 1 } })).toContain(
      'one training seed (7;',
    );
  });

  it('captions what the lines, error bars and ceiling are', () => {
    const three = coldStartMeaning(THREE_SEEDS);
    expect(three).toContain('its promo_stream head applied directly');
    expect(three).toContain('95% t interval over the seeds');
    expect(three).toContain('dashed grey line');
    const one = coldStartMeaning(ONE_SEED);
    expect(one).toContain('no error bars');
    expect(one).not.toContain('dashed');
  });
});
