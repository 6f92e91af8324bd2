/**
 * The main thread's handle on the training worker: send commands, subscribe to events. Where
 * module workers are unavailable it runs the same handler on the main thread (slower UI, same
 * events), so the app still works.
 */
import type { WorkerCommand, WorkerEvent } from './protocol';

export interface TrainingClient {
  send(cmd: WorkerCommand): void;
  /** Returns the unsubscribe function. */
  subscribe(fn: (e: WorkerEvent) => void): () => void;
  /** Stops the worker at once (a run in progress is abandoned). */
  terminate(): void;
}

function listenerSet() {
  const listeners = new Set<(e: WorkerEvent) => void>();
  return {
    subscribe(fn: (e: WorkerEvent) => void) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    emit: (e: WorkerEvent) => listeners.forEach((fn) => fn(e)),
    clear: () => listeners.clear(),
  };
}

/**
 * `?repeatWorkers=N` on the page's address at load (benches: force the repeats trained at once),
 * read before the app rewrites the address; it rides on each 'init'.
 */
const PAGE_REPEAT_WORKERS = (() => {
  const raw = new URLSearchParams(globalThis.location?.search ?? '').get('repeatWorkers');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
})();

function withPageOptions(cmd: WorkerCommand): WorkerCommand {
  return cmd.type === 'init' && PAGE_REPEAT_WORKERS !== undefined && cmd.repeatWorkers === undefined
    ? { ...cmd, repeatWorkers: PAGE_REPEAT_WORKERS }
    : cmd;
}

export function createTrainingClient(): TrainingClient {
  if (typeof Worker === 'undefined') return createInProcessClient();
  const worker = new Worker(new URL('./training.worker.ts', import.meta.url), { type: 'module' });
  const events = listenerSet();
  worker.onmessage = (m: MessageEvent<WorkerEvent>) => events.emit(m.data);
  worker.onerror = (e) => {
    e.preventDefault();
    events.emit({
      status: 'error',
      kind: 'internal',
      message: `training worker failed: ${e.message || 'could not load'}`,
    });
  };
  worker.onmessageerror = () =>
    events.emit({ status: 'error', kind: 'internal', message: 'a worker message could not be read' });
  return {
    send: (cmd) => worker.postMessage(withPageOptions(cmd)),
    subscribe: events.subscribe,
    terminate() {
      worker.terminate();
      events.clear();
    },
  };
}

/**
 * The handler on this thread, loaded on first use. Events are delivered on a later task, as a
 * worker's would be. `terminate` only silences it: a run on this thread cannot be killed.
 */
export function createInProcessClient(): TrainingClient {
  const events = listenerSet();
  let alive = true;
  const handler = (async () => {
    const [{ createCommandHandler }, { setWasmAssetPath }, { WASM_ASSETS }] = await Promise.all([
      import('./handler'),
      import('../ml/backend'),
      import('./wasm-assets'),
    ]);
    setWasmAssetPath(WASM_ASSETS);
    return createCommandHandler({ post: (e) => setTimeout(() => alive && events.emit(e), 0) });
  })();
  return {
    send: (cmd) => void handler.then((handle) => alive && handle(cmd)),
    subscribe: events.subscribe,
    terminate() {
      alive = false;
      events.clear();
    },
  };
}
