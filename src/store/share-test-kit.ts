/** Test helpers for the sharing stores (startup link, autorun, notices): a fake worker client. */
import type { TrainingClient } from '../worker/client';
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { createAppStore } from './index';

export interface FakeClient {
  readonly sent: WorkerCommand[];
  emit(e: WorkerEvent): void;
}

/** A store whose worker is played by the test: `client()` is the one the store created. */
export function fakeStore() {
  let made: FakeClient | null = null;
  const createClient = (): TrainingClient => {
    const listeners = new Set<(e: WorkerEvent) => void>();
    const c: FakeClient = { sent: [], emit: (e) => listeners.forEach((f) => f(e)) };
    made = c;
    return {
      send: (cmd) => c.sent.push(cmd),
      subscribe: (fn) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
      terminate: () => {},
    };
  };
  const { store, connect } = createAppStore({ createClient, forcedBackend: () => null });
  const client = (): FakeClient => {
    if (!made) throw new Error('the store has not connected yet');
    return made;
  };
  return { store, connect, client };
}

const split = { rows: { promo: 50, ad: 50 }, streamPositives: { promo: 5, ad: 5 } };
/** A dataset summary on which every grouping can start. */
const column = [{ name: 'c', kind: 'categorical' }];
const features = { user: column, content: column, context: column, creative: column };
export const GOOD_SUMMARY = {
  rows: 300,
  split: { train: split, val: split },
  rowsByDay: [],
  features,
} as never;
/** A summary with too few days to split. */
export const ONE_DAY_SUMMARY = { rows: 3, split: null, rowsByDay: [{ day: 0, promo: 1, ad: 2 }] } as never;

export const READY_EVENT: WorkerEvent = {
  status: 'ready',
  choice: { backend: 'wasm', skipped: [], forced: true },
};
