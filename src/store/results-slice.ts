/**
 * Actions of the results slice. Imported results replace the shown ones exactly as a finished
 * run's would (they were validated by core/results/study-io.ts before they get here), so every
 * view, export and the presentation read them the same way. A study opened from History is shown
 * the same way, in the view of its kind: a comparison or a tuning study in the results step, a grid in the
 * ablation step, a cold start in its own step.
 */
import type { StateCreator } from 'zustand';
import type { ColdStartResults } from '../core/results/cold-start-types';
import type { StudyFile, StudyMeta } from '../core/results/study-io';
import type { RunRecord } from './history-record';
import type { ExperimentResults } from '../core/results/results';
import { reproduceTargetOf } from '../core/results/prediction-fingerprint';
import type { AppState, ResultsSlice } from './types';

/**
 * The state that shows a cold start's results in its step, with its run facts when known (they
 * are not in the results; exports and saving to History need them). The unified study slice can
 * call this when a cold start finishes, with the run's config, backend and time.
 */
export function coldStartShown(results: ColdStartResults, meta: StudyMeta | null): Partial<AppState> {
  return { coldStartResults: results, coldStartMeta: meta ? { results, meta } : null };
}

/** Results with a fingerprint become what later runs are checked against (a sender's run). */
function targetOf(results: ExperimentResults): Partial<AppState> {
  const target = reproduceTargetOf(results);
  return target ? { reproduceTarget: target } : {};
}

/** The state that shows a study of any kind in the view of its kind. */
export function studyShown(file: StudyFile): Partial<AppState> {
  switch (file.kind) {
    case 'comparison':
    case 'tuning':
      return {
        results: file.results,
        resultsKind: file.kind,
        resultsRunId: null,
        replayBusy: false,
        ...targetOf(file.results),
      };
    case 'ablation':
      return { ablationResults: file.results };
    case 'cold-start':
      return coldStartShown(file.results, file.meta ?? null);
  }
}

export const createResultsSlice: StateCreator<
  AppState,
  [],
  [],
  Pick<ResultsSlice, 'importResults' | 'importStudy' | 'openStudy' | 'setReproduceTarget'>
> = (set) => ({
  setReproduceTarget: (reproduceTarget) => set({ reproduceTarget }),
  importResults: (results) =>
    set({ results, resultsKind: 'comparison', resultsRunId: null, replayBusy: false, ...targetOf(results) }),
  importStudy: (file) => set(studyShown(file)),
  openStudy: (record: RunRecord) => {
    const { createdAt, backend, config } = record;
    const meta = { createdAt, backend, config };
    set(studyShown(record.kind === 'cold-start' ? { ...record, meta } : record));
  },
});
