/** Starting values of the memory-only slices, and the state of a run that has just started. */
import type { ExperimentConfig } from '../core/config/experiment';
import { comparesGroupings, type StudyKind } from '../core/results/study-results';
import type {
  AnalysisSlice,
  BackendSlice,
  DatasetSlice,
  GroupingProgress,
  LoadSlice,
  ResultsSlice,
  RunSlice,
} from './types';

type Data<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

export const INITIAL_BACKEND: Data<BackendSlice> = { backend: null, backendError: null };
export const INITIAL_DATASET: Data<DatasetSlice> = {
  datasetStatus: 'idle',
  summary: null,
  fingerprint: null,
};
export const INITIAL_LOAD: Data<LoadSlice> = {
  loadId: null,
  loadStatus: 'idle',
  loadLabel: null,
  loadProgress: null,
  loadFailure: null,
  loadReport: null,
};
export const INITIAL_ANALYSIS: Data<AnalysisSlice> = {
  analysisId: null,
  analysisStatus: 'idle',
  analysisLabel: null,
  analysisProgress: null,
  analysisFailure: null,
  analysisModels: [],
  analysisResults: null,
};
export const INITIAL_RUN: Data<RunSlice> = {
  runId: null,
  runStatus: 'idle',
  runKind: 'comparison',
  runPhase: null,
  runRepeat: { index: 0, of: 1 },
  runGroupings: [],
  progress: {},
  lossSeries: {},
  valApSeries: {},
  runError: null,
};
export const INITIAL_RESULTS: Data<ResultsSlice> = {
  results: null,
  resultsKind: 'comparison',
  resultsRunId: null,
  replayBusy: false,
  ablationResults: null,
  coldStartResults: null,
  coldStartMeta: null,
  reproduceTarget: null,
};

/**
 * Run state for study `runId` of `kind` over the config's groupings (or an ablation grid's arms;
 * a cold start has no per-grouping progress), all waiting; the results of the same kind that the
 * study will replace are cleared.
 */
export function freshRun(
  runId: string,
  config: ExperimentConfig,
  kind: StudyKind,
  ablationArms?: readonly string[],
): Data<RunSlice> & Partial<Data<ResultsSlice>> {
  const runGroupings =
    kind === 'ablation' ? [...(ablationArms ?? [])] : comparesGroupings(kind) ? [...config.groupings] : [];
  const waiting = (grouping: string): GroupingProgress => ({
    grouping,
    state: 'waiting',
    epoch: 0,
    maxEpochs: config.train.maxEpochs,
    step: 0,
    stepsPerEpoch: 0,
    etaMs: null,
    elapsedMs: 0,
  });
  const cleared: Partial<Data<ResultsSlice>> =
    kind === 'ablation'
      ? { ablationResults: null }
      : kind === 'cold-start'
        ? { coldStartResults: null }
        : { results: null, resultsRunId: null, replayBusy: false };
  return {
    runId,
    runStatus: 'running',
    runKind: kind,
    runPhase: null,
    runRepeat: { index: 0, of: config.rigor.repeats },
    runGroupings,
    progress: Object.fromEntries(runGroupings.map((g) => [g, waiting(g)])),
    lossSeries: Object.fromEntries(runGroupings.map((g) => [g, []])),
    valApSeries: Object.fromEntries(runGroupings.map((g) => [g, []])),
    runError: null,
    ...cleared,
  };
}
