/**
 * Named pure selectors: components read single fields through these. Selectors that build a
 * new value memoise on their inputs, so React sees the same object until the inputs change.
 */
import { GROUPINGS } from '../core/config/groupings';
import { startBlockers } from '../core/data/start-blockers';
import type { ExperimentConfig } from '../core/config/experiment';
import type { ExperimentResults } from '../core/results/results';
import { comparesGroupings, type StudyKind } from '../core/results/study-results';
import type { BackendChoice } from '../worker/protocol';
import type { AppState, GroupingProgress, LossPoint, RunStatus, ValApPoint } from './types';

const NO_LOSS: readonly LossPoint[] = [];
const NO_AP: readonly ValApPoint[] = [];

export const selectConfig = (s: AppState): ExperimentConfig => s.config;
export const selectGroupings = (s: AppState): ExperimentConfig['groupings'] => s.config.groupings;
export const selectBackend = (s: AppState): BackendChoice | null => s.backend;
export const selectBackendError = (s: AppState): string | null => s.backendError;
export const selectRunStatus = (s: AppState): AppState['runStatus'] => s.runStatus;
export const selectResults = (s: AppState): ExperimentResults | null => s.results;

let progressMemo: {
  groupings: AppState['runGroupings'];
  progress: AppState['progress'];
  list: GroupingProgress[];
} | null = null;

/** Progress of each grouping of the current run, in run order. */
export function selectProgressList(s: AppState): readonly GroupingProgress[] {
  if (progressMemo?.groupings === s.runGroupings && progressMemo.progress === s.progress)
    return progressMemo.list;
  const list = s.runGroupings.flatMap((g) => (s.progress[g] ? [s.progress[g]] : []));
  progressMemo = { groupings: s.runGroupings, progress: s.progress, list };
  return list;
}

/** The live loss curve of one grouping (a stable empty array before it has points). */
export const selectLossSeries =
  (grouping: string) =>
  (s: AppState): readonly LossPoint[] =>
    s.lossSeries[grouping] ?? NO_LOSS;

/** The per-epoch validation AP curve of one grouping. */
export const selectValApSeries =
  (grouping: string) =>
  (s: AppState): readonly ValApPoint[] =>
    s.valApSeries[grouping] ?? NO_AP;

/** Why the chosen groupings cannot train on the dataset in use (empty = they can). */
export function startBlockersOf(s: Pick<AppState, 'summary' | 'config'>): string[] {
  if (!s.summary) return [];
  return startBlockers(
    s.summary,
    s.config.groupings.map((id) => GROUPINGS[id]),
  );
}

/**
 * What in the data stops the study config.study names (a link's `study=`): the comparison's
 * groupings, an ablation's target, the cold start's joint model.
 */
export function studyBlockersOf(s: Pick<AppState, 'summary' | 'config'>): string[] {
  const { kind, ablate } = s.config.study;
  if (comparesGroupings(kind) || !s.summary) return startBlockersOf(s);
  return startBlockers(s.summary, [GROUPINGS[kind === 'ablation' ? ablate : 'joint-5task']]);
}

/**
 * Backend and dataset ready, no run in progress, the baseline among >= 1 grouping, and nothing
 * in the data that stops a grouping (startBlockersOf).
 */
export function selectCanStart(s: AppState): boolean {
  return (
    s.backend !== null &&
    s.datasetStatus === 'ready' &&
    s.runStatus !== 'running' &&
    s.runStatus !== 'cancelling' &&
    s.config.groupings.length > 0 &&
    s.config.groupings.includes(s.config.baseline) &&
    startBlockersOf(s).length === 0
  );
}

/**
 * Fraction (0..1) of the run done: (repeats before the current one + k p) / repeats, where p is
 * the current repeat's mean over its groupings of each one's share of steps and k the repeats
 * training with it (k = min(atOnce, repeats left); the helpers' repeats send no steps and are
 * taken to keep its pace, as they train the same groupings on the same data).
 */
export function selectOverallProgress(s: AppState): number {
  const { index, of, atOnce = 1 } = s.runRepeat;
  const together = Math.max(1, Math.min(atOnce, of - index));
  return Math.min(1, (index + together * repeatProgress(s)) / Math.max(1, of));
}

function repeatProgress(s: AppState): number {
  if (s.runGroupings.length === 0) return 0;
  let sum = 0;
  for (const g of s.runGroupings) {
    const p = s.progress[g];
    if (!p) continue;
    if (p.state === 'done') sum += 1;
    else if (p.state === 'training' && p.stepsPerEpoch > 0 && p.maxEpochs > 0)
      sum += Math.min(1, ((p.epoch - 1) * p.stepsPerEpoch + p.step) / (p.maxEpochs * p.stepsPerEpoch));
  }
  return sum / s.runGroupings.length;
}

export const selectRunError = (s: AppState): AppState['runError'] => s.runError;
/** Every grouping's validation AP curve (the chart overlays them all). */
export const selectAllValApSeries = (s: AppState): AppState['valApSeries'] => s.valApSeries;
export const selectStartStudy = (s: AppState): AppState['startStudy'] => s.startStudy;
export const selectCancelRun = (s: AppState): AppState['cancelRun'] => s.cancelRun;
export const selectRetryRun = (s: AppState): AppState['retryRun'] => s.retryRun;

/** A study is in progress (running or cancelling), whatever its kind: nothing else may start. */
/** A study is in progress: running, or cancelled and not yet stopped (nothing else may start). */
export const isActive = (status: AppState['runStatus'] | string): boolean =>
  status === 'running' || status === 'cancelling';
export const selectBusy = (s: AppState): boolean => isActive(s.runStatus);

/** The current study's phase and what it does now (null when none runs or it is still queued). */
export const selectRunPhase = (s: AppState): AppState['runPhase'] => (selectBusy(s) ? s.runPhase : null);

/**
 * How the last study of `kind` stands: the run status when the current (or last) study is of that
 * kind, else 'done' when results of that kind are shown, else 'idle'.
 */
export const selectStudyStatus =
  (kind: StudyKind) =>
  (s: AppState): RunStatus => {
    if (s.runId !== null && s.runKind === kind) return s.runStatus;
    const shown = {
      comparison: s.resultsKind === 'comparison' ? s.results : null,
      tuning: s.resultsKind === 'tuning' ? s.results : null,
      ablation: s.ablationResults,
      'cold-start': s.coldStartResults,
    }[kind];
    return shown ? 'done' : 'idle';
  };
