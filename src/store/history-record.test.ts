import { describe, expect, it } from 'vitest';
import { analysisFixture } from '../core/analysis/analysis-fixture';
import { PRESETS } from '../core/config/presets';
import { runConfigOf } from '../core/results/run-config';
import { sampleColdStart } from '../core/results/cold-start-fixture';
import { sampleGrid } from '../core/results/grid-fixture';
import { sampleConfig as config, sampleResults } from './history-fixture';
import {
  buildRunRecord,
  recordOfResults,
  datasetLabelOf,
  defaultRunName,
  asRunRecord,
  storageErrorText,
} from './history-record';

describe('run records', () => {
  const at = new Date(2026, 2, 1, 12, 30);

  it('names a run by what it compares, its seed and the local time', () => {
    expect(defaultRunName(config, at)).toBe('joint-5task vs promo-mtl · seed 7 · 12:30');
    expect(defaultRunName(PRESETS.quick, new Date(2026, 0, 1, 9, 5))).toBe(
      '5 groupings vs promo-mtl · seed 1 · 09:05',
    );
    expect(defaultRunName({ ...config, groupings: ['promo-mtl'] }, at)).toBe(
      'promo-mtl only · seed 7 · 12:30',
    );
  });

  it('labels the data it trained on', () => {
    expect(datasetLabelOf(config)).toBe('simulated (seed 7)');
    expect(datasetLabelOf({ ...config, data: { kind: 'file', name: 'log.csv' } })).toBe('file log.csv');
    expect(datasetLabelOf({ ...config, data: { kind: 'url', url: 'https://h/x.csv' } })).toBe(
      'https://h/x.csv',
    );
  });

  it('keeps config, fingerprint, results, backend and timings; unpinned', () => {
    const r = recordOfResults(sampleResults(), { fingerprint: 'abcd', totalMs: 6000, now: at });
    expect(r).toMatchObject({
      name: 'joint-5task vs promo-mtl · seed 7 · 12:30',
      createdAt: at.toISOString(),
      config,
      datasetFingerprint: 'abcd',
      datasetLabel: 'simulated (seed 7)',
      backend: 'wasm',
      timings: { byGrouping: { 'promo-mtl': 1200, 'joint-5task': 3400 }, totalMs: 6000 },
      pinned: false,
    });
    expect(r.results).toEqual(sampleResults());
    expect(asRunRecord(r)).toEqual(r);
    expect(r.kind).toBe('comparison');
    // Without a measured total, the groupings' training time stands in.
    expect(recordOfResults(sampleResults(), { fingerprint: null, now: at }).timings.totalMs).toBe(4600);
    expect(recordOfResults(sampleResults(), { fingerprint: null, now: at }).id).not.toBe(r.id);
  });

  it('names an analysis of predictions by its models and file, with no dataset fingerprint', () => {
    const results = analysisFixture();
    const { config: analysed } = runConfigOf(results.config);
    const r = buildRunRecord(
      { kind: 'comparison', results },
      { config: analysed, backend: results.backend, fingerprint: 'abcd', now: at },
    );
    expect(r).toMatchObject({
      name: 'mtl vs base · predictions fixture.csv · 12:30',
      datasetFingerprint: null,
      datasetLabel: 'predictions fixture.csv',
      backend: 'predictions',
    });
    expect(r.config.rigor).toMatchObject({ repeats: 2, buyShare: 0.3, bootstrap: 20 });
    expect(asRunRecord(r)).toEqual(r);
  });

  it('recognises only records this version can show', () => {
    const r = recordOfResults(sampleResults(), { fingerprint: null, now: at });
    expect(asRunRecord({ ...r, results: { ...r.results, version: 2 } })).toBeNull();
    expect(asRunRecord({ ...r, kind: 'tuning-from-the-future' })).toBeNull();
    expect(asRunRecord({ id: 'x' })).toBeNull();
    expect(asRunRecord(null)).toBeNull();
  });

  it('reads records saved before studies had kinds as comparisons or grids', () => {
    const { kind: _, ...old } = recordOfResults(sampleResults(), { fingerprint: null, now: at });
    expect(asRunRecord(old)?.kind).toBe('comparison');
    const grid = { ...old, results: { ...old.results, ablation: { target: 'joint-5task' } } };
    expect(asRunRecord(grid)?.kind).toBe('ablation');
  });
});

describe('records of every kind of study', () => {
  const at = new Date(2026, 2, 1, 12, 30);
  const cold = () =>
    buildRunRecord(
      { kind: 'cold-start', results: sampleColdStart() },
      { config: PRESETS.quick, backend: 'webgpu', fingerprint: 'f0', totalMs: 9000, now: at },
    );

  it('keeps a cold start with its kind, the config and backend it ran under, and no per-grouping times', () => {
    const r = cold();
    expect(r).toMatchObject({
      kind: 'cold-start',
      name: 'cold start of ad_stream · seed 1 · 12:30',
      config: PRESETS.quick,
      backend: 'webgpu',
      datasetFingerprint: 'f0',
      timings: { byGrouping: {}, totalMs: 9000 },
      pinned: false,
    });
    expect(r.results).toEqual(sampleColdStart());
    // What IndexedDB stores is read back as the same record.
    expect(asRunRecord(structuredClone(r))).toEqual(r);
    expect(asRunRecord({ ...r, results: { task: 'ad_stream' } })).toBeNull();
  });

  it('names a grid by the grouping it varies, and knows it is one', () => {
    const r = recordOfResults(sampleGrid(), { fingerprint: null, now: at });
    expect(r.kind).toBe('ablation');
    expect(r.name).toBe('ablation grid of joint-5task · seed 7 · 12:30');
    expect(r.timings.byGrouping).toEqual({ full: 0, 'no-anc': 0, 'drop-user': 0 });
    expect(asRunRecord(structuredClone(r))).toEqual(r);
  });
});

describe('storage error text', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  it('says the quota is full, how full, and what to do', () => {
    expect(storageErrorText('save the run', quota, { usage: 52_400_000, quota: 53_000_000 })).toBe(
      "Could not save the run: the browser's storage quota is full (52.4 MB used of 53.0 MB); delete old runs and try again.",
    );
    expect(storageErrorText('save the run', quota, null)).toContain(
      'the browser did not say how much is used',
    );
  });

  it('names any other failure with its cause', () => {
    expect(storageErrorText('rename the run', new Error('disk gone'), null)).toBe(
      'Could not rename the run: Error: disk gone.',
    );
    expect(storageErrorText('read the run history', 'blocked', null)).toBe(
      'Could not read the run history: blocked.',
    );
  });
});
