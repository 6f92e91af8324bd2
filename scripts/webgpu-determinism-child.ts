/**
 * Child process of webgpu-determinism.test.ts: a few training steps of the default model on one
 * backend (argv[2]: cpu or webgpu), printed as JSON on stdout: per-step losses, every weight and
 * the predictions after the first step and after the last, as plain numbers (float32 values round-trip exactly through JSON), plus a
 * SHA-256 of the weights' float32 bytes. WebGPU runs on Dawn (node-webgpu.ts), so the parent
 * starts this process with vulkanEnv()'s environment.
 *
 * The data has id columns above BAG_MAX_VOCAB (embedding gradients through the segmented sum,
 * with many ids repeated in a batch) and small ones (one-hot products). Batches are small, as
 * SwiftShader takes seconds per step at 512; instead of a step at batch >= 2000 (where tfjs would
 * add a weight gradient X^T dy with split-K atomics) one product of that shape is run alone.
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import { type BackendName, initBackend } from '../src/ml/backend';
import { cyclicBatches, makeDataset, TEST_TRAIN } from '../src/ml/fixtures';
import { uploadDataset } from '../src/ml/model/device-data';
import { createModel, inputSpecOf } from '../src/ml/model/model';
import { predictRows } from '../src/ml/model/predict';
import { createStepper } from '../src/ml/train/step';
import { describeAdapter, startNodeWebGpu } from './node-webgpu';

const BATCHES = [128, 128, 128];
/** X^T dy of a dense layer at batch 4096: inner dimension past tfjs's split-K bound (2000). */
const SPLIT_K_SHAPE = { batch: 4096, fanIn: 64, fanOut: 32 };

const backend = (process.argv[2] ?? 'webgpu') as BackendName;
const adapter = backend === 'webgpu' ? describeAdapter(await startNodeWebGpu()) : undefined;
await initBackend(backend);

const ds = makeDataset({ n: 4096, seed: 5, vocab: [300, 7, 3], multi: [[120, 3]] });
const joint = GROUPINGS['joint-5task'];
const data = uploadDataset(ds);
const model = createModel(inputSpecOf(ds), joint.heads, DEFAULT_CONFIG.model, 3);
const stepper = createStepper(model, data, joint.mask, { ...TEST_TRAIN, learningRate: 0.01 }, 'fast');
const all = Int32Array.from({ length: ds.n }, (_, i) => i);
const losses: number[][] = [];
/**
 * Every variable's values end to end (allVariables order), as one row. On webgpu the embedding
 * tables are one flat variable holding them end to end (model/flat-tables.ts), so the row lays
 * them out as cpu's one variable per table does.
 */
const allWeights = async () => [
  (await Promise.all(model.allVariables().map(async (v) => Array.from(await v.data())))).flat(),
];
const predsOf = async () =>
  Object.values(await predictRows(model, data, all.subarray(0, 1000))).map((p) =>
    Array.from(p as Float32Array),
  );
let firstStep: { weights: number[][]; preds: number[][] } | undefined;
let pos = 0;
for (const b of BATCHES) {
  const rows = cyclicBatches(all.subarray(pos), b)();
  pos += b;
  const { loss } = stepper.step(rows);
  losses.push(loss ? Array.from(await loss.data()) : []);
  loss?.dispose();
  firstStep ??= { weights: await allWeights(), preds: await predsOf() };
}
const weights = await allWeights();
const hash = createHash('sha256');
for (const w of weights) hash.update(new Uint8Array(Float32Array.from(w).buffer));
const preds = await predsOf();
const { batch, fanIn, fanOut } = SPLIT_K_SHAPE;
const gradient = tf.tidy(() => {
  const x = tf.randomUniform([batch, fanIn], -1, 1, 'float32', 1);
  const dy = tf.randomUniform([batch, fanOut], -1, 1, 'float32', 2);
  return tf.matMul(x, dy, true, false);
});
const out = {
  backend: tf.getBackend(),
  adapter,
  losses,
  weights,
  weightsSha256: hash.digest('hex'),
  preds,
  firstStep,
  splitKShape: Array.from(await gradient.data()),
};
// Exit explicitly once the output is written: Dawn's device keeps the event loop alive.
process.stdout.write(`${JSON.stringify(out)}\n`, () => process.exit(0));
