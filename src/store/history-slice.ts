/**
 * The run history slice: finished runs as stored by a HistoryRepo (IndexedDB in the browser),
 * newest first, with rename, delete, one pinned baseline and a selection for comparison. Every
 * storage failure becomes `historyError`, a sentence the panel shows; nothing is swallowed. A run
 * that could not be saved is kept as `unsavedRun`, so the user can free space and try again.
 */
import type { StateCreator } from 'zustand';
import {
  asRunRecord,
  buildRunRecord,
  type HistoryRepo,
  recordOfResults,
  newestFirst,
  type RunRecord,
  storageErrorText,
} from './history-record';
import type { AppState, HistorySlice } from './types';

type HistoryData = Pick<
  HistorySlice,
  'historyStatus' | 'historyRuns' | 'compareIds' | 'historyError' | 'unsavedRun'
>;

export const INITIAL_HISTORY: HistoryData = {
  historyStatus: 'idle',
  historyRuns: [],
  compareIds: [],
  historyError: null,
  unsavedRun: null,
};

export function createHistorySlice(
  repo: HistoryRepo,
  now: () => Date = () => new Date(),
): StateCreator<AppState, [], [], HistorySlice> {
  return (set, get) => {
    /** Reports a failed storage call, with the quota figures when the browser has them. */
    async function fail(action: string, err: unknown, extra: Partial<HistoryData> = {}) {
      const estimate = await repo.estimate().catch(() => null);
      set({ ...extra, historyError: storageErrorText(action, err, estimate) });
    }

    async function store(record: RunRecord) {
      try {
        await repo.put(record);
      } catch (err) {
        return fail('save the run', err, { unsavedRun: record });
      }
      const hadUnsaved = get().unsavedRun !== null;
      set({
        historyRuns: [record, ...get().historyRuns.filter((r) => r.id !== record.id)].sort(newestFirst),
        unsavedRun: null,
        // A save that works after a failed one settles that failure's message.
        ...(hadUnsaved ? { historyError: null } : {}),
      });
    }

    return {
      ...INITIAL_HISTORY,
      async loadHistory() {
        set({ historyStatus: 'loading' });
        try {
          const stored = await repo.list();
          const runs = stored.map(asRunRecord).filter((r) => r !== null);
          const hidden = stored.length - runs.length;
          // A run saved while the list was being read (an autorun link) must not vanish from it.
          const savedMeanwhile = get().historyRuns.filter((r) => !runs.some((x) => x.id === r.id));
          set({
            historyStatus: 'ready',
            historyRuns: [...runs, ...savedMeanwhile].sort(newestFirst),
            historyError:
              hidden > 0
                ? `${hidden} stored run(s) are in a format this version cannot show; left out.`
                : null,
          });
        } catch (err) {
          await fail('read the run history', err, { historyStatus: 'failed' });
        }
      },
      saveRun: (results, totalMs) =>
        store(recordOfResults(results, { fingerprint: get().fingerprint, totalMs, now: now() })),
      saveStudy: (study, meta) =>
        store(buildRunRecord(study, { ...meta, fingerprint: get().fingerprint, now: now() })),
      async retrySave() {
        const record = get().unsavedRun;
        if (record) await store(record);
      },
      async renameRun(id, name) {
        const trimmed = name.trim();
        if (trimmed === '') return;
        try {
          const renamed = await repo.rename(id, trimmed);
          set({ historyRuns: get().historyRuns.map((r) => (r.id === id ? renamed : r)) });
        } catch (err) {
          await fail('rename the run', err);
        }
      },
      async deleteRun(id) {
        try {
          await repo.delete(id);
        } catch (err) {
          return fail('delete the run', err);
        }
        set({
          historyRuns: get().historyRuns.filter((r) => r.id !== id),
          compareIds: get().compareIds.filter((c) => c !== id),
        });
      },
      async pinRun(id) {
        try {
          await repo.pin(id);
        } catch (err) {
          return fail(id === null ? 'unpin the baseline' : 'pin the run', err);
        }
        const pin = (r: RunRecord) => (r.pinned === (r.id === id) ? r : { ...r, pinned: r.id === id });
        set({ historyRuns: get().historyRuns.map(pin) });
      },
      setCompared(id, on) {
        const rest = get().compareIds.filter((c) => c !== id);
        set({ compareIds: on ? [...rest, id] : rest });
      },
      dismissHistoryError: () => set({ historyError: null, unsavedRun: null }),
    };
  };
}
