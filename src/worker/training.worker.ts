/**
 * The dedicated training worker: tfjs, the dataset and training live here so the page stays
 * responsive. Thin on purpose; the logic is in handler.ts.
 */
import { setWasmAssetPath } from '../ml/backend';
import { createCommandHandler } from './handler';
import type { WorkerCommand, WorkerEvent } from './protocol';
import type { RepeatWorker } from './repeat-pool';
import { WASM_ASSETS } from './wasm-assets';

setWasmAssetPath(WASM_ASSETS);

const scope = self as unknown as {
  postMessage(e: WorkerEvent): void;
  onmessage: ((m: MessageEvent<WorkerCommand>) => void) | null;
};
const handle = createCommandHandler({
  post: (e) => scope.postMessage(e),
  // A nested dedicated worker per repeat trained alongside this one (repeat-pool.ts).
  // (A Worker is a RepeatWorker whose messages are RepeatReplies: the cast only names them.)
  spawnRepeatWorker: () =>
    new Worker(new URL('./repeat.worker.ts', import.meta.url), { type: 'module' }) as unknown as RepeatWorker,
  cores: navigator.hardwareConcurrency,
});
scope.onmessage = (m) => handle(m.data);
