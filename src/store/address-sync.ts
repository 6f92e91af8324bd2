/**
 * Keeps the address bar a share link of the config being edited (config only: never results,
 * never `autorun`, so a reload does not start a run again), written at most every `delayMs` so
 * typing does not flood the browser's history API. A forced backend stays in the address, since
 * the worker reads it from there when it starts again.
 */
import type { StoreApi } from 'zustand';
import { shareQuery } from '../core/config/share-link';
import type { AppState } from './types';

export interface AddressSyncOptions {
  /** Writes the query string (without '?'), e.g. through history.replaceState. */
  readonly replace: (query: string) => void;
  /** The backend the page was opened with (`?backend=`), kept in the address; null if none. */
  readonly backend: string | null;
  readonly delayMs?: number;
}

export const ADDRESS_SYNC_DELAY_MS = 300;

/** Starts syncing; returns a function that stops it (and drops a pending write). */
export function syncAddress(api: StoreApi<AppState>, opts: AddressSyncOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    opts.replace(shareQuery(api.getState().config, { backend: opts.backend }));
  };
  const unsubscribe = api.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, opts.delayMs ?? ADDRESS_SYNC_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
