/**
 * How each worker event changes the store: a pure function of the state and the event, so the
 * whole protocol-to-state mapping is unit-tested without a worker. Events of a run other than
 * the current one (a cancelled run's stragglers) change nothing.
 */
import type { Source } from '../core/data/schema';
import type { StudyResults } from '../core/results/study-results';
import type { WorkerEvent } from '../worker/protocol';
import { studyShown } from './results-slice';
import { isActive as busy } from './selectors';
import type { AppState, GroupingProgress, LossPoint, ValApPoint } from './types';

/** Every grouping back to waiting with empty live curves, for the next repeat seed. */
function restartedRepeat(s: AppState): Pick<AppState, 'progress' | 'lossSeries' | 'valApSeries'> {
  const progress: Record<string, GroupingProgress> = {};
  for (const [g, p] of Object.entries(s.progress))
    progress[g] = { ...p, state: 'waiting', epoch: 0, step: 0, etaMs: null, elapsedMs: 0 };
  const empty = Object.fromEntries(Object.keys(s.progress).map((g) => [g, []]));
  return { progress, lossSeries: empty, valApSeries: empty };
}

export function applyEvent(s: AppState, e: WorkerEvent): Partial<AppState> {
  switch (e.status) {
    case 'ready':
      return { backend: e.choice, backendError: null };
    case 'dataset-building':
      return { datasetStatus: 'building' };
    case 'dataset':
      return {
        datasetStatus: 'ready',
        summary: e.summary,
        fingerprint: e.fingerprint,
        ...(s.config.data.kind === 'sim' ? { loadReport: null } : {}),
      };
    case 'progress': {
      if (e.runId !== s.runId) return {};
      const done = (e.epoch - 1) * e.stepsPerEpoch + e.step;
      const remaining = e.maxEpochs * e.stepsPerEpoch - done;
      const progress: GroupingProgress = {
        grouping: e.grouping,
        state: 'training',
        epoch: e.epoch,
        maxEpochs: e.maxEpochs,
        step: e.step,
        stepsPerEpoch: e.stepsPerEpoch,
        etaMs: done > 0 && e.elapsedMs > 0 ? (e.elapsedMs / done) * Math.max(0, remaining) : null,
        elapsedMs: e.elapsedMs,
      };
      // A new repeat (training seed) starts every grouping again: progress and live curves restart.
      const fresh = e.repeatIndex !== s.runRepeat.index;
      const before = fresh ? restartedRepeat(s) : s;
      const out = {
        progress: { ...before.progress, [e.grouping]: progress },
        runRepeat: {
          index: e.repeatIndex,
          of: e.repeatCount,
          ...(e.repeatsAtOnce ? { atOnce: e.repeatsAtOnce } : {}),
        },
        ...(fresh ? { lossSeries: before.lossSeries, valApSeries: before.valApSeries } : {}),
      };
      if (!e.lossByTask) return out;
      const point: LossPoint = { step: done, ...e.lossByTask };
      return {
        ...out,
        lossSeries: { ...before.lossSeries, [e.grouping]: [...(before.lossSeries[e.grouping] ?? []), point] },
      };
    }
    case 'epoch': {
      if (e.runId !== s.runId) return {};
      const point: Record<string, number | null> = { epoch: e.epoch };
      for (const [source, ap] of Object.entries(e.valAp) as [Source, number | undefined][])
        point[source] = ap ?? null;
      const series = [...(s.valApSeries[e.grouping] ?? []), point as ValApPoint];
      return { valApSeries: { ...s.valApSeries, [e.grouping]: series } };
    }
    case 'grouping-done': {
      if (e.runId !== s.runId) return {};
      const before = s.progress[e.grouping];
      if (!before) return {};
      return {
        progress: { ...s.progress, [e.grouping]: { ...before, state: 'done', etaMs: 0, elapsedMs: e.ms } },
      };
    }
    case 'study-queued':
      return {}; // the run is 'running' from Start on; runPhase stays null until its first phase
    case 'study-phase': {
      if (e.runId !== s.runId || !busy(s.runStatus)) return {};
      const { phase, message, fraction } = e;
      return { runPhase: { phase, message, ...(fraction === undefined ? {} : { fraction }) } };
    }
    case 'study-result':
      if (e.runId !== s.runId) return {};
      // A Cancel pressed before the result arrived wins: the user asked to stop.
      if (s.runStatus === 'cancelling') return { runStatus: 'cancelled', runPhase: null };
      return { ...resultsOf(e.runId, e.study), runStatus: 'done', runPhase: null };
    case 'replay': {
      const { results } = s;
      if (e.runId !== s.resultsRunId || !results?.rigor) return { replayBusy: false };
      const config = results.config as { rigor?: object };
      return {
        replayBusy: false,
        results: {
          ...results,
          rigor: { ...results.rigor, replay: e.replay },
          // The results' own config says which buy share their replay used.
          config: { ...config, rigor: { ...config.rigor, buyShare: e.replay.buyShare } },
        },
      };
    }
    case 'cancelled':
      return e.runId === s.runId ? { runStatus: 'cancelled', runPhase: null } : {};
    case 'error':
      return applyError(s, e);
    case 'load-progress':
    case 'load-failed':
    case 'load-cancelled':
    case 'loaded':
      return e.loadId === s.loadId ? applyLoadEvent(s, e) : {};
    case 'analysis-progress':
    case 'analysis-failed':
    case 'analysis-cancelled':
    case 'analysed':
      return e.analysisId === s.analysisId ? applyAnalysisEvent(e) : {};
    case 'export-ready':
      return {}; // a side effect (the download), done by the bridge
    case 'bench-training':
    case 'bench-ap':
    case 'bench-failed':
      return {}; // answers to the bench page's hook (app/bench-hook.ts), not app state
  }
}

/** Where a finished study's results go: each kind has its own place beside the others. */
function resultsOf(runId: string, study: StudyResults): Partial<AppState> {
  switch (study.kind) {
    case 'comparison':
    case 'tuning':
      return { results: study.results, resultsKind: study.kind, resultsRunId: runId };
    case 'ablation':
      return { ablationResults: study.results };
    case 'cold-start':
      return { coldStartResults: study.results };
  }
}

type LoadEvent = Extract<
  WorkerEvent,
  { status: 'load-progress' | 'load-failed' | 'load-cancelled' | 'loaded' }
>;

/** A load's events; only 'loaded' changes the dataset in use (and the config's data source). */
function applyLoadEvent(s: AppState, e: LoadEvent): Partial<AppState> {
  switch (e.status) {
    case 'load-progress': {
      const { phase, bytesRead, bytesTotal, rows } = e;
      return { loadProgress: { phase, bytesRead, bytesTotal, rows } };
    }
    case 'load-failed':
      return { loadStatus: 'failed', loadFailure: e.failure };
    case 'load-cancelled':
      return { loadStatus: 'cancelled' };
    case 'loaded': {
      const { report } = e;
      const data = report.url
        ? { kind: 'url' as const, url: report.url }
        : { kind: 'file' as const, name: report.name };
      return {
        loadStatus: 'loaded',
        loadFailure: null,
        loadReport: report,
        config: { ...s.config, data },
        datasetStatus: 'ready',
        summary: e.summary,
        fingerprint: e.fingerprint,
      };
    }
  }
}

type AnalysisEvent = Extract<
  WorkerEvent,
  { status: 'analysis-progress' | 'analysis-failed' | 'analysis-cancelled' | 'analysed' }
>;

/** An analysis's events; its results are shown as a finished comparison's would be. */
function applyAnalysisEvent(e: AnalysisEvent): Partial<AppState> {
  switch (e.status) {
    case 'analysis-progress':
      return { analysisProgress: { message: e.message, fraction: e.fraction } };
    case 'analysis-failed':
      return { analysisStatus: 'failed', analysisProgress: null, analysisFailure: e.failure };
    case 'analysis-cancelled':
      return { analysisStatus: 'cancelled', analysisProgress: null };
    case 'analysed':
      return {
        analysisStatus: 'done',
        analysisProgress: null,
        analysisFailure: null,
        analysisModels: e.models,
        analysisResults: e.results,
        ...studyShown({ kind: 'comparison', results: e.results }),
      };
  }
}

function applyError(s: AppState, e: Extract<WorkerEvent, { status: 'error' }>): Partial<AppState> {
  const runError = { kind: e.kind, message: e.message };
  const dataset: Partial<AppState> = s.datasetStatus === 'building' ? { datasetStatus: 'error' } : {};
  if (e.kind === 'device-lost') {
    // The bridge restarts the worker, which reports its backend again.
    const run: Partial<AppState> = busy(s.runStatus) ? { runStatus: 'error', runPhase: null } : {};
    return { ...dataset, ...run, runError, backend: null };
  }
  if (e.runId !== undefined) {
    if (e.runId !== s.runId) return {};
    return { ...dataset, runStatus: 'error', runPhase: null, runError };
  }
  // Not tied to a run: no backend could start, a dataset could not be built, or a replay failed.
  if (s.backend === null && e.kind !== 'data') return { backendError: e.message };
  return { ...dataset, runError, ...(s.replayBusy ? { replayBusy: false } : {}) };
}
