/**
 * The store's link to the training worker: creates the client on first use, reduces its events
 * into the store (applyEvent) and implements the command actions. A lost WebGPU device kills the
 * worker's tfjs for good, so the bridge replaces the worker; retryRun then starts afresh.
 */
import type { StateCreator, StoreApi } from 'zustand';
import { ablationGrid, gridOnly } from '../core/config/ablation';
import type { ExperimentConfig, GroupingId } from '../core/config/experiment';
import { type StudySpec, studySpecOf } from '../core/results/study-results';
import { type DatasetSummary, featureGroupsPresent } from '../core/data/dataset-summary';
import type { TrainingClient } from '../worker/client';
import { dataUrlProblem } from '../core/config/data-url';
import type { BrowserBackend, LoadSource, WorkerEvent } from '../worker/protocol';
import { createAnalysisActions } from './analysis-actions';
import { applyEvent } from './apply-event';
import { freshRun } from './initial';
import { coldStartShown } from './results-slice';
import { isActive } from './selectors';
import type { AppState, CommandSlice } from './types';

export { applyEvent } from './apply-event';

export interface BridgeOptions {
  readonly createClient: () => TrainingClient;
  /** The backend to force (from `?backend=`), read when a worker starts. */
  readonly forcedBackend: () => BrowserBackend | null;
  /** Hands an exported file to the user (the browser's download; tests record it). */
  readonly download?: (fileName: string, blob: Blob) => void;
}

export interface WorkerBridge {
  /** The CommandSlice to spread into the store. */
  readonly slice: StateCreator<AppState, [], [], CommandSlice>;
  /** Starts the worker (init with the forced backend) and builds the config's dataset. Idempotent. */
  connect(): void;
  /**
   * The worker's client itself, for the bench page's hook only (app/bench-hook.ts): a benchmark
   * must run in the worker that trains, on its dataset. Starts the worker when needed.
   */
  channel(): Pick<TrainingClient, 'send' | 'subscribe'>;
}

/** The arm ids the worker will train for this grid (gridOnly, as ml/studies/ablation.ts). */
function ablationArmIds(
  config: ExperimentConfig,
  spec: { readonly target: GroupingId; readonly arms?: readonly string[] },
  summary: DatasetSummary | null,
) {
  const grid = ablationGrid(config, spec.target, featureGroupsPresent(summary));
  return gridOnly(grid, spec.arms).arms.map((a) => a.id);
}

/**
 * Training progress reaches the store in batches, at most one render per this many ms. Each
 * progress event (about four a second) was a render of the run panel on the main thread, and on
 * a 2-core machine training two seeds at once every second the page spends is taken from the
 * training workers (docs/performance.md, "Main thread during a run"). Every event is still
 * applied, in order.
 */
export const PROGRESS_BATCH_MS = 500;

let runCounter = 0;
const newRunId = () => `run-${Date.now().toString(36)}-${++runCounter}`;
const newLoadId = () => `load-${Date.now().toString(36)}-${++runCounter}`;

export function createWorkerBridge(opts: BridgeOptions): WorkerBridge {
  let api: StoreApi<AppState> | null = null;
  let client: TrainingClient | null = null;
  let lastStart: { config: ExperimentConfig; spec: StudySpec } | null = null;
  /** When the current run was started (ms), for the total time its history record keeps. */
  let runStartedAt = 0;
  let lastLoad: LoadSource | null = null;
  /** The load of a `?data=` URL at startup: if it fails, the app falls back to simulated data. */
  let startupLoadId: string | null = null;

  const store = () => {
    if (!api) throw new Error('the worker bridge is not part of a store yet');
    return api;
  };
  const analysis = createAnalysisActions(store, (cmd) => ensureClient().send(cmd));

  /** Progress events not applied yet, oldest first; applied together by applyQueued. */
  let queued: WorkerEvent[] = [];
  let queueTimer: ReturnType<typeof setTimeout> | null = null;

  function applyQueued() {
    if (queueTimer !== null) clearTimeout(queueTimer);
    queueTimer = null;
    if (queued.length === 0) return;
    const batch = queued;
    queued = [];
    store().setState((s) => {
      // The same states as one setState per event (zustand merges a partial shallowly).
      let state = s;
      for (const e of batch) state = { ...state, ...applyEvent(state, e) };
      return state;
    });
  }

  function onEvent(e: WorkerEvent) {
    if (e.status === 'progress') {
      queued.push(e);
      queueTimer ??= setTimeout(applyQueued, PROGRESS_BATCH_MS);
      return;
    }
    applyQueued(); // anything else lands after the progress that preceded it
    if (e.status === 'export-ready') opts.download?.(e.fileName, e.blob);
    store().setState((s) => applyEvent(s, e));
    analysis.onEvent(e);
    // A finished study of this session, of any kind, goes to run history (the slice reports a
    // failed save); one the user cancelled before its result arrived does not.
    const { runId, runStatus, saveStudy, backend } = store().getState();
    if (e.status === 'study-result' && e.runId === runId && runStatus === 'done' && lastStart) {
      const { config } = lastStart;
      const backendName = e.study.kind === 'cold-start' ? (backend?.backend ?? '') : e.study.results.backend;
      // A cold start's results do not carry the run's facts: keep them beside it for its exports.
      if (e.study.kind === 'cold-start')
        store().setState(
          coldStartShown(e.study.results, {
            createdAt: new Date().toISOString(),
            backend: backendName,
            config,
          }),
        );
      void saveStudy(e.study, { config, backend: backendName, totalMs: Date.now() - runStartedAt });
    }
    if ((e.status === 'load-failed' || e.status === 'load-cancelled') && e.loadId === startupLoadId) {
      const { switchToSimulatedData, buildDataset } = store().getState();
      switchToSimulatedData(); // the failure stays on screen; the app is usable on simulated data
      buildDataset();
    }
    if (e.status === 'loaded' || e.status === 'load-failed' || e.status === 'load-cancelled') {
      if (e.loadId === startupLoadId) startupLoadId = null;
    }
    if (e.status === 'error' && e.kind === 'device-lost') restart();
  }

  function ensureClient(): TrainingClient {
    if (client) return client;
    const c = opts.createClient();
    client = c;
    c.subscribe(onEvent);
    c.send({ type: 'init', forcedBackend: forcedBackend() });
    return c;
  }

  /** The backend menu's choice once the user made one (null: automatic), else the address's. */
  let menuBackend: BrowserBackend | null | undefined;
  const forcedBackend = () => (menuBackend !== undefined ? menuBackend : opts.forcedBackend());

  /** A fresh worker (fresh tfjs and GPU device) in place of one whose device was lost. */
  function restart() {
    client?.terminate();
    client = null;
    ensureClient();
  }

  function start(config: ExperimentConfig, spec: StudySpec) {
    const s = store().getState();
    if (isActive(s.runStatus)) return;
    const runId = newRunId();
    lastStart = { config, spec };
    runStartedAt = Date.now();
    const arms = spec.kind === 'ablation' ? ablationArmIds(config, spec, s.summary) : undefined;
    store().setState(freshRun(runId, config, spec.kind, arms));
    ensureClient().send({ type: 'start-study', runId, config, study: spec });
  }

  function load(source: LoadSource, skipInvalidRows: boolean) {
    const s = store().getState();
    if (isActive(s.runStatus)) return;
    if (s.loadId && (s.loadStatus === 'loading' || s.loadStatus === 'cancelling'))
      ensureClient().send({ type: 'cancel-load', loadId: s.loadId });
    const loadId = newLoadId();
    const label = source.kind === 'file' ? source.file.name : source.url;
    lastLoad = source;
    store().setState({
      loadId,
      loadStatus: 'loading',
      loadLabel: label,
      loadProgress: null,
      loadFailure: null,
    });
    ensureClient().send({ type: 'load', loadId, source, skipInvalidRows, config: s.config });
  }

  const slice: WorkerBridge['slice'] = (_set, get, storeApi) => {
    api = storeApi;
    return {
      buildDataset() {
        store().setState({ datasetStatus: 'building' });
        ensureClient().send({ type: 'dataset', config: get().config });
      },
      startStudy(kind) {
        const s = get();
        if (isActive(s.runStatus)) return;
        if (s.config.study.kind !== kind) s.setStudy({ kind });
        const config = get().config;
        // (only a grid depends on the data's feature groups)
        const groups = kind === 'ablation' ? featureGroupsPresent(s.summary) : [];
        const { spec, notices } = studySpecOf(config, groups);
        if (notices.length > 0) s.addNotices([...notices]);
        start(config, spec);
      },
      rescoreReplay(buyShare) {
        get().setRigor({ buyShare });
        const { resultsRunId, config } = get();
        if (!resultsRunId) return;
        store().setState({ replayBusy: true });
        ensureClient().send({ type: 'rescore-replay', runId: resultsRunId, buyShare: config.rigor.buyShare });
      },
      switchBackend(backend) {
        const s = get();
        if (isActive(s.runStatus)) return;
        menuBackend = backend;
        // The worker switches between commands; datasets stay host-side, so nothing is rebuilt.
        store().setState({ backend: null, backendError: null });
        ensureClient().send({ type: 'init', forcedBackend: backend });
      },
      cancelRun() {
        const { runId, runStatus } = get();
        if (!runId || runStatus !== 'running') return;
        store().setState({ runStatus: 'cancelling' });
        ensureClient().send({ type: 'cancel', runId });
      },
      retryRun() {
        if (lastStart) start(lastStart.config, lastStart.spec);
      },
      loadFile: (file, skip = false) => load({ kind: 'file', file }, skip),
      loadUrl(url, skip = false) {
        const problem = dataUrlProblem(
          url.trim(),
          typeof location === 'undefined' ? undefined : location.origin,
        );
        if (problem === null) return load({ kind: 'url', url: url.trim() }, skip);
        store().setState({
          loadId: null,
          loadStatus: 'failed',
          loadLabel: url,
          loadProgress: null,
          loadFailure: {
            file: url,
            message: `Cannot load ${url}: ${problem}.`,
            problems: [],
            problemCount: 0,
            skippable: false,
          },
        });
      },
      retryLoadSkipping() {
        if (lastLoad) load(lastLoad, true);
      },
      cancelLoad() {
        const { loadId, loadStatus } = get();
        if (!loadId || loadStatus !== 'loading') return;
        store().setState({ loadStatus: 'cancelling' });
        ensureClient().send({ type: 'cancel-load', loadId });
      },
      exportDataset(format) {
        ensureClient().send({ type: 'export-data', format, config: get().config });
      },
      analysePredictions: analysis.analysePredictions,
      reanalyse: analysis.reanalyse,
      retryAnalysisSkipping: analysis.retryAnalysisSkipping,
      cancelAnalysis: analysis.cancelAnalysis,
    };
  };

  return {
    slice,
    channel: ensureClient,
    connect() {
      if (client) return;
      ensureClient();
      const { config, loadUrl, buildDataset } = store().getState();
      // A shared link's dataset URL is fetched at once, with the same progress as a manual load.
      if (config.data.kind === 'url') {
        loadUrl(config.data.url);
        startupLoadId = store().getState().loadId;
      } else buildDataset();
    },
  };
}
