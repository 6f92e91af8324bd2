/**
 * The dashboard's one Zustand store, built from slices (types.ts). Middleware, if any, goes on
 * the combined store only. `createAppStore` makes independent stores for tests.
 */
import { createStore, useStore } from 'zustand';
import { dataUrlProblem } from '../core/config/data-url';
import { parseBackend } from '../worker/backend-names';
import { createTrainingClient } from '../worker/client';
import { createConfigSlice } from './config-slice';
import { browserDownload } from './download';
import { INITIAL_BACKEND, INITIAL_DATASET, INITIAL_LOAD, INITIAL_RESULTS, INITIAL_RUN } from './initial';
import type { AppState } from './types';
import { type BridgeOptions, createWorkerBridge } from './worker-bridge';

const browserForcedBackend = () =>
  typeof location === 'undefined' ? null : parseBackend(new URLSearchParams(location.search).get('backend'));

export function createAppStore(options: Partial<BridgeOptions> = {}) {
  const bridge = createWorkerBridge({
    createClient: options.createClient ?? createTrainingClient,
    forcedBackend: options.forcedBackend ?? browserForcedBackend,
    download: options.download ?? (typeof document === 'undefined' ? undefined : browserDownload),
  });
  const store = createStore<AppState>()((...a) => ({
    ...createConfigSlice(...a),
    ...INITIAL_BACKEND,
    ...INITIAL_DATASET,
    ...INITIAL_LOAD,
    ...INITIAL_RUN,
    ...INITIAL_RESULTS,
    ...bridge.slice(...a),
  }));
  return { store, connect: bridge.connect };
}

const app = createAppStore();

/** The app's store (vanilla API: getState, setState, subscribe). */
export const appStore = app.store;

/**
 * Starts the training worker and builds the initial dataset; call once at startup. A `?data=`
 * URL in the page's address becomes the data source first (and is fetched at once); an invalid
 * one is reported as a failed load. (The rest of the URL's config is the sharing issue's work.)
 */
export function startWorkerBridge(): void {
  const data = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('data');
  if (data !== null) {
    const problem = dataUrlProblem(data);
    const state = appStore.getState();
    if (problem === null) state.setConfig({ ...state.config, data: { kind: 'url', url: data } });
    else state.loadUrl(data); // reports the problem; the simulated dataset is built below
  }
  app.connect();
}

/** Reads one value of the app's store; pass a named selector from store/selectors.ts. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
