/**
 * The review deck slice: History's runs chosen for one presentation, in the chosen order, and
 * what presentation mode shows (the current results, one run, or the deck). Only ids are kept:
 * the records stay in `historyRuns`, so a run deleted from History drops out of what is shown.
 */
import type { StateCreator } from 'zustand';
import type { RunRecord } from './history-record';
import type { AppState, DeckSlice } from './types';

export const INITIAL_DECK: Pick<DeckSlice, 'deckIds' | 'presenting'> = { deckIds: [], presenting: null };

/** `ids` with `id` moved one place earlier (-1) or later (+1); unchanged at either end or when absent. */
export function moveId(ids: readonly string[], id: string, by: -1 | 1): readonly string[] {
  const from = ids.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  const out = [...ids];
  [out[from], out[to]] = [out[to], out[from]];
  return out;
}

/** The records of `ids` in that order; ids no longer in History are left out. */
export function recordsOf(runs: readonly RunRecord[], ids: readonly string[]): RunRecord[] {
  const byId = new Map(runs.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const createDeckSlice: StateCreator<AppState, [], [], DeckSlice> = (set, get) => {
  /** Presents these runs when History still has any of them. */
  const present = (ids: readonly string[]) => {
    const kept = recordsOf(get().historyRuns, ids).map((r) => r.id);
    if (kept.length > 0) set({ presenting: { kind: 'runs', ids: kept } });
  };
  return {
    ...INITIAL_DECK,
    addToDeck(id) {
      if (!get().deckIds.includes(id)) set({ deckIds: [...get().deckIds, id] });
    },
    removeFromDeck: (id) => set({ deckIds: get().deckIds.filter((d) => d !== id) }),
    moveInDeck: (id, by) => set({ deckIds: moveId(get().deckIds, id, by) }),
    presentDeck: () => present(get().deckIds),
    presentRun: (id) => present([id]),
    presentCurrent() {
      if (get().results) set({ presenting: { kind: 'current' } });
    },
    endPresentation: () => set({ presenting: null }),
  };
};
