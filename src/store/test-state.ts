/** A plain AppState for reducer and selector tests (actions are no-ops). */
import { PRESETS } from '../core/config/presets';
import { INITIAL_BACKEND, INITIAL_DATASET, INITIAL_LOAD, INITIAL_RESULTS, INITIAL_RUN } from './initial';
import { INITIAL_DECK } from './deck-slice';
import { INITIAL_HISTORY } from './history-slice';
import type { AppState } from './types';

const noop = () => {};

export function testState(over: Partial<AppState> = {}): AppState {
  return {
    config: PRESETS.quick,
    setSeed: noop,
    setSim: noop,
    setModel: noop,
    setTrain: noop,
    setRigor: noop,
    toggleGrouping: noop,
    setBaseline: noop,
    setStudy: noop,
    setConfig: noop,
    lastSim: PRESETS.quick.data.kind === 'sim' ? PRESETS.quick.data.sim : (undefined as never),
    switchToSimulatedData: noop,
    ...INITIAL_BACKEND,
    ...INITIAL_DATASET,
    ...INITIAL_LOAD,
    ...INITIAL_RUN,
    ...INITIAL_RESULTS,
    importResults: noop,
    setReproduceTarget: noop,
    importStudy: noop,
    openStudy: noop,
    buildDataset: noop,
    startStudy: noop,
    rescoreReplay: noop,
    cancelRun: noop,
    switchBackend: noop,
    retryRun: noop,
    loadFile: noop,
    loadUrl: noop,
    retryLoadSkipping: noop,
    cancelLoad: noop,
    exportDataset: noop,
    notices: [],
    hiddenNotices: 0,
    addNotices: noop,
    dismissNotice: noop,
    dismissAllNotices: noop,
    ...INITIAL_HISTORY,
    loadHistory: async () => {},
    saveRun: async () => {},
    saveStudy: async () => {},
    retrySave: async () => {},
    renameRun: async () => {},
    deleteRun: async () => {},
    pinRun: async () => {},
    setCompared: noop,
    dismissHistoryError: noop,
    ...INITIAL_DECK,
    addToDeck: noop,
    removeFromDeck: noop,
    moveInDeck: noop,
    presentDeck: noop,
    presentRun: noop,
    presentCurrent: noop,
    endPresentation: noop,
    ...over,
  };
}
