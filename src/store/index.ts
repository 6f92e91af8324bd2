/**
 * The dashboard's one Zustand store, built from slices (types.ts). Middleware, if any, goes on
 * the combined store only. `createAppStore` makes independent stores for tests.
 */
import { createStore, useStore } from 'zustand';
import { parseBackend } from '../worker/backend-names';
import { createTrainingClient } from '../worker/client';
import { createConfigSlice } from './config-slice';
import { INITIAL_BACKEND, INITIAL_DATASET, INITIAL_RESULTS, INITIAL_RUN } from './initial';
import type { AppState } from './types';
import { type BridgeOptions, createWorkerBridge } from './worker-bridge';

const browserForcedBackend = () =>
  typeof location === 'undefined' ? null : parseBackend(new URLSearchParams(location.search).get('backend'));

export function createAppStore(options: Partial<BridgeOptions> = {}) {
  const bridge = createWorkerBridge({
    createClient: options.createClient ?? createTrainingClient,
    forcedBackend: options.forcedBackend ?? browserForcedBackend,
  });
  const store = createStore<AppState>()((...a) => ({
    ...createConfigSlice(...a),
    ...INITIAL_BACKEND,
    ...INITIAL_DATASET,
    ...INITIAL_RUN,
    ...INITIAL_RESULTS,
    ...bridge.slice(...a),
  }));
  return { store, connect: bridge.connect };
}

const app = createAppStore();

/** The app's store (vanilla API: getState, setState, subscribe). */
export const appStore = app.store;

/** Starts the training worker and builds the initial dataset; call once at startup. */
export const startWorkerBridge = app.connect;

/** Reads one value of the app's store; pass a named selector from store/selectors.ts. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
