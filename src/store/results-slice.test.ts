import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import { PRESETS } from '../core/config/presets';
import { sampleColdStart } from '../core/results/cold-start-fixture';
import { sampleGrid } from '../core/results/grid-fixture';
import { sampleResults } from '../core/results/results-sample';
import { buildRunRecord, recordOfResults, saveMetaOf } from './history-record';
import { createAppStore } from './index';
import { createMemoryHistoryRepo } from './history-memory';
import { selectStudyStatus } from './selectors';
import { tuningSample } from '../core/results/tuning-fixture';
import { decodeConfig } from '../core/config/url-codec';

/** The quick preset as a tuning study: normalisation gives it the default budget of 8. */
const TUNING_CONFIG = decodeConfig(`v=2&study=tuning&groupings=${PRESETS.quick.groupings.join(',')}`).config;

const idle = { send: () => {}, subscribe: () => () => {}, terminate: () => {} };
const newStore = () =>
  createAppStore({
    createClient: () => idle,
    forcedBackend: () => null,
    historyRepo: createMemoryHistoryRepo(),
  }).store;
const at = new Date(Date.UTC(2026, 2, 1, 12, 30));
const META = { createdAt: '2026-05-06T07:08:09.000Z', backend: 'wasm', config: { seed: 3 } };

describe('importResults', () => {
  it('shows imported results in place of the current ones', () => {
    const store = newStore();
    expect(store.getState().results).toBeNull();
    const results = sampleResults();
    store.getState().importResults(results);
    expect(store.getState().results).toBe(results);
  });
});

describe('importStudy', () => {
  it('shows each kind in its own view, leaving the others as they were', () => {
    const store = newStore();
    const [comparison, grid, cold] = [sampleResults(), sampleGrid(), sampleColdStart()];
    store.getState().importStudy({ kind: 'comparison', results: comparison });
    store.getState().importStudy({ kind: 'ablation', results: grid });
    store.getState().importStudy({ kind: 'cold-start', results: cold, meta: META });
    const s = store.getState();
    expect(s.results).toBe(comparison);
    expect(s.resultsRunId).toBeNull();
    expect(s.ablationResults).toBe(grid);
    expect(s.coldStartResults).toBe(cold);
    expect(s.coldStartMeta).toEqual({ results: cold, meta: META });
  });

  it('keeps no run facts for a cold start whose file has none', () => {
    const store = newStore();
    store.getState().importStudy({ kind: 'cold-start', results: sampleColdStart(), meta: META });
    store.getState().importStudy({ kind: 'cold-start', results: sampleColdStart() });
    expect(store.getState().coldStartMeta).toBeNull();
  });
});

describe('openStudy', () => {
  it('shows a saved comparison, grid or cold start in the view of its kind', () => {
    const store = newStore();
    const comparison = recordOfResults(sampleResults(), { fingerprint: null, now: at });
    const grid = recordOfResults(sampleGrid(), { fingerprint: null, now: at });
    const cold = buildRunRecord(
      { kind: 'cold-start', results: sampleColdStart() },
      { config: PRESETS.quick, backend: 'webgpu', fingerprint: null, now: at },
    );
    for (const r of [comparison, grid, cold]) store.getState().openStudy(r);
    const s = store.getState();
    expect(s.results).toBe(comparison.results);
    expect(s.ablationResults).toBe(grid.results);
    expect(s.coldStartResults).toBe(cold.results);
    // The cold start's run facts come from its record, for its exports and its report.
    expect(s.coldStartMeta).toEqual({
      results: cold.results,
      meta: { createdAt: at.toISOString(), backend: 'webgpu', config: PRESETS.quick },
    });
  });
});

describe('a tuning study', () => {
  it('is shown in the results view as tuning until a comparison replaces it, and its status follows', () => {
    const store = newStore();
    const r = sampleResults();
    const results = { ...r, tuning: tuningSample(r.groupings.map((g) => g.id)) };
    const record = buildRunRecord(
      { kind: 'tuning', results },
      { config: TUNING_CONFIG, backend: 'wasm', fingerprint: null, now: at },
    );
    expect(record.kind).toBe('tuning');
    const { groupings, baseline, seed } = TUNING_CONFIG;
    expect(record.name).toMatch(
      new RegExp(
        `^tuning \\(8 recipes\\) of ${groupings.length - 1} groupings vs ${baseline} · seed ${seed} · \\d\\d:\\d\\d$`,
      ),
    );
    store.getState().openStudy(record);
    let s = store.getState();
    expect(s.results).toBe(results);
    expect(s.resultsKind).toBe('tuning');
    expect(selectStudyStatus('tuning')(s)).toBe('done');
    expect(selectStudyStatus('comparison')(s)).toBe('idle');
    store.getState().importStudy({ kind: 'comparison', results: r });
    s = store.getState();
    expect(s.resultsKind).toBe('comparison');
    expect(selectStudyStatus('tuning')(s)).toBe('idle');
    expect(selectStudyStatus('comparison')(s)).toBe('done');
  });
});

describe('an imported study saved to History', () => {
  it('is saved with its kind, its config read back safely and its backend', async () => {
    const store = newStore();
    const file = { kind: 'cold-start' as const, results: sampleColdStart(), meta: META };
    store.getState().importStudy(file);
    const meta = saveMetaOf(file);
    expect(meta?.backend).toBe('wasm');
    // The file's config held only a seed: every other field takes its default.
    expect(meta?.config).toEqual({ ...DEFAULT_CONFIG, seed: 3 });
    await store.getState().saveStudy(file, meta!);
    const [saved] = store.getState().historyRuns;
    expect(saved).toMatchObject({ kind: 'cold-start', backend: 'wasm', results: file.results });
    expect(saved.config.seed).toBe(3);
  });

  it('cannot be saved when a cold start file does not say how it ran', () => {
    expect(saveMetaOf({ kind: 'cold-start', results: sampleColdStart() })).toBeNull();
    expect(saveMetaOf({ kind: 'ablation', results: sampleGrid() })?.backend).toBe('cpu');
  });
});
