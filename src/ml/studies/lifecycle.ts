/**
 * The one lifecycle every study runs through (comparison, ablation grid, cold start, and any kind
 * added later): the worker's handler builds a StudyContext, a kind's StudyDefinition runs on it,
 * and the context is the only way a study reports where it is or learns that it must stop.
 *
 * Why a checkpoint and not just a polled flag: a worker delivers a `cancel` message only between
 * tasks, so work that never yields never sees it. Every piece of a study that can take more than
 * about 100 ms (a training step's loop, scoring the test rows, each bootstrap unit, the replay,
 * the curves) awaits `checkpoint` first: that reports the phase, yields one macrotask, waits on
 * the test gate when one holds the phase, and throws RunCancelled once a cancel has arrived.
 */
import type { ExperimentConfig } from '../../core/config/experiment';
import type { PreparedData } from '../../core/data/prepare';
import type { RigorInput } from '../../core/metrics/rigor';
import type { PhaseReport, SpecOf, StudyKind, StudyOf, StudyPhase } from '../../core/results/study-results';
import { nextMacrotask } from '../../core/data/macrotask';
import { RunCancelled, type RunEvent } from '../train/run-types';
import type { RepeatPool } from './repeat-pool';

export interface StudyContext {
  /** Name of the active tfjs backend, recorded in the results. */
  readonly backend: string;
  /** The GPU adapter (webgpu), recorded with the prediction fingerprint. */
  readonly adapter?: string;
  /**
   * Reports `phase` (and progress within it), yields to the message loop, waits while a test gate
   * holds the phase, and throws RunCancelled when the study must stop. Await it before each piece
   * of work that can take more than about 100 ms.
   */
  checkpoint(phase: StudyPhase, message: string, fraction?: number): Promise<void>;
  /** Polled by the training loop every step (with yieldEvery): true ends the study. */
  readonly shouldStop: () => boolean;
  /** Training steps between yields to the message loop (1: a cancel is seen within a step). */
  readonly yieldEvery: number;
  /** Steps between training progress events (the live loss chart's points). */
  readonly progressEvery?: number;
  /** The training detail behind the live charts: grouping starts, steps, epochs, ends. */
  readonly onRunEvent: (e: RunEvent) => void;
  /**
   * A new repeat (training seed) starts on this thread: 0-based index of `of`, and how many
   * repeats train at once (1 when one after another).
   */
  readonly onRepeat: (index: number, of: number, atOnce?: number) => void;
  /**
   * The prepared dataset of another config (a repeat's fresh simulated draw), built through the
   * same staged, cancellable data phase as the study's own; absent where nothing can build one.
   */
  readonly dataFor?: (cfg: ExperimentConfig) => Promise<PreparedData>;
  /** Trains a study's repeats at once on helper threads (repeat-pool.ts); absent where none can. */
  readonly repeatPool?: RepeatPool;
}

/** What a study gives back: its results, and what a later replay at another buy share needs. */
export interface StudyOutcome<K extends StudyKind> {
  readonly study: StudyOf<K>;
  readonly replayInput?: RigorInput;
}

/** One kind of study: the file that defines it exports one of these (ml/studies/registry.ts). */
export interface StudyDefinition<K extends StudyKind> {
  readonly kind: K;
  run(
    data: PreparedData,
    cfg: ExperimentConfig,
    spec: SpecOf<K>,
    ctx: StudyContext,
  ): Promise<StudyOutcome<K>>;
}

export interface ContextDeps {
  readonly backend: string;
  readonly adapter?: string;
  readonly shouldStop: () => boolean;
  readonly report: (p: PhaseReport) => void;
  /** Test hook: a promise to wait on before going on in `phase` (resolves on release or cancel). */
  readonly gate?: (phase: StudyPhase) => Promise<void> | null;
  readonly yieldEvery?: number;
  readonly progressEvery?: number;
  readonly onRunEvent?: (e: RunEvent) => void;
  readonly onRepeat?: (index: number, of: number, atOnce?: number) => void;
  readonly dataFor?: (cfg: ExperimentConfig) => Promise<PreparedData>;
  readonly repeatPool?: RepeatPool;
}

export function createStudyContext(deps: ContextDeps): StudyContext {
  const { shouldStop } = deps;
  return {
    backend: deps.backend,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
    shouldStop,
    yieldEvery: deps.yieldEvery ?? 1,
    progressEvery: deps.progressEvery,
    onRunEvent: deps.onRunEvent ?? (() => {}),
    onRepeat: deps.onRepeat ?? (() => {}),
    dataFor: deps.dataFor,
    ...(deps.repeatPool ? { repeatPool: deps.repeatPool } : {}),
    async checkpoint(phase, message, fraction) {
      deps.report({ phase, message, ...(fraction === undefined ? {} : { fraction }) });
      await nextMacrotask();
      const held = deps.gate?.(phase);
      if (held) await held;
      if (shouldStop()) throw new RunCancelled();
    },
  };
}
