/**
 * The new-objective cold-start slice: one experiment at a time in the training worker
 * ('start-cold-start', ml/cold-start.ts), its progress, and its results. Results stay in memory
 * only (never in the URL or the run history); a new start clears the previous ones. The worker
 * runs commands in order, so a start waits behind a comparison run; the panel does not offer one
 * while a run trains.
 */
import type { StateCreator } from 'zustand';
import type { TrainingClient } from '../worker/client';
import type { WorkerEvent } from '../worker/protocol';
import type { AppState, ColdStartSlice } from './types';

type Data<T> = { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: T[K] };

export const INITIAL_COLD_START: Data<ColdStartSlice> = {
  coldStartId: null,
  coldStartStatus: 'idle',
  coldStartProgress: null,
  coldStartResults: null,
  coldStartError: null,
};

const busy = (status: string) => status === 'running' || status === 'cancelling';

let counter = 0;
const newColdStartId = () => `cold-${Date.now().toString(36)}-${++counter}`;

/** `channel` gives the worker's client, starting the worker when needed (the bridge's). */
export function createColdStartSlice(
  channel: () => Pick<TrainingClient, 'send'>,
): StateCreator<AppState, [], [], ColdStartSlice> {
  return (set, get) => ({
    ...INITIAL_COLD_START,
    startColdStart() {
      const s = get();
      if (busy(s.coldStartStatus) || busy(s.runStatus)) return;
      const runId = newColdStartId();
      set({
        coldStartId: runId,
        coldStartStatus: 'running',
        coldStartProgress: { message: 'waiting for the worker', fraction: 0 },
        coldStartResults: null,
        coldStartError: null,
      });
      channel().send({ type: 'start-cold-start', runId, config: s.config });
    },
    cancelColdStart() {
      const { coldStartId, coldStartStatus } = get();
      if (!coldStartId || coldStartStatus !== 'running') return;
      set({ coldStartStatus: 'cancelling' });
      channel().send({ type: 'cancel', runId: coldStartId });
    },
  });
}

/**
 * What a worker event changes in the cold-start state, or null when the event is not the cold
 * start's (then applyEvent handles it). Events of another cold-start run change nothing. A lost
 * device is everyone's business: applyEvent merges coldStartOnDeviceLost into its own change.
 */
export function applyColdStartEvent(s: AppState, e: WorkerEvent): Partial<AppState> | null {
  switch (e.status) {
    case 'cold-start-progress':
      if (e.runId !== s.coldStartId || !busy(s.coldStartStatus)) return {};
      return { coldStartProgress: { message: e.message, fraction: e.fraction } };
    case 'cold-start-result':
      if (e.runId !== s.coldStartId) return {};
      return {
        coldStartStatus: 'done',
        coldStartResults: e.results,
        coldStartProgress: { message: 'done', fraction: 1 },
      };
    case 'cancelled':
      if (s.coldStartId === null || e.runId !== s.coldStartId) return null;
      return { coldStartStatus: 'cancelled' };
    case 'error':
      if (s.coldStartId === null || e.runId !== s.coldStartId || e.kind === 'device-lost') return null;
      return {
        coldStartStatus: 'error',
        coldStartError: e.message,
        // A dataset the run was building (e.g. a split the data cannot give) failed with it.
        ...(s.datasetStatus === 'building' ? { datasetStatus: 'error' as const } : {}),
      };
    default:
      return null;
  }
}

/** A lost GPU device ends a cold start in progress (the bridge replaces the worker). */
export function coldStartOnDeviceLost(
  s: AppState,
  e: Extract<WorkerEvent, { status: 'error' }>,
): Partial<AppState> {
  if (e.kind !== 'device-lost' || !busy(s.coldStartStatus)) return {};
  return { coldStartStatus: 'error', coldStartError: e.message };
}
