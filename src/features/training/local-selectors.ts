/**
 * Selectors the run panel needs that store/selectors.ts does not have (yet). Each reads one
 * field, so they can move there unchanged.
 */
import type { AppState } from '../../store/types';

export const selectRunError = (s: AppState): AppState['runError'] => s.runError;
/** Every grouping's validation AP curve (the chart overlays them all). */
export const selectAllValApSeries = (s: AppState): AppState['valApSeries'] => s.valApSeries;
export const selectStartRun = (s: AppState): AppState['startRun'] => s.startRun;
export const selectCancelRun = (s: AppState): AppState['cancelRun'] => s.cancelRun;
export const selectRetryRun = (s: AppState): AppState['retryRun'] => s.retryRun;
