/**
 * What the experiment runner (runner.ts) takes and gives: its events, options, output, and the
 * error that ends a cancelled run. Apart from the runner so that the worker's commands and the
 * studies can name them without the runner's training code.
 */
import type { TaskId } from '../../core/data/schema';
import type { Arm } from '../../core/config/arms';
import type { ExperimentResults } from '../../core/results/results';
import type { StudyPhase } from '../../core/results/study-results';
import type { ScoresByHead, TrainProgress } from './trainer';

export type RunEvent =
  | {
      readonly kind: 'grouping-start';
      readonly grouping: string;
      readonly index: number;
      readonly of: number;
      readonly message: string;
    }
  | {
      readonly kind: 'progress';
      readonly grouping: string;
      readonly progress: TrainProgress;
      readonly message: string;
    }
  | {
      readonly kind: 'epoch';
      readonly grouping: string;
      readonly epoch: number;
      readonly valAp: Partial<Record<'promo' | 'ad', number | undefined>>;
      /** Mean training loss per task over the epoch (nats). */
      readonly trainLoss: Partial<Record<TaskId, number>>;
      readonly message: string;
    }
  | {
      readonly kind: 'grouping-done';
      readonly grouping: string;
      readonly ms: number;
      readonly message: string;
    };

export interface RunOptions {
  /** Name of the active tfjs backend, recorded in the results. */
  readonly backend: string;
  /** The GPU adapter it runs on (webgpu), recorded with the prediction fingerprint. */
  readonly adapter?: string;
  readonly onEvent?: (e: RunEvent) => void;
  /** Polled every step; true ends the run (a RunCancelled error is thrown). */
  readonly shouldStop?: () => boolean;
  /** Report a progress event every this many steps (default 50). */
  readonly progressEvery?: number;
  /** Await a macrotask every this many training steps (TrainArgs.yieldEvery); off by default. */
  readonly yieldEvery?: number;
  /** What to train (default: comparisonArms(cfg), one arm per chosen grouping). */
  readonly arms?: readonly Arm[];
  /** Arm id relative changes are taken against (default cfg.baseline). */
  readonly baseline?: string;
  /** Training seed: initialisation and sampling (default cfg.seed; repeats pass cfg.seed + r). */
  readonly seed?: number;
  /**
   * Awaited before each grouping trains ('training', with the share of groupings done) and before
   * its test rows are scored ('evaluation'); throws RunCancelled to stop (ml/studies/lifecycle.ts).
   */
  readonly checkpoint?: (phase: StudyPhase, message: string, fraction?: number) => Promise<void>;
}

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

export interface RunOutput {
  readonly results: ExperimentResults;
  /** Test-row probabilities per grouping and head, aligned with data.split.test. */
  readonly testScores: ReadonlyMap<string, ScoresByHead>;
}
