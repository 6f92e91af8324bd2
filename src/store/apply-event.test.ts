import { describe, expect, it } from 'vitest';
import type { ExperimentResults } from '../core/results/results';
import type { ColdStartResults } from '../core/results/cold-start-types';
import type { ProgressEvent } from '../worker/protocol';
import { rigorFixtureResults } from '../core/results/rigor-fixture';
import { analysisFixture } from '../core/analysis/analysis-fixture';
import { applyEvent } from './apply-event';
import { freshRun } from './initial';
import { testState } from './test-state';
import type { AppState } from './types';

const running = (over: Partial<AppState> = {}) =>
  testState({
    ...freshRun('r1', { ...testState().config, groupings: ['promo-mtl', 'ads-stream'] }, 'comparison'),
    ...over,
  });

const progress = (over: Partial<ProgressEvent> = {}): ProgressEvent => ({
  status: 'progress',
  runId: 'r1',
  grouping: 'promo-mtl',
  groupingIndex: 0,
  groupingCount: 2,
  repeatIndex: 0,
  repeatCount: 1,
  epoch: 2,
  maxEpochs: 3,
  step: 5,
  stepsPerEpoch: 10,
  elapsedMs: 3000,
  ...over,
});

describe('applyEvent', () => {
  it('stores the backend choice on ready and clears a backend error', () => {
    const choice = { backend: 'cpu' as const, skipped: [], forced: true };
    expect(applyEvent(testState({ backendError: 'x' }), { status: 'ready', choice })).toEqual({
      backend: choice,
      backendError: null,
    });
  });

  it('tracks the dataset through building to ready', () => {
    expect(applyEvent(testState(), { status: 'dataset-building' })).toEqual({ datasetStatus: 'building' });
    const summary = { rows: 1 } as never;
    expect(applyEvent(testState(), { status: 'dataset', summary, fingerprint: 'f' })).toEqual({
      datasetStatus: 'ready',
      summary,
      fingerprint: 'f',
      loadReport: null, // simulated data has no load report
    });
  });

  describe('loads', () => {
    const report = {
      name: 'mine.csv',
      url: null,
      encoding: 'csv',
      bytes: 10,
      rows: 3,
      skippedCount: 1,
      skippedProblemCount: 1,
      skipped: [],
      ignoredColumns: [],
      ms: 5,
    };
    const loading = () => testState({ loadId: 'L1', loadStatus: 'loading', summary: { rows: 9 } as never });

    it('ignores events of a load that is not the current one', () => {
      const e = {
        status: 'load-progress',
        loadId: 'L0',
        phase: 'read',
        bytesRead: 1,
        bytesTotal: 2,
        rows: 3,
      } as const;
      expect(applyEvent(loading(), e)).toEqual({});
      expect(applyEvent(loading(), { status: 'load-cancelled', loadId: 'L0' })).toEqual({});
    });

    it('keeps the dataset in use when a load fails or is cancelled', () => {
      const failure = { file: 'x.csv', message: 'm', problems: [], problemCount: 2, skippable: true };
      const failed = applyEvent(loading(), { status: 'load-failed', loadId: 'L1', failure });
      expect(failed).toEqual({ loadStatus: 'failed', loadFailure: failure });
      expect(failed).not.toHaveProperty('summary');
      expect(applyEvent(loading(), { status: 'load-cancelled', loadId: 'L1' })).toEqual({
        loadStatus: 'cancelled',
      });
    });

    it('makes a loaded file the data source and the summary the new one', () => {
      const summary = { rows: 3 } as never;
      const out = applyEvent(loading(), {
        status: 'loaded',
        loadId: 'L1',
        report,
        summary,
        fingerprint: 'fp',
      });
      expect(out.config?.data).toEqual({ kind: 'file', name: 'mine.csv' });
      expect(out).toMatchObject({ loadStatus: 'loaded', loadReport: report, summary, fingerprint: 'fp' });
      const byUrl = applyEvent(loading(), {
        status: 'loaded',
        loadId: 'L1',
        report: { ...report, url: 'https://x.test/d.csv' },
        summary,
        fingerprint: 'fp',
      });
      expect(byUrl.config?.data).toEqual({ kind: 'url', url: 'https://x.test/d.csv' });
    });
  });

  it('turns progress into a training state with eta = elapsed / done steps * remaining steps', () => {
    const out = applyEvent(running(), progress());
    // done = (2-1)*10 + 5 = 15 steps in 3000 ms; 30 - 15 = 15 left -> 3000 ms.
    expect(out.progress?.['promo-mtl']).toEqual({
      grouping: 'promo-mtl',
      state: 'training',
      epoch: 2,
      maxEpochs: 3,
      step: 5,
      stepsPerEpoch: 10,
      etaMs: 3000,
      elapsedMs: 3000,
    });
    expect(out.progress?.['ads-stream']?.state).toBe('waiting');
    expect(out.lossSeries).toBeUndefined(); // no loss read back on this step
  });

  it('appends a loss point at the global step when the loss was read back', () => {
    const s = running();
    const out = applyEvent(s, progress({ lossByTask: { promo_stream: 0.4, click: 0.2 } }));
    expect(out.lossSeries?.['promo-mtl']).toEqual([{ step: 15, promo_stream: 0.4, click: 0.2 }]);
    const again = applyEvent({ ...s, ...out }, progress({ step: 6, lossByTask: { promo_stream: 0.3 } }));
    expect(again.lossSeries?.['promo-mtl']?.map((p) => p.step)).toEqual([15, 16]);
  });

  it('appends validation AP per epoch with undefined AP as null', () => {
    const out = applyEvent(running(), {
      status: 'epoch',
      runId: 'r1',
      grouping: 'ads-stream',
      epoch: 1,
      trainLoss: { ad_stream: 0.2 },
      valAp: { ad: 0.31, promo: undefined },
    });
    expect(out.valApSeries?.['ads-stream']).toEqual([{ epoch: 1, ad: 0.31, promo: null }]);
  });

  it('marks a grouping done', () => {
    const out = applyEvent(running(), {
      status: 'grouping-done',
      runId: 'r1',
      grouping: 'promo-mtl',
      ms: 1234,
    });
    expect(out.progress?.['promo-mtl']).toMatchObject({ state: 'done', etaMs: 0, elapsedMs: 1234 });
  });

  it('sets results and done on result, cancelled on cancelled', () => {
    const results = { groupings: [] } as unknown as ExperimentResults;
    const study = { kind: 'comparison' as const, results };
    expect(applyEvent(running(), { status: 'study-result', runId: 'r1', study })).toEqual({
      results,
      resultsKind: 'comparison',
      resultsRunId: 'r1',
      runStatus: 'done',
      runPhase: null,
    });
    // A tuning study's results are shown where a comparison's are, marked as tuning.
    expect(
      applyEvent(running(), { status: 'study-result', runId: 'r1', study: { kind: 'tuning', results } }),
    ).toMatchObject({ results, resultsKind: 'tuning', resultsRunId: 'r1', runStatus: 'done' });
    expect(applyEvent(running({ runStatus: 'cancelling' }), { status: 'cancelled', runId: 'r1' })).toEqual({
      runStatus: 'cancelled',
      runPhase: null,
    });
  });

  it('ends a study as cancelled when its result arrives after Cancel was pressed', () => {
    const results = { groupings: [] } as unknown as ExperimentResults;
    const out = applyEvent(running({ runStatus: 'cancelling' }), {
      status: 'study-result',
      runId: 'r1',
      study: { kind: 'comparison', results },
    });
    expect(out).toEqual({ runStatus: 'cancelled', runPhase: null });
  });

  it('shows an analysis of predictions as a comparison, and ignores another analysis’s events', () => {
    const results = analysisFixture();
    const s = testState({ analysisId: 'a1', analysisStatus: 'running' });
    expect(
      applyEvent(s, {
        status: 'analysis-progress',
        analysisId: 'a1',
        message: 'budget replay',
        fraction: 0.9,
      }),
    ).toEqual({ analysisProgress: { message: 'budget replay', fraction: 0.9 } });
    const done = { status: 'analysed', analysisId: 'a1', results, models: ['base', 'mtl'], ms: 5 } as const;
    expect(applyEvent(s, done)).toMatchObject({
      analysisStatus: 'done',
      analysisModels: ['base', 'mtl'],
      analysisResults: results,
      results,
      resultsRunId: null,
    });
    expect(applyEvent(s, { ...done, analysisId: 'old' })).toEqual({});
    const failure = {
      file: 'f.csv',
      message: 'f.csv: no score column',
      problems: [],
      problemCount: 0,
      skippable: false,
    };
    expect(applyEvent(s, { status: 'analysis-failed', analysisId: 'a1', failure })).toMatchObject({
      analysisStatus: 'failed',
      analysisFailure: failure,
    });
    expect(applyEvent(s, { status: 'analysis-cancelled', analysisId: 'a1' })).toMatchObject({
      analysisStatus: 'cancelled',
    });
  });

  it('keeps a cold start beside the other results', () => {
    const cold = { task: 'ad_stream', methods: {} } as unknown as ColdStartResults;
    const out = applyEvent(running({ runKind: 'cold-start' }), {
      status: 'study-result',
      runId: 'r1',
      study: { kind: 'cold-start', results: cold },
    });
    expect(out).toEqual({ coldStartResults: cold, runStatus: 'done', runPhase: null });
  });

  it('keeps an ablation grid beside the comparison instead of replacing it', () => {
    const grid = { groupings: [], ablation: { target: 'joint-5task', arms: [], skipped: [] } };
    const out = applyEvent(running(), {
      status: 'study-result',
      runId: 'r1',
      study: { kind: 'ablation', results: grid as unknown as ExperimentResults },
    });
    expect(out).toEqual({ ablationResults: grid, runStatus: 'done', runPhase: null });
    expect(out).not.toHaveProperty('results');
  });

  it('puts a replay at a new buy share into the shown results of that run only', () => {
    const results = rigorFixtureResults({ expected: true });
    const replay = { ...results.rigor!.replay, buyShare: 0.5 };
    const s = running({ results, resultsRunId: 'r1', replayBusy: true });
    const out = applyEvent(s, { status: 'replay', runId: 'r1', replay });
    expect(out.replayBusy).toBe(false);
    expect(out.results?.rigor?.replay).toBe(replay);
    expect(out.results?.config).toMatchObject({ rigor: { buyShare: 0.5 } });
    expect(out.results?.rigor?.bootstrap).toBe(results.rigor!.bootstrap);
    // Another run's replay (results imported or replaced since) changes nothing but the flag.
    expect(applyEvent({ ...s, resultsRunId: null }, { status: 'replay', runId: 'r1', replay })).toEqual({
      replayBusy: false,
    });
    // A result remembers which run it came from, so its replay can be redone.
    expect(
      applyEvent(running(), { status: 'study-result', runId: 'r1', study: { kind: 'comparison', results } }),
    ).toMatchObject({
      resultsRunId: 'r1',
    });
  });

  it("shows the study's phase, only for the current study and while it runs", () => {
    const e = {
      status: 'study-phase',
      runId: 'r1',
      phase: 'bootstrap',
      message: 'b',
      fraction: 0.5,
    } as const;
    expect(applyEvent(running(), e)).toEqual({
      runPhase: { phase: 'bootstrap', message: 'b', fraction: 0.5 },
    });
    expect(applyEvent(running(), { ...e, runId: 'old' })).toEqual({});
    expect(applyEvent(running({ runStatus: 'cancelled' }), e)).toEqual({});
  });

  it('records which repeat the run is on and restarts progress and live curves for a new one', () => {
    const s = running({
      progress: {
        'promo-mtl': { ...running().progress['promo-mtl'], state: 'done', epoch: 3, step: 10 },
        'ads-stream': { ...running().progress['ads-stream'], state: 'done', epoch: 3, step: 10 },
      },
      lossSeries: { 'promo-mtl': [{ step: 1, click: 0.5 }], 'ads-stream': [{ step: 1, click: 0.4 }] },
      valApSeries: { 'promo-mtl': [{ epoch: 1, promo: 0.1 }], 'ads-stream': [] },
    });
    const out = applyEvent(s, progress({ repeatIndex: 1, repeatCount: 3, lossByTask: { click: 0.7 } }));
    expect(out.runRepeat).toEqual({ index: 1, of: 3 });
    expect(out.progress?.['ads-stream']).toMatchObject({ state: 'waiting', epoch: 0, step: 0 });
    expect(out.progress?.['promo-mtl']).toMatchObject({ state: 'training', epoch: 2, step: 5 });
    expect(out.lossSeries?.['promo-mtl']).toEqual([{ step: 15, click: 0.7 }]);
    expect(out.valApSeries).toEqual({ 'promo-mtl': [], 'ads-stream': [] });
    // Within the same repeat nothing restarts.
    const same = applyEvent(
      { ...s, runRepeat: { index: 1, of: 3 } },
      progress({ repeatIndex: 1, repeatCount: 3 }),
    );
    expect(same.progress?.['ads-stream']?.state).toBe('done');
    expect(same).not.toHaveProperty('valApSeries');
    // Repeats at once: how many train together comes with the repeat.
    const together = applyEvent(s, progress({ repeatIndex: 0, repeatCount: 2, repeatsAtOnce: 2 }));
    expect(together.runRepeat).toEqual({ index: 0, of: 2, atOnce: 2 });
  });

  it('starts an ablation run over the arms, clearing only the last grid', () => {
    const config = testState().config;
    const fresh = freshRun('r2', config, 'ablation', ['full', 'no-anc']);
    expect(fresh.runKind).toBe('ablation');
    expect(fresh.runGroupings).toEqual(['full', 'no-anc']);
    expect(fresh).toHaveProperty('ablationResults', null);
    expect(fresh).not.toHaveProperty('results');
    const plain = freshRun('r3', config, 'comparison');
    expect(plain.runKind).toBe('comparison');
    expect(plain).toHaveProperty('results', null);
    expect(plain).not.toHaveProperty('ablationResults');
  });

  it('ignores events of another run', () => {
    const s = running();
    expect(applyEvent(s, progress({ runId: 'old', lossByTask: { click: 1 } }))).toEqual({});
    expect(applyEvent(s, { status: 'cancelled', runId: 'old' })).toEqual({});
    expect(applyEvent(s, { status: 'error', runId: 'old', kind: 'internal', message: 'x' })).toEqual({});
  });

  it('puts a run error in runError with status error', () => {
    expect(
      applyEvent(running({ datasetStatus: 'building' }), {
        status: 'error',
        runId: 'r1',
        kind: 'data',
        message: 'too few days',
      }),
    ).toEqual({
      runStatus: 'error',
      runPhase: null,
      runError: { kind: 'data', message: 'too few days' },
      datasetStatus: 'error',
    });
  });

  it('reports a backend that cannot start as backendError', () => {
    expect(applyEvent(testState(), { status: 'error', kind: 'backend', message: 'none' })).toEqual({
      backendError: 'none',
    });
  });

  it('fails a dataset build that the data cannot give', () => {
    const s = testState({
      backend: { backend: 'cpu', skipped: [], forced: false },
      datasetStatus: 'building',
    });
    expect(applyEvent(s, { status: 'error', kind: 'data', message: 'split' })).toEqual({
      datasetStatus: 'error',
      runError: { kind: 'data', message: 'split' },
    });
  });

  it('on a lost device fails the run and forgets the backend until the new worker reports', () => {
    const s = running({ backend: { backend: 'webgpu', skipped: [], forced: false } });
    expect(applyEvent(s, { status: 'error', runId: 'r1', kind: 'device-lost', message: 'lost' })).toEqual({
      runStatus: 'error',
      runPhase: null,
      runError: { kind: 'device-lost', message: 'lost' },
      backend: null,
    });
  });
});
