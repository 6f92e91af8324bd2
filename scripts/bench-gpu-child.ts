/**
 * Child process of `npm run bench:gpu` (bench-gpu.ts): one backend (argv[2] is a BackendJob as
 * JSON) measured as the Node bench measures it (bench-node-training.ts: plain and fast steps at
 * batch 512, then the batch sweep), then the app's own backend trial on it (worker/backend-trial.ts)
 * and the work one fast step at batch 512 issues: tfjs kernels, and on WebGPU the compute
 * dispatches (tfjs's programs and ours, kernels/webgpu/dispatch-tally.ts). Sends a GpuBenchChild to the parent over IPC.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import { prepareData, rowsBySource } from '../src/core/data/prepare';
import { createRng } from '../src/core/data/rng';
import { createBatchSampler } from '../src/core/data/sampler';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import { tallyDispatches, totalDispatches } from '../src/ml/kernels/webgpu/dispatch-tally';
import { uploadDataset } from '../src/ml/model/device-data';
import { createModel, inputSpecOf } from '../src/ml/model/model';
import { createStepper } from '../src/ml/train/step';
import { timeActiveBackend, TRIAL_BATCH } from '../src/worker/backend-trial';
import type { TrialRow } from '../src/worker/protocol';
import { type BackendJob, type BackendResult, measureBackend } from './bench-node-training';

/** What one fast step at batch 512 issues on the backend (after two warm-up steps). */
export interface StepWork {
  readonly batchSize: number;
  /** tfjs kernels run (tf.profile). */
  readonly kernels: number;
  /** WebGPU only: compute dispatches, tfjs's and ours (dispatch-tally.ts). */
  readonly dispatches?: number;
}

export interface GpuBenchChild {
  readonly result: BackendResult;
  readonly trial?: TrialRow;
  readonly work?: StepWork;
  readonly error?: string;
}

async function stepWork(backend: string): Promise<StepWork> {
  const table = simulate({ ...DEFAULT_SIM_CONFIG, days: 3, impressionsPerDay: 1500 }, 1);
  const data = prepareData(table, DEFAULT_CONFIG);
  const device = uploadDataset(data.encoded);
  const joint = GROUPINGS['joint-5task'];
  const model = createModel(inputSpecOf(data.encoded), joint.heads, DEFAULT_CONFIG.model, 1);
  const stepper = createStepper(model, device, joint.mask, DEFAULT_CONFIG.train, 'fast');
  const all = Int32Array.from({ length: table.n }, (_, i) => i);
  const sampler = createBatchSampler({
    rowsBySource: rowsBySource(table, all),
    batchSize: TRIAL_BATCH,
    promoShare: DEFAULT_CONFIG.train.promoShare,
    rng: createRng(1),
  });
  const step = async () => {
    const { loss } = stepper.step(sampler.next());
    await loss?.data();
    loss?.dispose();
  };
  try {
    await step();
    await step();
    // Every dispatch of the step, tfjs's and ours (the same tally as bench-webgpu-dispatches.ts):
    // the step issues them synchronously, so the tally closes before its loss is read.
    let dispatches: number | undefined;
    const profile = await tf.profile(async () => {
      if (backend !== 'webgpu') return step();
      const { result, tally } = tallyDispatches(() => stepper.step(sampler.next()));
      dispatches = totalDispatches(tally);
      await result.loss?.data();
      result.loss?.dispose();
    });
    return {
      batchSize: TRIAL_BATCH,
      kernels: profile.kernels.length,
      ...(dispatches === undefined ? {} : { dispatches }),
    };
  } finally {
    stepper.dispose();
    model.dispose();
    device.dispose();
  }
}

const job = JSON.parse(process.argv[2] ?? '') as BackendJob;
const result = await measureBackend(job);
let out: GpuBenchChild = { result };
if (!('error' in result)) {
  try {
    // The app does not time a software adapter (backend-choice.ts), so neither does this.
    const trial = result.adapter?.software
      ? undefined
      : { backend: job.backend as TrialRow['backend'], ...(await timeActiveBackend()) };
    out = { result, ...(trial ? { trial } : {}), work: await stepWork(job.backend) };
  } catch (e) {
    out = { result, error: e instanceof Error ? e.message : String(e) };
  }
}
// Exit explicitly once the message is out: Dawn's device keeps the event loop alive.
process.send?.(out, () => process.exit(0));
if (!process.send) {
  console.log(JSON.stringify(out, null, 2));
  process.exit(0);
}
