/**
 * A repeat worker: started by the study's worker (training.worker.ts) to train one repeat of a
 * study while the study's worker trains another. Thin on purpose; the logic is in repeat-helper.ts.
 */
import { setWasmAssetPath } from '../ml/backend';
import { type RepeatJob, type RepeatReply, trainRepeat } from './repeat-helper';
import { WASM_ASSETS } from './wasm-assets';

setWasmAssetPath(WASM_ASSETS);

const scope = self as unknown as {
  postMessage(r: RepeatReply): void;
  onmessage: ((m: MessageEvent<RepeatJob>) => void) | null;
};
scope.onmessage = (m) => void trainRepeat(m.data, (r) => scope.postMessage(r));
