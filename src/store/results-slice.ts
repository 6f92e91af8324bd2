/**
 * Actions of the results slice. Imported results replace the shown ones exactly as a finished
 * run's would (they were validated by core/metrics/results-io.ts before they get here), so every
 * view, export and the presentation read them the same way.
 */
import type { StateCreator } from 'zustand';
import type { AppState, ResultsSlice } from './types';

export const createResultsSlice: StateCreator<AppState, [], [], Pick<ResultsSlice, 'importResults'>> = (
  set,
) => ({
  importResults: (results) => set({ results, resultsRunId: null, replayBusy: false }),
});
