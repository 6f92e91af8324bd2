/**
 * Before/after figures for the data-path choices of training (docs/performance.md), on one
 * backend in this process (default wasm):
 * - batches gathered on the device from an index tensor (what training does) vs the batch's rows
 *   copied on the host and uploaded each step;
 * - a step's losses read back every step vs every 25 steps (train.lossReadEvery);
 * - evaluation in device chunks of 8,192 rows (PREDICT_CHUNK) vs 512 rows.
 * Times are wall ms (performance.now), after 5 untimed repetitions.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import type { EncodedDataset } from '../src/core/data/encoded';
import { prepareData, rowsBySource } from '../src/core/data/prepare';
import { createRng } from '../src/core/data/rng';
import { createBatchSampler } from '../src/core/data/sampler';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import { type BackendName, initBackend } from '../src/ml/backend';
import { uploadDataset } from '../src/ml/model/device-data';
import { createModel, inputSpecOf } from '../src/ml/model/model';
import { predictRows } from '../src/ml/model/predict';
import { createStepper } from '../src/ml/train/step';

export interface DataflowFigures {
  readonly backend: string;
  readonly batchSize: number;
  /** ms per batch: gather on the device vs copy rows on the host and upload. */
  readonly gatherMs: number;
  readonly uploadMs: number;
  /** ms per training step: losses read back every step vs every 25 steps. */
  readonly readEveryStepMs: number;
  readonly readEvery25Ms: number;
  /** rows/s of evaluation over 50,000 rows: chunks of 8,192 vs 512. */
  readonly predictChunk8192RowsPerSec: number;
  readonly predictChunk512RowsPerSec: number;
}

/** The batch's rows copied out of the host arrays and uploaded (the path training avoids). */
function uploadRows(ds: EncodedDataset, rows: Int32Array): tf.Tensor[] {
  const pick = <T extends Int32Array | Float32Array>(src: T, width: number, make: new (n: number) => T) => {
    const out = new make(rows.length * width);
    rows.forEach((r, i) => out.set(src.subarray(r * width, (r + 1) * width), i * width));
    return out;
  };
  const n = rows.length;
  return [
    tf.tensor2d(pick(ds.catCodes, ds.categorical.length, Int32Array), [n, ds.categorical.length], 'int32'),
    tf.tensor2d(pick(ds.multiCodes, ds.multiWidth, Int32Array), [n, ds.multiWidth], 'int32'),
    tf.tensor2d(pick(ds.multiWeights, ds.multiWidth, Float32Array), [n, ds.multiWidth]),
    tf.tensor2d(pick(ds.numericValues, 2 * ds.numeric.length, Float32Array), [n, 2 * ds.numeric.length]),
    tf.tensor2d(pick(ds.labels, 4, Float32Array), [n, 4]),
    tf.tensor2d(pick(ds.labelPresent, 4, Float32Array), [n, 4]),
    tf.tensor1d(
      Int32Array.from(rows, (r) => ds.source[r]),
      'int32',
    ),
  ];
}

async function timeIt(reps: number, f: () => Promise<void> | void): Promise<number> {
  for (let i = 0; i < 5; i++) await f();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await f();
  return (performance.now() - t0) / reps;
}

export async function benchDataflow(
  backend: BackendName = 'wasm',
  batchSize = 512,
): Promise<DataflowFigures> {
  await initBackend(backend);
  const table = simulate(DEFAULT_SIM_CONFIG, 1);
  const data = prepareData(table, DEFAULT_CONFIG);
  const device = uploadDataset(data.encoded);
  const sampler = createBatchSampler({
    rowsBySource: rowsBySource(table, data.split.train),
    batchSize,
    promoShare: 0.5,
    rng: createRng(1),
  });
  const readAll = async (ts: tf.Tensor[]) => {
    await Promise.all(ts.map((t) => t.data()));
    tf.dispose(ts);
  };
  const gatherMs = await timeIt(50, () => readAll(Object.values(device.gatherBatch(sampler.next()))));
  const uploadMs = await timeIt(50, () => readAll(uploadRows(data.encoded, sampler.next())));

  const g = GROUPINGS['joint-5task'];
  const model = createModel(inputSpecOf(data.encoded), g.heads, DEFAULT_CONFIG.model, 1);
  const stepper = createStepper(model, device, g.mask, { ...DEFAULT_CONFIG.train, batchSize });
  let s = 0;
  const step = (every: number) => async () => {
    const { loss } = stepper.step(sampler.next());
    if (loss && ++s % every === 0) await loss.data();
    loss?.dispose();
  };
  const readEveryStepMs = await timeIt(50, step(1));
  const readEvery25Ms = await timeIt(50, step(25));
  const rows = data.split.test.subarray(0, 50_000);
  const rate = async (chunk: number) =>
    rows.length /
    ((await timeIt(2, async () => void (await predictRows(model, device, rows, chunk)))) / 1000);
  const predictChunk8192RowsPerSec = await rate(8192);
  const predictChunk512RowsPerSec = await rate(512);
  stepper.dispose();
  model.dispose();
  device.dispose();
  return {
    backend: tf.getBackend(),
    batchSize,
    gatherMs,
    uploadMs,
    readEveryStepMs,
    readEvery25Ms,
    predictChunk8192RowsPerSec,
    predictChunk512RowsPerSec,
  };
}
