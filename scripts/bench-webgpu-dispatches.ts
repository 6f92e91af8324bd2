/**
 * Compute dispatches per training step of the joint-5task model on webgpu (issue 18: the lean
 * WebGPU step's target is at most 60), for the Node bench's webgpu child and for
 * `npx tsx scripts/bench-webgpu-dispatches.ts` (which forks itself with the Vulkan environment).
 *
 * One step is counted after two untallied ones (so that one-time work, such as Adam's first flat
 * copies or a pipeline's first compile, is not in the figure); the tally names each kernel.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import { createRng } from '../src/core/data/rng';
import { createBatchSampler } from '../src/core/data/sampler';
import type { DeviceData } from '../src/ml/model/device-data';
import { createModel, inputSpecOf } from '../src/ml/model/model';
import {
  type DispatchTally,
  tallyDispatches,
  totalDispatches,
} from '../src/ml/kernels/webgpu/dispatch-tally';
import { createStepper, type StepKind } from '../src/ml/train/step';
import { vulkanEnv } from './node-webgpu';

export interface StepDispatches {
  readonly stepKind: StepKind;
  readonly batchSize: number;
  readonly total: number;
  /** Dispatches per kernel, most first. */
  readonly byKernel: readonly (readonly [string, number])[];
}

/** Dispatches of one training step (after two) of the joint-5task model at the default config. */
export async function countStepDispatches(
  data: DeviceData,
  trainRows: { readonly promo: Int32Array; readonly ad: Int32Array },
  stepKind: StepKind,
  batchSize = 512,
): Promise<StepDispatches> {
  const grouping = GROUPINGS['joint-5task'];
  const model = createModel(inputSpecOf(data.host), grouping.heads, DEFAULT_CONFIG.model, 1);
  const train = { ...DEFAULT_CONFIG.train, batchSize };
  const stepper = createStepper(model, data, grouping.mask, train, stepKind);
  const sampler = createBatchSampler({
    rowsBySource: trainRows,
    batchSize,
    promoShare: train.promoShare,
    rng: createRng(1),
  });
  try {
    for (let i = 0; i < 2; i++) stepper.step(sampler.next()).loss?.dispose();
    const { result, tally } = tallyDispatches(() => stepper.step(sampler.next()));
    await result.loss?.data();
    result.loss?.dispose();
    return { stepKind, batchSize, total: totalDispatches(tally), byKernel: sorted(tally) };
  } finally {
    stepper.dispose();
    model.dispose();
  }
}

const sorted = (t: DispatchTally) => [...t.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** One line per count: `fast step: 57 dispatches (GemmProgram 12, ...)`. */
export function describeDispatches(d: StepDispatches): string {
  const parts = d.byKernel.map(([k, n]) => `${k} ${n}`).join(', ');
  return `${d.stepKind} step, batch ${d.batchSize}: ${d.total} dispatches (${parts})`;
}

async function child(): Promise<void> {
  const { startNodeWebGpu, describeAdapter } = await import('./node-webgpu');
  const { initBackend } = await import('../src/ml/backend');
  const { prepareData, rowsBySource } = await import('../src/core/data/prepare');
  const { DEFAULT_SIM_CONFIG, simulate } = await import('../src/core/data/simulator');
  const { uploadDataset } = await import('../src/ml/model/device-data');
  const adapter = await startNodeWebGpu();
  await initBackend('webgpu');
  console.log(`adapter: ${describeAdapter(adapter)}`);
  const table = simulate(DEFAULT_SIM_CONFIG, 1);
  const prepared = prepareData(table, DEFAULT_CONFIG);
  const device = uploadDataset(prepared.encoded);
  const rows = rowsBySource(table, prepared.split.train);
  const { setWebGpuKernels } = await import('../src/ml/kernels/webgpu/program');
  for (const kind of (process.env.CSL_STEP_KINDS ?? 'fast').split(',') as StepKind[]) {
    // tfjs's kernels alone (before our kernels), then with ours.
    setWebGpuKernels(false);
    console.log(`tfjs kernels only: ${describeDispatches(await countStepDispatches(device, rows, kind))}`);
    setWebGpuKernels(true);
    console.log(`with our kernels:  ${describeDispatches(await countStepDispatches(device, rows, kind))}`);
  }
  device.dispose();
  tf.disposeVariables();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.env.CSL_DISPATCH_CHILD) await child().then(() => process.exit(0));
  else {
    const v = vulkanEnv();
    console.log(v.note);
    // argv[2]: step kinds, e.g. `plain,fast` (default fast).
    const kinds = process.argv[2] ?? 'fast';
    fork(fileURLToPath(import.meta.url), [], {
      env: { ...v.env, CSL_DISPATCH_CHILD: '1', CSL_STEP_KINDS: kinds },
    });
  }
}
