/**
 * `npm run bench:node` (first part of `npm run bench`): training throughput of the joint-5task
 * model in Node per tfjs backend (cpu, wasm, and webgpu through Dawn), AP evaluation throughput,
 * peak memory, the data-path choices before/after (bench-node-dataflow.ts), and the same training in PyTorch, with the machine and configuration printed.
 * Writes bench/results/node-training.json and bench/results/torch-training.json.
 *
 * Options (defaults in parseArgs below):
 *   --backends cpu,wasm,webgpu
 *   --warmup, --steps, --batches     wasm, and webgpu on a hardware GPU: warm-up and timed steps
 *                                    at batch 512 (fewer above 512, see bench-node-training.ts),
 *                                    and the batch-size sweep of the fast step
 *   --cpu-warmup, --cpu-steps, --cpu-batches   the cpu backend (about 1 step/s at batch 512)
 *   --sw-warmup, --sw-steps, --sw-batches      webgpu on a software adapter (SwiftShader; seconds
 *                                    per step, and its sweep would say nothing about a real GPU)
 *   --torch-threads 1,2   --no-torch
 * Environment: BENCH_WEBGPU_VULKAN=auto|system|swiftshader (see node-webgpu.ts), BENCH_PYTHON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import type { BackendName } from '../src/ml/backend';
import { benchAveragePrecision } from './bench-ap';
import { benchDataflow } from './bench-node-dataflow';
import { backendJson, backendLines, dataLine, machineInfo, machineLine } from './bench-node-report';
import { torchSection } from './bench-node-torch';
import { type BackendResult, COMPARE_BATCH, runBackendJob, type StepPlan } from './bench-node-training';
import { vulkanEnv } from './node-webgpu';

const { values: o } = parseArgs({
  options: {
    backends: { type: 'string', default: 'cpu,wasm,webgpu' },
    warmup: { type: 'string', default: '10' },
    steps: { type: 'string', default: '50' },
    batches: { type: 'string', default: '256,512,1024,2048,4096' },
    'cpu-warmup': { type: 'string', default: '2' },
    'cpu-steps': { type: 'string', default: '10' },
    'cpu-batches': { type: 'string', default: '512' },
    'sw-warmup': { type: 'string', default: '1' },
    'sw-steps': { type: 'string', default: '3' },
    'sw-batches': { type: 'string', default: '512' },
    'torch-threads': { type: 'string', default: '1,2' },
    'no-torch': { type: 'boolean', default: false },
  },
});
const ints = (s: string, what: string) => {
  const xs = s.split(',').map(Number);
  if (xs.some((x) => !Number.isInteger(x) || x < 1))
    throw new Error(`--${what}: positive integers, not '${s}'`);
  return xs;
};
const plan = (prefix: string): StepPlan => ({
  warmup: Number(o[`${prefix}warmup` as 'warmup']),
  steps: ints(o[`${prefix}steps` as 'steps'], `${prefix}steps`)[0],
  batches: ints(o[`${prefix}batches` as 'batches'], `${prefix}batches`),
});
const plans = { fast: plan(''), cpu: plan('cpu-'), software: plan('sw-') };
const backends = o.backends.split(',') as BackendName[];

const machine = machineInfo();
const date = new Date().toISOString();
console.log(`Node bench, ${date}`);
console.log(machineLine(machine));
const m = DEFAULT_CONFIG.model;
console.log(
  `model: joint-5task, embeddings <= ${m.embeddingDim}, encoder [${m.encoderUnits}], towers [${m.towerUnits}], ` +
    `Adam lr ${DEFAULT_CONFIG.train.learningRate}; plain and fast steps at batch ${COMPARE_BATCH}, then a sweep with the fast step`,
);
for (const [name, p] of Object.entries(plans))
  console.log(
    `  plan ${name.padEnd(8)}: ${p.warmup} warm-up + ${p.steps} timed steps, sweep ${p.batches.join(',')}`,
  );

const ap = benchAveragePrecision();
console.log(
  `\nAP evaluation: averagePrecision on ${ap.rows.toLocaleString('en-US')} rows (base rate ${ap.baseRate}, float32 scores), ` +
    `median of ${ap.runs}: ${ap.medianMs.toFixed(0)} ms (${ap.minMs.toFixed(0)}-${ap.maxMs.toFixed(0)}), ` +
    `${Math.round(ap.rowsPerSec).toLocaleString('en-US')} rows/s`,
);

console.log('\nTraining (each backend in its own process; per-run lines as they finish):');
const results: BackendResult[] = [];
for (const backend of backends) {
  let env = process.env;
  if (backend === 'webgpu') {
    const v = vulkanEnv();
    console.log(`  webgpu via Dawn (npm webgpu): ${v.note}`);
    env = v.env;
  }
  results.push(await runBackendJob({ backend, plans }, env));
}
console.log('\nSummary (impressions = training rows; fast/plain = step speed-up):');
const data = results.flatMap((r) => ('data' in r ? [r.data] : []))[0];
if (data) console.log(dataLine(data));
for (const r of results) for (const line of backendLines(r)) console.log(line);

const flow = backends.includes('wasm') ? await benchDataflow('wasm') : undefined;
if (flow) {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const rps = (x: number) => `${Math.round(x).toLocaleString('en-US')} rows/s`;
  console.log(
    `\nData path on ${flow.backend}, batch ${flow.batchSize} (before/after of each training choice):`,
  );
  console.log(
    `  batch: gathered on the device ${ms(flow.gatherMs)}, copied on the host and uploaded ${ms(flow.uploadMs)}`,
  );
  console.log(
    `  step: losses read every step ${ms(flow.readEveryStepMs)}, every 25 steps ${ms(flow.readEvery25Ms)}`,
  );
  console.log(
    `  evaluation of 50,000 rows: chunks of 8,192 ${rps(flow.predictChunk8192RowsPerSec)}, of 512 ${rps(flow.predictChunk512RowsPerSec)}`,
  );
}

const header = { date, machine };
mkdirSync('bench/results', { recursive: true });
const torch = o['no-torch']
  ? undefined
  : await torchSection(
      results,
      {
        threads: ints(o['torch-threads'], 'torch-threads'),
        warmup: plans.fast.warmup,
        steps: plans.fast.steps,
      },
      header,
    );
writeFileSync(
  'bench/results/node-training.json',
  `${JSON.stringify({ ...header, config: { data, model: m, grouping: 'joint-5task', plans }, ap, backends: results.map(backendJson), dataflow: flow, torch }, null, 2)}\n`,
);
console.log('\nwrote bench/results/node-training.json');
