/**
 * Run history in memory: the repository where a browser has no IndexedDB (and in Node, where
 * the store's unit tests run). Same contract as history-db.ts; nothing survives a reload.
 */
import { type HistoryRepo, newestFirst, type RunRecord, type StorageEstimate } from './history-record';

export function createMemoryHistoryRepo(
  initial: readonly RunRecord[] = [],
  estimate: StorageEstimate | null = null,
): HistoryRepo {
  const records = new Map(initial.map((r) => [r.id, r]));
  const must = (id: string) => {
    const r = records.get(id);
    if (!r) throw new DOMException(`No stored run ${id}`, 'NotFoundError');
    return r;
  };
  return {
    list: async () => [...records.values()].sort(newestFirst),
    get: async (id) => records.get(id),
    put: async (record) => void records.set(record.id, record),
    delete: async (id) => void records.delete(id),
    async rename(id, name) {
      const renamed = { ...must(id), name };
      records.set(id, renamed);
      return renamed;
    },
    async pin(id) {
      if (id !== null) must(id);
      for (const r of records.values()) records.set(r.id, { ...r, pinned: r.id === id });
    },
    estimate: async () => estimate,
  };
}
