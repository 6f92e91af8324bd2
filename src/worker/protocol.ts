/**
 * Typed messages between the main thread and the training worker. Commands go in as
 * `{ type }`, events come out as `{ status }`; both are discriminated unions.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import type { DatasetSummary } from '../core/data/dataset-summary';
import type { Source, TaskId } from '../core/data/schema';
import type { ExperimentResults } from '../core/metrics/results';

export type BrowserBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface AdapterInfo {
  readonly vendor: string;
  readonly architecture: string;
  readonly isFallbackAdapter: boolean;
}

export interface BackendChoice {
  readonly backend: BrowserBackend;
  /** Present when the backend is webgpu. */
  readonly adapter?: AdapterInfo;
  /** Why each backend tried before the chosen one was not used (in order). */
  readonly skipped: readonly { readonly backend: BrowserBackend; readonly reason: string }[];
  /** True when `?backend=` forced the choice. */
  readonly forced: boolean;
}

export type WorkerCommand =
  /** Choose and start a tfjs backend (webgpu, then webgl, wasm, cpu), or the forced one. */
  | { readonly type: 'init'; readonly forcedBackend: BrowserBackend | null }
  /** Build the dataset of this config (simulate with its seed) and report its summary. */
  | { readonly type: 'dataset'; readonly config: ExperimentConfig }
  /** Build the dataset if it differs from the current one, then train config.groupings. */
  | { readonly type: 'start'; readonly runId: string; readonly config: ExperimentConfig }
  /** Stop the run after the current training step. */
  | { readonly type: 'cancel'; readonly runId: string };

export interface ProgressEvent {
  readonly status: 'progress';
  readonly runId: string;
  readonly grouping: string;
  /** 0-based index of the grouping in the run, and how many groupings the run has. */
  readonly groupingIndex: number;
  readonly groupingCount: number;
  /** 1-based epoch and step within it. */
  readonly epoch: number;
  readonly maxEpochs: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  /** Per-task loss of this step (nats), only on steps whose loss was read back. */
  readonly lossByTask?: Partial<Record<TaskId, number>>;
  /** Milliseconds since this grouping started training. */
  readonly elapsedMs: number;
}

export interface EpochEvent {
  readonly status: 'epoch';
  readonly runId: string;
  readonly grouping: string;
  readonly epoch: number;
  /** Mean training loss per task over the epoch (nats). */
  readonly trainLoss: Partial<Record<TaskId, number>>;
  /** Validation AP per channel, scored by the channel's scoring head; undefined = no positive. */
  readonly valAp: Partial<Record<Source, number | undefined>>;
}

export type ErrorKind = 'data' | 'device-lost' | 'backend' | 'internal';

export type WorkerEvent =
  | { readonly status: 'ready'; readonly choice: BackendChoice }
  | { readonly status: 'dataset-building' }
  | { readonly status: 'dataset'; readonly summary: DatasetSummary; readonly fingerprint: string }
  | ProgressEvent
  | EpochEvent
  | {
      readonly status: 'grouping-done';
      readonly runId: string;
      readonly grouping: string;
      readonly ms: number;
    }
  | { readonly status: 'result'; readonly runId: string; readonly results: ExperimentResults }
  | { readonly status: 'cancelled'; readonly runId: string }
  | { readonly status: 'error'; readonly runId?: string; readonly kind: ErrorKind; readonly message: string };
