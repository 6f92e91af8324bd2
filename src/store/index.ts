/**
 * The dashboard's one Zustand store, built from slices (types.ts). Middleware, if any, goes on
 * the combined store only. `createAppStore` makes independent stores for tests.
 */
import { createStore, useStore } from 'zustand';
import { parseBackend } from '../worker/backend-names';
import { createTrainingClient } from '../worker/client';
import { createConfigSlice } from './config-slice';
import { createDeckSlice } from './deck-slice';
import { browserDownload } from './download';
import { browserHistoryRepo } from './history-db';
import type { HistoryRepo } from './history-record';
import { createHistorySlice } from './history-slice';
import {
  INITIAL_ANALYSIS,
  INITIAL_BACKEND,
  INITIAL_DATASET,
  INITIAL_LOAD,
  INITIAL_RESULTS,
  INITIAL_RUN,
} from './initial';
import { createNoticesSlice } from './notices-slice';
import { createResultsSlice } from './results-slice';
import { openFromLink } from './startup-link';
import type { AppState } from './types';
import { type BridgeOptions, createWorkerBridge } from './worker-bridge';

const browserForcedBackend = () =>
  typeof location === 'undefined' ? null : parseBackend(new URLSearchParams(location.search).get('backend'));

/** `historyRepo`: where run history lives (tests pass one in memory; default IndexedDB). */
export function createAppStore(options: Partial<BridgeOptions> & { historyRepo?: HistoryRepo } = {}) {
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
    ...INITIAL_ANALYSIS,
    ...INITIAL_RUN,
    ...INITIAL_RESULTS,
    ...createResultsSlice(...a),
    ...bridge.slice(...a),
    ...createNoticesSlice(...a),
    ...createHistorySlice(options.historyRepo ?? browserHistoryRepo())(...a),
    ...createDeckSlice(...a),
  }));
  return { store, connect: bridge.connect, channel: bridge.channel };
}

const app = createAppStore();

/** The app's store (vanilla API: getState, setState, subscribe). */
export const appStore = app.store;

/** The training worker's client, for the `?bench=1` hook (app/bench-hook.ts) only. */
export const benchChannel = app.channel;

/** The same client, for the `?testhooks=1` hook (app/test-hook.ts) only. */
export const testChannel = app.channel;

/**
 * Starts the training worker and builds the initial dataset; call once at startup. The page's
 * address is read first (store/startup-link.ts): a shared config with its notices, a `?data=` URL
 * (fetched at once), `autorun=1`; then the address follows the config as it is edited.
 */
export function startWorkerBridge(): void {
  void appStore.getState().loadHistory(); // failures land in historyError, shown by the history step
  if (typeof location === 'undefined') {
    app.connect();
    return;
  }
  openFromLink(appStore, app.connect, {
    search: location.search,
    origin: location.origin,
    replaceQuery: (query) =>
      history.replaceState(history.state, '', `${location.pathname}?${query}${location.hash}`),
  });
}

/** Reads one value of the app's store; pass a named selector from store/selectors.ts. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
