/**
 * The worker's benchmark commands (`npm run bench` through the bench page's `?bench=1` hook;
 * the dashboard never sends them). 'bench-training' times training steps of the joint-5task
 * model with measureTrainingThroughput on the worker's current dataset, on a named backend,
 * and then switches back to the backend the worker trains on; 'bench-ap' times
 * averagePrecision. Each answers with its own event, or 'bench-failed' with the reason.
 */
import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../core/config/experiment';
import { GROUPINGS } from '../core/config/groupings';
import type { EncodedDataset } from '../core/data/encoded';
import { type PreparedData, rowsBySource } from '../core/data/prepare';
import { initBackend } from '../ml/backend';
import { uploadDataset } from '../ml/model/device-data';
import { simdKernelsActive } from '../ml/kernels/simd/module';
import { measureTrainingThroughput, type Throughput } from '../ml/train/throughput';
import { benchAveragePrecision } from './bench-ap';
import type { BenchTrainingResult, BrowserBackend, WorkerCommand, WorkerEvent } from './protocol';

/** What a training bench trains on: encoded rows and the training rows per source. */
export interface BenchDataset {
  readonly encoded: EncodedDataset;
  readonly trainRows: { readonly promo: Int32Array; readonly ad: Int32Array };
}

type BenchTrainingCommand = Extract<WorkerCommand, { type: 'bench-training' }>;
type BenchApCommand = Extract<WorkerCommand, { type: 'bench-ap' }>;

export interface BenchDeps {
  readonly post: (e: WorkerEvent) => void;
  /** The backend the worker trains on, restored after a training bench; null before init. */
  readonly activeBackend: () => BrowserBackend | null;
  /** The worker's dataset for this config (prepared once and cached by the caller). */
  readonly dataset: (config: ExperimentConfig) => BenchDataset;
}

/** A prepared dataset as a training bench needs it (the training days' rows per source). */
export function benchDatasetOf(data: PreparedData): BenchDataset {
  const { table, split } = data;
  return {
    encoded: data.encoded,
    trainRows: rowsBySource(table, split.train),
  };
}

const MAX_BATCH = 65_536;
const MAX_STEPS = 10_000;

function checkInts(name: string, values: readonly number[], min: number, max: number) {
  for (const v of values)
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`bench-training: ${name} must be integers in ${min}..${max}, got ${v}`);
}

/** Thread count of the wasm backend, or undefined when it cannot be read. */
async function wasmThreadCount(): Promise<number | undefined> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    return wasm.getThreadsCount();
  } catch {
    return undefined;
  }
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createBenchCommands(deps: BenchDeps) {
  const { post } = deps;

  async function trainingBench(cmd: BenchTrainingCommand): Promise<BenchTrainingResult> {
    checkInts('batchSizes', cmd.batchSizes, 1, MAX_BATCH);
    checkInts('warmupSteps', [cmd.warmupSteps], 0, MAX_STEPS);
    checkInts('timedSteps', [cmd.timedSteps], 1, MAX_STEPS);
    const own = deps.activeBackend();
    if (!own) throw new Error('no tfjs backend is running (init failed or was not sent)');
    // Built (or taken from the cache) on the worker's own backend, before any switch.
    const ds = deps.dataset(cmd.config);
    const rows: Throughput[] = [];
    const failures: { batchSize: number; message: string }[] = [];
    let threads: number | undefined;
    let simd: boolean | undefined;
    try {
      await initBackend(cmd.backend);
      if (cmd.backend === 'wasm') {
        threads = await wasmThreadCount();
        simd = simdKernelsActive();
      }
      const device = uploadDataset(ds.encoded);
      try {
        for (const batchSize of cmd.batchSizes) {
          try {
            rows.push(
              await measureTrainingThroughput({
                data: device,
                trainRows: ds.trainRows,
                grouping: GROUPINGS['joint-5task'],
                model: cmd.config.model,
                train: cmd.config.train,
                batchSize,
                warmupSteps: cmd.warmupSteps,
                timedSteps: cmd.timedSteps,
                seed: cmd.config.seed,
              }),
            );
          } catch (e) {
            failures.push({ batchSize, message: messageOf(e) });
          }
        }
      } finally {
        device.dispose();
      }
    } finally {
      // Whatever happened, the worker's runs go on on the backend it chose.
      await initBackend(own);
    }
    return {
      backend: cmd.backend,
      rows,
      failures,
      datasetRows: ds.encoded.n,
      trainRows: { promo: ds.trainRows.promo.length, ad: ds.trainRows.ad.length },
      ...(threads !== undefined ? { wasmThreads: threads } : {}),
      ...(simd !== undefined ? { wasmSimdKernels: simd } : {}),
      restoredBackend: tf.getBackend(),
    };
  }

  return {
    async training(cmd: BenchTrainingCommand): Promise<void> {
      try {
        post({ status: 'bench-training', benchId: cmd.benchId, result: await trainingBench(cmd) });
      } catch (e) {
        post({ status: 'bench-failed', benchId: cmd.benchId, message: messageOf(e) });
      }
    },
    ap(cmd: BenchApCommand): void {
      try {
        const result = benchAveragePrecision(cmd.rows, cmd.repeats, cmd.seed);
        post({ status: 'bench-ap', benchId: cmd.benchId, result });
      } catch (e) {
        post({ status: 'bench-failed', benchId: cmd.benchId, message: messageOf(e) });
      }
    },
  };
}
