/**
 * `npm run bench`: training throughput of the 5-task joint model in Node, per backend, with the
 * machine and configuration printed. Figures are steps/s and impressions/s after warm-up, and peak
 * memory (process max RSS and tfjs's peak bytes). Writes bench/results/node-training.json.
 * Options: --backends cpu,wasm  --batch 512  --warmup 10  --steps 50
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import { prepareData, rowsOfSource } from '../src/core/data/prepare';
import { createRng } from '../src/core/data/rng';
import { createBatchSampler } from '../src/core/data/sampler';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import { type BackendName, initBackend } from '../src/ml/backend';
import { uploadDataset } from '../src/ml/device-data';
import { trainGrouping } from '../src/ml/trainer';

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'cpu,wasm' },
    batch: { type: 'string', default: '512' },
    warmup: { type: 'string', default: '10' },
    steps: { type: 'string', default: '50' },
  },
});
const batchSize = Number(values.batch);
const warmup = Number(values.warmup);
const timed = Number(values.steps);

console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
const t0 = performance.now();
const table = simulate(DEFAULT_SIM_CONFIG, 1);
const data = prepareData(table, DEFAULT_CONFIG);
console.log(
  `data: default simulated dataset, ${table.n} rows, ${data.encoded.categorical.length} categorical, ` +
    `${data.encoded.multi.length} multi, ${data.encoded.numeric.length} numeric inputs (built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
const model = DEFAULT_CONFIG.model;
console.log(
  `model: joint-5task, embeddings <= ${model.embeddingDim}, encoder [${model.encoderUnits}], towers [${model.towerUnits}], batch ${batchSize}; ${warmup} warm-up + ${timed} timed steps`,
);

const rows: Record<string, unknown>[] = [];
for (const backend of values.backends.split(',') as BackendName[]) {
  await initBackend(backend);
  const device = uploadDataset(data.encoded);
  const sampler = createBatchSampler({
    rowsBySource: {
      promo: rowsOfSource(table, data.split.train, 'promo'),
      ad: rowsOfSource(table, data.split.train, 'ad'),
    },
    batchSize,
    promoShare: 0.5,
    rng: createRng(1),
  });
  let tStart = 0;
  let tEnd = 0;
  let peakBytes = 0;
  const trained = await trainGrouping({
    data: device,
    grouping: GROUPINGS['joint-5task'],
    model,
    train: { ...DEFAULT_CONFIG.train, batchSize, maxEpochs: 1 },
    seed: 1,
    nextBatch: () => sampler.next(),
    stepsPerEpoch: warmup + timed,
    validationRows: data.split.val.subarray(0, 1024),
    validationScore: () => 0,
    onProgress: (p) => {
      peakBytes = Math.max(peakBytes, tf.memory().numBytes);
      if (p.step === warmup) tStart = performance.now();
      if (p.step === warmup + timed) tEnd = performance.now();
    },
  });
  trained.dispose();
  device.dispose();
  const stepsPerSec = timed / ((tEnd - tStart) / 1000);
  const row = {
    backend,
    batchSize,
    stepsPerSec: +stepsPerSec.toFixed(2),
    impressionsPerSec: Math.round(stepsPerSec * batchSize),
    tfPeakMiB: +(peakBytes / 2 ** 20).toFixed(1),
    maxRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(0),
  };
  rows.push(row);
  console.log(
    `${backend.padEnd(5)} ${row.stepsPerSec.toFixed(2).padStart(7)} steps/s  ${String(row.impressionsPerSec).padStart(7)} impressions/s  ` +
      `tfjs peak ${row.tfPeakMiB} MiB  process max RSS ${row.maxRssMiB} MiB`,
  );
}
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/node-training.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version }, rows }, null, 2)}\n`,
);
