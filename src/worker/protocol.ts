/**
 * Typed messages between the main thread and the training worker. Commands go in as
 * `{ type }`, events come out as `{ status }`; both are discriminated unions.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import type { DatasetSummary } from '../core/data/dataset-summary';
import type { LoadProgress } from '../core/data/load-types';
import type { RowProblem } from '../core/data/table-builder';
import type { Source, TaskId } from '../core/data/schema';
import type { StudyKind, StudyPhase, StudyResults, StudySpec } from '../core/results/study-results';
import type { PhaseReport } from '../core/results/study-results';
import type { ReplayResults } from '../core/results/rigor-types';
import type { ExperimentResults } from '../core/results/results-types';
import type { Throughput } from '../ml/train/throughput';
import type { BenchApResult } from './bench-ap';

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
  /** True when `?backend=` (or the backend menu) forced the choice. */
  readonly forced: boolean;
  /** The timed trial behind an automatic choice (absent when forced or when no trial ran). */
  readonly trial?: BackendTrial;
}

/** One backend's figures in the timed trial (backend-trial.ts), or why it could not be timed. */
export interface TrialRow {
  readonly backend: BrowserBackend;
  /** Training impressions/s of the joint-5task model at the trial's batch size. */
  readonly impressionsPerSec?: number;
  readonly msPerStep?: number;
  /** Wall time of the warm-up steps (shader compilation included), ms. */
  readonly warmupMs?: number;
  readonly error?: string;
  /** Why the backend was deliberately not timed (a software WebGPU adapter). */
  readonly notTimed?: string;
}

export interface BackendTrial {
  readonly batchSize: number;
  readonly timedSteps: number;
  readonly rows: readonly TrialRow[];
  /** Why the chosen backend won, in words. */
  readonly why: string;
}

export type WorkerCommand =
  /** Choose and start a tfjs backend (webgpu, then webgl, wasm, cpu), or the forced one. */
  | {
      readonly type: 'init';
      readonly forcedBackend: BrowserBackend | null;
      /**
       * How many repeats of a study train at once (helper workers included); absent: half the
       * logical cores, at least 2 on 2+ cores (worker/repeat-pool.ts). The page's `?repeatWorkers=` sets it (benches).
       */
      readonly repeatWorkers?: number;
    }
  /** Build the dataset of this config (simulate with its seed) and report its summary. */
  | { readonly type: 'dataset'; readonly config: ExperimentConfig }
  /**
   * Run a study of any kind (comparison, ablation grid, cold start) on this config's dataset,
   * building or loading it first when it differs from the current one. Answered at once by
   * 'study-queued', then 'study-phase' events (and the training detail: 'progress', 'epoch',
   * 'grouping-done'), and finally one of 'study-result', 'cancelled' or 'error' with the runId.
   */
  | {
      readonly type: 'start-study';
      readonly runId: string;
      readonly config: ExperimentConfig;
      readonly study: StudySpec;
    }
  /** Replay the finished run `runId` at another buy share (no retraining); answered by 'replay'. */
  | { readonly type: 'rescore-replay'; readonly runId: string; readonly buyShare: number }
  /** Stop the study: it ends as 'cancelled' at its next checkpoint, whatever phase it is in. */
  | { readonly type: 'cancel'; readonly runId: string }
  /**
   * Tests only (app/test-hook.ts, `?testhooks=1`): the next study to reach `phase` waits there
   * until a cancel (or 'release-hold'), so a test can make a cancel land in a given phase.
   */
  | { readonly type: 'hold'; readonly phase: StudyPhase }
  | { readonly type: 'release-hold' }
  /** Read an impression file (or fetch one by URL) and, once read and checked whole, use it. */
  | {
      readonly type: 'load';
      readonly loadId: string;
      readonly source: LoadSource;
      readonly skipInvalidRows: boolean;
      /** Day split of the config in use (the summary's train/val/test). */
      readonly config: ExperimentConfig;
    }
  /** Stop a load at its next chunk; the dataset in use stays. */
  | { readonly type: 'cancel-load'; readonly loadId: string }
  /**
   * Analyse a predictions file without training (core/analysis): read `source` (or, with 'last',
   * the file the worker read last, e.g. for another baseline), then build its results. Answered
   * by 'analysis-progress' events, then 'analysed', 'analysis-failed' or 'analysis-cancelled'.
   */
  | {
      readonly type: 'analyse';
      readonly analysisId: string;
      readonly source: LoadSource | 'last';
      /** The model to compare against; null = the file's first model. */
      readonly baseline: string | null;
      readonly skipInvalidRows: boolean;
      readonly buyShare: number;
      readonly bootstrap: number;
      readonly seed: number;
    }
  /** Stop an analysis at its next chunk or step. */
  | { readonly type: 'cancel-analysis'; readonly analysisId: string }
  /** Write the dataset of this config as a file (built first when needed). */
  | { readonly type: 'export-data'; readonly format: ExportFormat; readonly config: ExperimentConfig }
  /**
   * Benchmark only (the bench page's hook, bench-commands.ts): time joint-5task training steps
   * on `backend` over this config's dataset, then return to the worker's own backend.
   */
  | {
      readonly type: 'bench-training';
      readonly benchId: string;
      readonly config: ExperimentConfig;
      readonly backend: BrowserBackend;
      readonly batchSizes: readonly number[];
      readonly warmupSteps: number;
      readonly timedSteps: number;
    }
  /** Benchmark only: time averagePrecision on `rows` seeded random rows, `repeats` times. */
  | {
      readonly type: 'bench-ap';
      readonly benchId: string;
      readonly rows: number;
      readonly repeats: number;
      readonly seed: number;
    };

/** Where a load reads from: a File the user picked or dropped, or an http(s) URL. */
export type LoadSource =
  { readonly kind: 'file'; readonly file: File } | { readonly kind: 'url'; readonly url: string };

export type ExportFormat = 'csv' | 'parquet' | 'jsonl';

/** A load that read and checked the file but refused it (file-level or row problems). */
export interface LoadFailureInfo {
  readonly file: string;
  readonly message: string;
  /** The first problems (row, column, value, reason); problemCount counts them all. */
  readonly problems: readonly RowProblem[];
  readonly problemCount: number;
  /** True when retrying with "skip invalid rows" could succeed (the failure is row problems). */
  readonly skippable: boolean;
}

/** What a successful load read, for the dataset summary. */
export interface LoadReport {
  readonly name: string;
  readonly url: string | null;
  readonly encoding: string;
  readonly bytes: number;
  readonly rows: number;
  readonly skippedCount: number;
  /** All problems of the skipped rows (a row can have several); `skipped` lists the first. */
  readonly skippedProblemCount: number;
  readonly skipped: readonly RowProblem[];
  readonly ignoredColumns: readonly string[];
  readonly ms: number;
}

export interface ProgressEvent {
  readonly status: 'progress';
  readonly runId: string;
  readonly grouping: string;
  /** 0-based index of the grouping in the run, and how many groupings the run has. */
  readonly groupingIndex: number;
  readonly groupingCount: number;
  /** 0-based repeat (training seed) and how many the run has. */
  readonly repeatIndex: number;
  readonly repeatCount: number;
  /**
   * How many repeats train at once, this one included (absent: 1). Only this thread's repeat
   * sends progress; the others, on helper workers, run alongside it at about the same pace.
   */
  readonly repeatsAtOnce?: number;
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

/** The answer to 'bench-training' (bench-commands.ts). */
export interface BenchTrainingResult {
  readonly backend: BrowserBackend;
  /** One row per batch size that ran, in the order asked. */
  readonly rows: readonly Throughput[];
  /** Batch sizes that failed (e.g. a backend's buffer limit), with the reason. */
  readonly failures: readonly { readonly batchSize: number; readonly message: string }[];
  /** Rows in the dataset and training rows per source. */
  readonly datasetRows: number;
  readonly trainRows: { readonly promo: number; readonly ad: number };
  /** wasm only: threads tfjs-backend-wasm runs with (1 unless cross-origin isolation allows more). */
  readonly wasmThreads?: number;
  /** wasm only: whether our SIMD kernels (src/ml/simd) ran, or tfjs ops in their place. */
  readonly wasmSimdKernels?: boolean;
  /** The backend active again afterwards (the worker's own). */
  readonly restoredBackend: string;
}

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
  /** The study was received; it runs once the commands before it are done. */
  | { readonly status: 'study-queued'; readonly runId: string; readonly kind: StudyKind }
  /** Where study `runId` is: its phase, what it does now, the share of the phase done. */
  | ({ readonly status: 'study-phase'; readonly runId: string } & PhaseReport)
  | { readonly status: 'study-result'; readonly runId: string; readonly study: StudyResults }
  | { readonly status: 'cancelled'; readonly runId: string }
  /** The budget replay of run `runId` at a new buy share. */
  | { readonly status: 'replay'; readonly runId: string; readonly replay: ReplayResults }
  | ({
      readonly status: 'load-progress';
      readonly loadId: string;
      readonly phase: 'download' | 'read';
    } & LoadProgress)
  | { readonly status: 'load-failed'; readonly loadId: string; readonly failure: LoadFailureInfo }
  | { readonly status: 'load-cancelled'; readonly loadId: string }
  | {
      readonly status: 'loaded';
      readonly loadId: string;
      readonly report: LoadReport;
      readonly summary: DatasetSummary;
      readonly fingerprint: string;
    }
  | {
      readonly status: 'analysis-progress';
      readonly analysisId: string;
      /** What it does now ('reading 12.0 of 30.0 MB, 400,000 rows'), and the share done, 0..1. */
      readonly message: string;
      readonly fraction: number;
    }
  | { readonly status: 'analysis-failed'; readonly analysisId: string; readonly failure: LoadFailureInfo }
  | { readonly status: 'analysis-cancelled'; readonly analysisId: string }
  | {
      readonly status: 'analysed';
      readonly analysisId: string;
      readonly results: ExperimentResults;
      /** The file's models in order (any can be the baseline of another analysis of it). */
      readonly models: readonly string[];
      /** Milliseconds from the command to the results (reading and analysis). */
      readonly ms: number;
    }
  | { readonly status: 'export-ready'; readonly fileName: string; readonly blob: Blob }
  | { readonly status: 'error'; readonly runId?: string; readonly kind: ErrorKind; readonly message: string }
  | { readonly status: 'bench-training'; readonly benchId: string; readonly result: BenchTrainingResult }
  | { readonly status: 'bench-ap'; readonly benchId: string; readonly result: BenchApResult }
  | { readonly status: 'bench-failed'; readonly benchId: string; readonly message: string };
export type { PhaseReport } from '../core/results/study-results';
