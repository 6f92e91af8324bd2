import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import { sampleResults } from './history-fixture';
import { deckFixtureRecords } from './deck-fixture';
import { createDeckSlice, moveId, recordsOf } from './deck-slice';
import { testState } from './test-state';
import type { AppState } from './types';

function setup(over: Partial<AppState> = {}) {
  const store = createStore<AppState>()((...a) => ({
    ...testState({ historyRuns: deckFixtureRecords(), ...over }),
    ...createDeckSlice(...a),
  }));
  return () => store.getState();
}

describe('deck slice', () => {
  it('moves an id one place either way and stays put at the ends', () => {
    expect(moveId(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveId(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    const ids = ['a', 'b'];
    expect(moveId(ids, 'a', -1)).toBe(ids);
    expect(moveId(ids, 'b', 1)).toBe(ids);
    expect(moveId(ids, 'x', 1)).toBe(ids);
  });

  it('keeps the chosen order, each run once, and reorders it', () => {
    const s = setup();
    for (const id of ['run-cmp', 'run-grid', 'run-cold', 'run-cmp']) s().addToDeck(id);
    expect(s().deckIds).toEqual(['run-cmp', 'run-grid', 'run-cold']);
    s().moveInDeck('run-cold', -1);
    s().moveInDeck('run-cmp', 1);
    expect(s().deckIds).toEqual(['run-cold', 'run-cmp', 'run-grid']);
    s().removeFromDeck('run-cmp');
    expect(s().deckIds).toEqual(['run-cold', 'run-grid']);
  });

  it('presents the deck in order, skipping runs no longer in History, and nothing when none is left', () => {
    const s = setup();
    for (const id of ['run-cold', 'gone', 'run-cmp']) s().addToDeck(id);
    s().presentDeck();
    expect(s().presenting).toEqual({ kind: 'runs', ids: ['run-cold', 'run-cmp'] });
    s().endPresentation();
    expect(s().presenting).toBeNull();
    for (const id of ['run-cold', 'run-cmp']) s().removeFromDeck(id);
    s().presentDeck();
    s().presentRun('gone');
    expect(s().presenting).toBeNull();
    expect(recordsOf(s().historyRuns, ['run-grid', 'gone']).map((r) => r.kind)).toEqual(['ablation']);
  });

  it('presents one run, or the current results only when there are some', () => {
    const s = setup();
    s().presentRun('run-grid');
    expect(s().presenting).toEqual({ kind: 'runs', ids: ['run-grid'] });
    s().endPresentation();
    s().presentCurrent();
    expect(s().presenting).toBeNull();
    const t = setup({ results: sampleResults() });
    t().presentCurrent();
    expect(t().presenting).toEqual({ kind: 'current' });
  });
});
