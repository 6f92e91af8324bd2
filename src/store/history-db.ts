/**
 * Run history in IndexedDB (database 'cold-start-lab', object store 'runs', keyed by id, indexed
 * by createdAt), through `idb`'s promise wrapper. Tested in the browser (e2e/history.spec.ts):
 * Node has no IndexedDB and the slice is tested against the same interface in memory.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { createMemoryHistoryRepo } from './history-memory';
import type { HistoryRepo, RunRecord } from './history-record';

export const HISTORY_DB_NAME = 'cold-start-lab';
/** Raise with a new `if (oldVersion < N)` step in `upgrade` whenever the stored layout changes. */
export const HISTORY_DB_VERSION = 1;

interface HistoryDb extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { createdAt: string } };
}

export function createIdbHistoryRepo(): HistoryRepo {
  let opened: Promise<IDBPDatabase<HistoryDb>> | null = null;
  const db = () => {
    opened ??= openDB<HistoryDb>(HISTORY_DB_NAME, HISTORY_DB_VERSION, {
      upgrade(database, oldVersion) {
        // Steps run in order from the stored version, so any older database reaches the current one.
        if (oldVersion < 1) {
          const runs = database.createObjectStore('runs', { keyPath: 'id' });
          runs.createIndex('createdAt', 'createdAt');
        }
      },
      // Another tab wants a newer version: let it upgrade; the next call here reopens.
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        opened = null;
      },
    });
    // A failed open (private mode, a blocked upgrade) is reported by the caller, then retried.
    opened.catch(() => (opened = null));
    return opened;
  };

  return {
    async list() {
      const all = await (await db()).getAllFromIndex('runs', 'createdAt');
      return all.reverse();
    },
    get: async (id) => (await db()).get('runs', id),
    async put(record) {
      // Awaiting `done` as well surfaces a quota error, which aborts the transaction after the request.
      const tx = (await db()).transaction('runs', 'readwrite');
      await Promise.all([tx.store.put(record), tx.done]);
    },
    delete: async (id) => (await db()).delete('runs', id),
    async rename(id, name) {
      const tx = (await db()).transaction('runs', 'readwrite');
      const record = await tx.store.get(id);
      if (!record) throw new DOMException(`No stored run ${id}`, 'NotFoundError');
      const renamed = { ...record, name };
      await Promise.all([tx.store.put(renamed), tx.done]);
      return renamed;
    },
    async pin(id) {
      // One transaction: at no moment do two records claim to be the baseline.
      const tx = (await db()).transaction('runs', 'readwrite');
      const all = await tx.store.getAll();
      const changed = all.filter((r) => r.pinned !== (r.id === id));
      await Promise.all([...changed.map((r) => tx.store.put({ ...r, pinned: r.id === id })), tx.done]);
      if (id !== null && !all.some((r) => r.id === id))
        throw new DOMException(`No stored run ${id}`, 'NotFoundError');
    },
    async estimate() {
      if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
      const { usage, quota } = await navigator.storage.estimate();
      return usage === undefined || quota === undefined ? null : { usage, quota };
    },
  };
}

/** IndexedDB where the browser has it; otherwise (Node, unusual browsers) memory only. */
export function browserHistoryRepo(): HistoryRepo {
  return typeof indexedDB === 'undefined' ? createMemoryHistoryRepo() : createIdbHistoryRepo();
}
