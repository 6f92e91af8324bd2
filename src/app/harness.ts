/**
 * Browser harness for end-to-end checks that need the engine without the UI: trains a few steps
 * of the 5-task joint model on a tiny simulated dataset on a named backend and returns the step
 * losses and validation probabilities, so a test can compare webgpu with cpu in one page.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import { GROUPINGS } from '../core/config/groupings';
import { prepareData, rowsBySource } from '../core/data/prepare';
import { createRng } from '../core/data/rng';
import { createBatchSampler } from '../core/data/sampler';
import { DEFAULT_SIM_CONFIG, simulate } from '../core/data/simulator';
import { type BackendName, initBackend, setWasmAssetPath } from '../ml/backend';
import { uploadDataset } from '../ml/model/device-data';
import { trainGrouping } from '../ml/train/trainer';
import { WASM_ASSETS } from '../worker/wasm-assets';

setWasmAssetPath(WASM_ASSETS);

export interface StepsReport {
  backend: string;
  losses: number[][];
  predictions: number[];
  tensorsBefore: number;
  tensorsAfter: number;
}

const TINY_SIM = { ...DEFAULT_SIM_CONFIG, users: 300, shows: 60, days: 6, impressionsPerDay: 400 };

async function trainSteps(backend: BackendName, steps: number): Promise<StepsReport> {
  await initBackend(backend);
  const tensorsBefore = tf.memory().numTensors;
  const table = simulate(TINY_SIM, 3);
  const data = prepareData(table, DEFAULT_CONFIG);
  const device = uploadDataset(data.encoded);
  const sampler = createBatchSampler({
    rowsBySource: rowsBySource(table, data.split.train),
    batchSize: 64,
    promoShare: 0.5,
    rng: createRng(3),
  });
  const losses: number[][] = [];
  const trained = await trainGrouping({
    data: device,
    grouping: GROUPINGS['joint-5task'],
    model: {
      ...DEFAULT_CONFIG.model,
      embeddingDim: 4,
      encoderUnits: [16],
      towerUnits: [8],
    },
    train: { ...DEFAULT_CONFIG.train, batchSize: 64, maxEpochs: 1, lossReadEvery: 1 },
    seed: 3,
    nextBatch: () => sampler.next(),
    stepsPerEpoch: steps,
    validationRows: data.split.val,
    validationScore: () => 0,
    onProgress: (p) => p.lossByTask && losses.push(Object.values(p.lossByTask)),
  });
  const scores = await trained.predict(data.split.val.subarray(0, 200));
  trained.dispose();
  device.dispose();
  return {
    backend: tf.getBackend(),
    losses,
    predictions: Array.from(scores.ad_stream ?? []),
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
  };
}

declare global {
  interface Window {
    coldStartHarness: { trainSteps: typeof trainSteps };
  }
}
window.coldStartHarness = { trainSteps };
document.body.dataset.ready = 'true';
