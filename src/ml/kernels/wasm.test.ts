import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { GROUPINGS } from '../../core/config/groupings';
import { type BackendName, configureWasmThreads, initBackend, wasmThreads } from '../backend';
import { uploadDataset } from '../model/device-data';
import { cyclicBatches, makeDataset, TEST_TRAIN } from '../fixtures';
import { trainGrouping } from '../train/trainer';
import { DEFAULT_CONFIG } from '../../core/config/defaults';

/** A few joint-5task steps on `backend`; per-step losses (read every step) and predictions. */
async function trainOn(backend: BackendName) {
  await initBackend(backend);
  const start = tf.memory().numTensors;
  const ds = makeDataset({ n: 300, seed: 9 });
  const data = uploadDataset(ds);
  const rows = Int32Array.from({ length: 300 }, (_, i) => i);
  const losses: number[] = [];
  const trained = await trainGrouping({
    data,
    grouping: GROUPINGS['joint-5task'],
    model: {
      ...DEFAULT_CONFIG.model,
      embeddingDim: 8,
      encoderUnits: [16],
      towerUnits: [8],
      experts: 2,
      taskExperts: 1,
      expertUnits: [8],
    },
    train: { ...TEST_TRAIN, lossReadEvery: 1, maxEpochs: 1 },
    seed: 4,
    nextBatch: cyclicBatches(rows, 50),
    stepsPerEpoch: 6,
    validationRows: rows.subarray(0, 100),
    validationScore: () => 0,
    onProgress: (p) => losses.push(...Object.values(p.lossByTask ?? {})),
  });
  const preds = await trained.predict(rows.subarray(0, 100));
  trained.dispose();
  data.dispose();
  return { losses, preds, leaked: tf.memory().numTensors - start };
}

afterAll(() => initBackend('cpu'));

describe('wasm backend in Node', () => {
  it('trains (embedding gradients included) and matches cpu within 1e-4', async () => {
    const cpu = await trainOn('cpu');
    const wasm = await trainOn('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(wasm.losses).toHaveLength(6 * 5);
    wasm.losses.forEach((l, i) => expect(Math.abs(l - cpu.losses[i])).toBeLessThan(1e-4));
    // Losses after the first step and the final predictions depend on every update made.
    for (const h of GROUPINGS['joint-5task'].heads)
      wasm.preds[h]!.forEach((p, i) => expect(Math.abs(p - cpu.preds[h]![i])).toBeLessThan(1e-4));
    expect(wasm.leaked).toBe(0);
  });

  it('runs one thread in Node and says why; threads are fixed once it has started', async () => {
    await initBackend('wasm');
    // tfjs-backend-wasm's pthread workers are blob: URLs, which Node's worker_threads refuses.
    expect(wasmThreads()).toEqual({ threads: 1, reason: expect.stringMatching(/Node/) });
    expect(() => configureWasmThreads({ threads: 2 })).toThrow(/before the wasm backend starts/);
  });
});
