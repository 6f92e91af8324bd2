/**
 * Training throughput of one grouping's model on the active backend: the measurement behind
 * `npm run bench` (Node and browser) and the worker's timed backend trial.
 *
 * Figures: steps/s = timedSteps / T and impressions/s = steps/s * batchSize, where T is the
 * wall time (ms -> s) from just after the warm-up steps until the last timed step's loss has
 * been read back (so queued GPU work is inside T). Warm-up steps absorb shader compilation and
 * the allocator's first growth; their time is reported separately as warmupMs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Grouping, ModelConfig, TrainConfig } from '../../core/config/experiment';
import { createRng } from '../../core/data/rng';
import { createBatchSampler } from '../../core/data/sampler';
import type { DeviceData } from '../model/device-data';
import { createModel, inputSpecOf } from '../model/model';
import { createStepper, type StepKind } from './step';

export interface ThroughputOptions {
  readonly data: DeviceData;
  /** Training rows per source (indices into data), sampled source-balanced at promoShare. */
  readonly trainRows: { readonly promo: Int32Array; readonly ad: Int32Array };
  readonly grouping: Pick<Grouping, 'heads' | 'mask'>;
  readonly model: ModelConfig;
  readonly train: TrainConfig;
  readonly batchSize: number;
  readonly warmupSteps: number;
  readonly timedSteps: number;
  /** Which step implementation to time (default: the one training uses). */
  readonly stepKind?: StepKind;
  readonly seed?: number;
}

export interface Throughput {
  readonly backend: string;
  readonly batchSize: number;
  readonly stepKind: StepKind;
  readonly warmupSteps: number;
  readonly timedSteps: number;
  /** Wall time of the warm-up steps, first-step compilation included (ms). */
  readonly warmupMs: number;
  readonly msPerStep: number;
  readonly stepsPerSec: number;
  readonly impressionsPerSec: number;
  /** Largest tf.memory().numBytes seen between steps (bytes; the dataset upload included). */
  readonly tfPeakBytes: number;
}

/** Times `timedSteps` optimisation steps after `warmupSteps`; leaves no tensors behind. */
export async function measureTrainingThroughput(opts: ThroughputOptions): Promise<Throughput> {
  const { data, batchSize } = opts;
  const stepKind = opts.stepKind ?? 'fast';
  const model = createModel(inputSpecOf(data.host), opts.grouping.heads, opts.model, opts.seed ?? 1);
  const stepper = createStepper(model, data, opts.grouping.mask, { ...opts.train, batchSize }, stepKind);
  const sampler = createBatchSampler({
    rowsBySource: opts.trainRows,
    batchSize,
    promoShare: opts.train.promoShare,
    rng: createRng(opts.seed ?? 1),
  });
  let peak = 0;
  const run = async (steps: number) => {
    let last: tf.Tensor | undefined;
    for (let i = 0; i < steps; i++) {
      const { loss } = stepper.step(sampler.next());
      last?.dispose();
      last = loss;
      peak = Math.max(peak, tf.memory().numBytes);
    }
    if (last) {
      await last.data(); // drains the device queue: the steps' work is really done
      last.dispose();
    }
  };
  try {
    const t0 = performance.now();
    await run(opts.warmupSteps);
    const t1 = performance.now();
    await run(opts.timedSteps);
    const t2 = performance.now();
    const stepsPerSec = opts.timedSteps / ((t2 - t1) / 1000);
    return {
      backend: tf.getBackend(),
      batchSize,
      stepKind,
      warmupSteps: opts.warmupSteps,
      timedSteps: opts.timedSteps,
      warmupMs: t1 - t0,
      msPerStep: (t2 - t1) / opts.timedSteps,
      stepsPerSec,
      impressionsPerSec: stepsPerSec * batchSize,
      tfPeakBytes: peak,
    };
  } finally {
    stepper.dispose();
    model.dispose();
  }
}
