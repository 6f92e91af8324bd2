import { describe, expect, it } from 'vitest';
import { PRESETS } from '../config/presets';
import { type CompareRun, compareRows, configDiff, dataSourceOf } from './compare';
import { fixtureGrouping } from '../results/results-fixture';
import type { ExperimentResults, GroupingResult } from '../results/results-types';

const results = (groupings: GroupingResult[]): ExperimentResults => ({
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  backend: 'wasm',
  config: null,
  dataset: null,
  baseline: 'promo-mtl',
  testRows: 10,
  groupings,
});

const base: CompareRun = {
  id: 'a',
  results: results([
    fixtureGrouping('promo-mtl', { promo: [0.1, 0], ad: [0.05, 0] }, { ad: { 'less-streamed': { ap: 0 } } }),
    fixtureGrouping('joint-5task', { promo: [0.2, 1], ad: [null, null] }),
  ]),
};
const other: CompareRun = {
  id: 'b',
  results: results([
    fixtureGrouping(
      'promo-mtl',
      { promo: [0.12, 0], ad: [0.04, 0] },
      { ad: { 'less-streamed': { ap: 0.03 } } },
    ),
    fixtureGrouping('joint-5task', { promo: [0.15, 0.25], ad: [0.06, 0.5] }),
    fixtureGrouping('ads-anc', { promo: [0.3, 2], ad: [0.07, 0.75] }),
  ]),
};

describe('compareRows', () => {
  const rows = compareRows([other, base], 'a');
  const row = (g: string, c: string, s: string) =>
    rows.find((r) => r.grouping === g && r.channel === c && r.segment === s)!;

  it('lists groupings reference first, then channels, then overall and less-streamed', () => {
    expect(rows.map((r) => `${r.grouping}/${r.channel}/${r.segment}`).slice(0, 4)).toEqual([
      'promo-mtl/promo/all',
      'promo-mtl/promo/less-streamed',
      'promo-mtl/ad/all',
      'promo-mtl/ad/less-streamed',
    ]);
    expect([...new Set(rows.map((r) => r.grouping))]).toEqual(['promo-mtl', 'joint-5task', 'ads-anc']);
    expect(rows).toHaveLength(12);
  });

  it('keeps the runs in the given order and takes deltas against the reference run', () => {
    const r = row('promo-mtl', 'promo', 'all');
    expect(r.cells.map((c) => c.runId)).toEqual(['b', 'a']);
    expect(r.cells[0].ap).toBe(0.12);
    expect(r.cells[0].delta).toBeCloseTo(0.02, 12);
    expect(r.cells[0].rel).toBeCloseTo(0.2, 12);
    // The reference against itself: no change.
    expect(r.cells[1]).toMatchObject({ delta: 0, rel: 0 });
  });

  it('gives n/a, never 0, when either AP is undefined or the reference AP is 0', () => {
    const undefinedRef = row('joint-5task', 'ad', 'all');
    expect(undefinedRef.cells[0]).toMatchObject({ ap: 0.06, delta: null, rel: null });
    expect(undefinedRef.cells[1]).toMatchObject({ ap: null, delta: null, rel: null });
    const zeroRef = row('promo-mtl', 'ad', 'less-streamed');
    expect(zeroRef.cells[0].delta).toBeCloseTo(0.03, 12);
    expect(zeroRef.cells[0].rel).toBeNull();
  });

  it('marks a grouping a run did not train, with n/a against it', () => {
    const r = row('ads-anc', 'promo', 'all');
    expect(r.cells[0]).toMatchObject({ trained: true, ap: 0.3, delta: null, rel: null });
    expect(r.cells[1]).toMatchObject({ trained: false, ap: null, delta: null, rel: null });
  });

  it('adds tier rows when asked', () => {
    const tiers = compareRows([base, other], 'a', ['tier0', 'tier7']);
    expect(tiers.filter((r) => r.grouping === 'promo-mtl').map((r) => r.segment)).toEqual([
      'tier0',
      'tier7',
      'tier0',
      'tier7',
    ]);
  });

  it('has only n/a deltas when the reference is not among the runs', () => {
    const rows2 = compareRows([base, other], 'missing');
    expect(rows2.every((r) => r.cells.every((c) => c.delta === null && c.rel === null))).toBe(true);
  });
});

describe('configDiff', () => {
  const quick = PRESETS.quick;

  it('lists only the fields that differ, by key and description', () => {
    const diff = configDiff([quick, { ...quick, seed: 8 }, { ...quick, seed: 9 }]);
    expect(quick.seed).toBe(1);
    expect(diff).toEqual([{ key: 'seed', label: expect.stringContaining('seed'), values: ['1', '8', '9'] }]);
  });

  it('is empty for identical configs or fewer than two', () => {
    expect(configDiff([quick, structuredClone(quick)])).toEqual([]);
    expect(configDiff([quick])).toEqual([]);
  });

  it('reports groupings, nested fields, lists and the data source', () => {
    const file = {
      ...quick,
      groupings: ['promo-mtl', 'joint-5task'],
      data: { kind: 'file', name: 'log.csv' },
      model: { ...quick.model, encoderUnits: [64] },
      train: { ...quick.train, learningRate: 0.01 },
    };
    const diff = configDiff([quick, file]);
    expect(diff.map((d) => d.key)).toEqual(
      expect.arrayContaining(['data', 'groupings', 'encoder', 'lr', 'users', 'per_day']),
    );
    expect(diff[0]).toEqual({ key: 'data', label: 'data source', values: ['simulated', 'file log.csv'] });
    expect(diff.find((d) => d.key === 'encoder')?.values).toEqual(['32, 16', '64']);
    // Simulator knobs do not exist for a file: they read '—' rather than disappearing.
    expect(diff.find((d) => d.key === 'users')?.values).toEqual([String(800), '—']);
    expect(diff.map((d) => d.key)).not.toContain('seed');
  });

  it('reads unknown or partial configs without throwing', () => {
    expect(dataSourceOf(null)).toBe('unknown');
    expect(dataSourceOf({ data: { kind: 'url', url: 'https://x/y.csv' } })).toBe('https://x/y.csv');
    expect(configDiff([null, {}])).toEqual([]);
  });
});
