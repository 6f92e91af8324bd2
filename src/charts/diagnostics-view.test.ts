import { describe, expect, it } from 'vitest';
import { DIVERGING, UNDEFINED_FILL } from './scales';
import { PRESETS } from '../core/config/presets';
import type { TaskId } from '../core/data/schema';
import { fixtureGrouping } from '../core/results/results-fixture';
import type { EpochRecord, ExperimentResults, GroupingResult } from '../core/results/results-types';
import {
  diagnosticsViews,
  epochOptions,
  formatCosine,
  gradnormAlphaOf,
  groupingDiagnostics,
  heatmapEpoch,
  modelSuffix,
} from './diagnostics-view';
import { heatmapAt } from './conflict-heatmap-view';

const HEADS: TaskId[] = ['ad_stream', 'click', 'like'];

const epoch = (n: number, extra: Partial<EpochRecord> = {}): EpochRecord => ({
  epoch: n,
  trainLoss: {},
  valAp: {},
  valApByTask: {},
  ms: 10,
  ...extra,
});

/** ads-anc-like grouping: three heads, GradNorm on MMoE, weights and cosines at epochs 1-3. */
function grouping(over: Partial<GroupingResult> = {}): GroupingResult {
  return {
    ...fixtureGrouping('ads-anc', { promo: [0.3, null], ad: [0.2, 0.1] }),
    heads: HEADS,
    encoder: 'mmoe',
    balancing: 'gradnorm',
    bestEpoch: 2,
    history: [
      epoch(1, {
        taskWeights: { ad_stream: 1, click: 1, like: 1 },
        gradCosine: [
          { a: 'ad_stream', b: 'click', cosine: 0.5 },
          { a: 'ad_stream', b: 'like', cosine: null },
          { a: 'click', b: 'like', cosine: 0.1 },
        ],
      }),
      // Recorded in the other order (b before a), and one weight missing.
      epoch(2, {
        taskWeights: { ad_stream: 1.4, click: 0.9 },
        gradCosine: [
          { a: 'click', b: 'ad_stream', cosine: -0.25 },
          { a: 'like', b: 'ad_stream', cosine: 0.05 },
        ],
      }),
      epoch(3, {
        taskWeights: { ad_stream: 1.6, click: 0.8, like: 0.6 },
        gradCosine: [
          { a: 'ad_stream', b: 'click', cosine: -0.4 },
          { a: 'ad_stream', b: 'like', cosine: 0.2 },
          { a: 'click', b: 'like', cosine: -0.9 },
        ],
      }),
    ],
    ...over,
  };
}

function results(groupings: GroupingResult[], config: unknown = PRESETS.quick): ExperimentResults {
  return {
    version: 1,
    createdAt: '2026-01-02T03:04:05.000Z',
    backend: 'cpu',
    config,
    dataset: {},
    baseline: groupings[0]?.id ?? 'promo-mtl',
    testRows: 100,
    groupings,
  } as unknown as ExperimentResults;
}

describe('which groupings get diagnostics', () => {
  it('every multi-head grouping that recorded weights or cosines, in the results order', () => {
    const single = { ...grouping(), id: 'ads-stream', heads: ['ad_stream'] as TaskId[] };
    const joint = { ...grouping(), id: 'joint-5task' };
    const views = diagnosticsViews(results([single, grouping(), joint]));
    expect(views.map((v) => v.id)).toEqual(['ads-anc', 'joint-5task']);
  });

  it('none for older results without the fields (the section hides)', () => {
    const old = grouping({ encoder: undefined, balancing: undefined, history: [epoch(1), epoch(2)] });
    expect(groupingDiagnostics(old)).toBeNull();
    expect(diagnosticsViews(results([old]))).toEqual([]);
    expect(groupingDiagnostics(grouping({ history: [] }))).toBeNull();
  });

  it('reads absent encoder and balancing as the paper model (shared bottom, fixed)', () => {
    const d = groupingDiagnostics(grouping({ encoder: undefined, balancing: undefined }))!;
    expect([d.encoder, d.balancing, d.modelText]).toEqual([
      'shared-bottom',
      'fixed',
      'shared bottom, fixed λ',
    ]);
  });

  it('names the model, with GradNorm’s alpha from the config', () => {
    const config = { ...PRESETS.quick, train: { ...PRESETS.quick.train, gradnormAlpha: 0.75 } };
    expect(diagnosticsViews(results([grouping()], config))[0].modelText).toBe('MMoE, GradNorm α = 0.75');
    expect(gradnormAlphaOf(null)).toBeNull();
    expect(gradnormAlphaOf({ train: { gradnormAlpha: 'x' } })).toBeNull();
  });
});

describe('loss weights', () => {
  it('one line per head over the epochs; a missing weight is a gap (null), not 0', () => {
    const w = groupingDiagnostics(grouping())!.weights!;
    expect(w.series.map((s) => s.key)).toEqual(HEADS);
    expect(w.rows).toEqual([
      { epoch: 1, ad_stream: 1, click: 1, like: 1 },
      { epoch: 2, ad_stream: 1.4, click: 0.9, like: null },
      { epoch: 3, ad_stream: 1.6, click: 0.8, like: 0.6 },
    ]);
  });

  it('captions what the weights are for the balancing used, and that a gap is undefined', () => {
    const meaning = (b: GroupingResult['balancing']) =>
      groupingDiagnostics(grouping({ balancing: b }))!.weights!.meaning;
    expect(meaning('gradnorm')).toMatch(/GradNorm’s learned weight w_t/);
    expect(meaning('uncertainty')).toMatch(/exp\(−s_t\)/);
    expect(meaning('fixed')).toMatch(/λ_t.*flat/);
    expect(meaning('pcgrad')).toMatch(/PCGrad keeps these fixed/);
    for (const b of ['fixed', 'uncertainty', 'gradnorm', 'pcgrad'] as const)
      expect(meaning(b)).toMatch(/undefined \(n\/a\), not 0/);
  });

  it('is absent when only cosines were recorded', () => {
    const history = grouping().history.map(({ taskWeights: _, ...e }) => e);
    const d = groupingDiagnostics(grouping({ history }))!;
    expect(d.weights).toBeNull();
    expect(d.conflict).not.toBeNull();
  });
});

describe('gradient conflict lines', () => {
  it('one line per recorded pair in head order, pairs recorded either way round', () => {
    const c = groupingDiagnostics(grouping())!.conflict!;
    expect(c.epochs).toEqual([1, 2, 3]);
    expect(c.pairs.map((p) => p.key)).toEqual(['ad_stream|click', 'ad_stream|like', 'click|like']);
    expect(c.lines.series.map((s) => s.label)).toEqual([
      'ad_stream vs click',
      'ad_stream vs like',
      'click vs like',
    ]);
    expect(c.lines.rows[0]).toEqual({
      epoch: 1,
      'ad_stream|click': 0.5,
      'ad_stream|like': null,
      'click|like': 0.1,
    });
    // Epoch 2 did not record click vs like: absent (a gap), like an undefined cosine.
    expect(c.lines.rows[1]).toEqual({ epoch: 2, 'ad_stream|click': -0.25, 'ad_stream|like': 0.05 });
    expect(c.lines.meaning).toMatch(/−1 = opposed/);
    expect(c.lines.meaning).toMatch(/not 0/);
  });

  it('ignores pairs with a task that is not a head, and a head paired with itself', () => {
    const h = [epoch(1, { gradCosine: [
      { a: 'ad_stream', b: 'follow', cosine: 0.3 },
      { a: 'click', b: 'click', cosine: 1 },
      { a: 'click', b: 'like', cosine: 0.2 },
    ] })]; // prettier-ignore
    expect(groupingDiagnostics(grouping({ history: h }))!.conflict!.pairs.map((p) => p.key)).toEqual([
      'click|like',
    ]);
  });
});

describe('gradient conflict heat map', () => {
  const d = groupingDiagnostics(grouping())!;
  const c = d.conflict!;

  it('shows the last epoch by default, and a chosen epoch while it has cosines', () => {
    expect(heatmapEpoch(c, null)).toBe(3);
    expect(heatmapEpoch(c, 1)).toBe(1);
    expect(heatmapEpoch(c, 7)).toBe(3); // e.g. an epoch of the previous results
    expect(epochOptions(c, d.bestEpoch).map((o) => o.text)).toEqual([
      'epoch 1',
      'epoch 2 (kept model)',
      'epoch 3',
    ]);
  });

  it('is a symmetric heads-by-heads matrix with the values printed and 1 on the diagonal', () => {
    const m = heatmapAt(d, c, 3);
    expect(m.labels).toEqual(HEADS);
    expect(m.cells.map((r) => r.map((x) => x.text))).toEqual([
      ['1', '-0.40', '+0.20'],
      ['-0.40', '1', '-0.90'],
      ['+0.20', '-0.90', '1'],
    ]);
    expect(m.cells[0][0].title).toMatch(/1 by definition/);
    expect(m.cells[1][2].title).toBe('click vs like, epoch 3: cosine -0.90 (conflict)');
    expect(m.cells[1][2].textColor).toBe('#FFFFFF'); // dark red: white text
    expect(m.cells[0][2].textColor).toBe('#222222');
  });

  it('colours -1 red, 0 white and +1 blue', () => {
    const h = [epoch(1, { gradCosine: [
      { a: 'ad_stream', b: 'click', cosine: -1 },
      { a: 'ad_stream', b: 'like', cosine: 0 },
      { a: 'click', b: 'like', cosine: 1 },
    ] })]; // prettier-ignore
    const g = groupingDiagnostics(grouping({ history: h }))!;
    const m = heatmapAt(g, g.conflict!, 1);
    expect([m.cells[0][1].fill, m.cells[0][2].fill, m.cells[1][2].fill]).toEqual([
      DIVERGING.negative,
      DIVERGING.zero,
      DIVERGING.positive,
    ]);
    expect(m.cells[0][2].text).toBe('0.00');
    expect(m.cells[0][2].undefinedValue).toBeUndefined();
  });

  it('marks undefined and unrecorded cosines n/a (hatched), never as 0', () => {
    const m1 = heatmapAt(d, c, 1);
    const undef = m1.cells[0][2];
    expect(undef).toMatchObject({ text: 'n/a', fill: UNDEFINED_FILL, undefinedValue: true });
    expect(undef.title).toMatch(/undefined: a head had no gradient.*not 0/);
    expect(m1.meaning).toMatch(/n\/a \(hatched\) is undefined, not 0.*\(1 pair here\)/);
    const m2 = heatmapAt(d, c, 2);
    expect(m2.cells[1][2]).toMatchObject({ text: 'n/a', undefinedValue: true });
    expect(m2.cells[2][1].title).toMatch(/not recorded at this epoch/);
    expect(heatmapAt(d, c, 3).meaning).toMatch(/\(none here\)/);
  });

  it('captions what the cells are, the epoch and whether it is the kept one', () => {
    expect(heatmapAt(d, c, 2).meaning).toMatch(/end of epoch 2 \(the epoch whose weights were kept\)/);
    expect(heatmapAt(d, c, 3).meaning).toMatch(/Blue \(\+1\).*red \(−1\): opposed/);
  });

  it('sums the epoch up: the most opposed pair and how many conflict', () => {
    expect(heatmapAt(d, c, 3).summary).toBe(
      'Epoch 3: 2 of 3 pairs with a defined cosine conflict (cosine < 0); the most opposed is click vs like (-0.90).',
    );
    expect(heatmapAt(d, c, 1).summary).toBe(
      'Epoch 1: no conflict (all 2 pairs with a defined cosine ≥ 0); the least aligned is click vs like (+0.10).',
    );
  });
});

describe('texts', () => {
  it('formats cosines signed with 2 decimals, without a negative zero', () => {
    expect([0.421, -0.126, -0.001, 0, 1].map(formatCosine)).toEqual([
      '+0.42',
      '-0.13',
      '0.00',
      '0.00',
      '+1.00',
    ]);
  });

  it('names a non-default encoder and balancing after a grouping, nothing for the paper model', () => {
    expect(modelSuffix({ encoder: 'mmoe', balancing: 'gradnorm' })).toBe(' · MMoE · GradNorm');
    expect(modelSuffix({ encoder: 'ple', balancing: 'fixed' })).toBe(' · PLE');
    expect(modelSuffix({ encoder: 'ple', balancing: 'uncertainty' })).toBe(' · PLE · Uncertainty');
    expect(modelSuffix({ encoder: 'shared-bottom', balancing: 'pcgrad' })).toBe(' · PCGrad');
    expect(modelSuffix({ encoder: 'shared-bottom', balancing: 'fixed' })).toBe('');
    expect(modelSuffix({})).toBe('');
  });
});
