/**
 * The worker's one 'start-study' command: every kind of study (ml/studies/registry.ts) runs
 * through the same steps here. Queued at once ('study-queued'); the data phase builds or loads
 * the config's dataset; the kind runs on a StudyContext whose checkpoints post 'study-phase' and
 * stop the study once a 'cancel' named it; the result goes out as 'study-result'. A cancel is never
 * lost: it is checked at every checkpoint, and once more, a macrotask later, before the result.
 * Any other failure is thrown to the handler's queue, which reports it as an 'error' of the runId.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { type PreparedData, simulatedDataSteps } from '../core/data/prepare';
import { driveStages, type Stage } from '../core/data/steps';
import type { RigorInput } from '../core/metrics/rigor';
import type { StudyPhase } from '../core/results/study-results';
import { RunCancelled, type RunEvent } from '../ml/train/run-types';
import { createStudyContext } from '../ml/studies/lifecycle';
import { STUDIES } from '../ml/studies/registry';
import type { BrowserBackend, WorkerCommand, WorkerEvent } from './protocol';
import type { ClosableRepeatPool } from './repeat-pool';

type StartStudy = Extract<WorkerCommand, { type: 'start-study' }>;

export interface StudyDeps {
  readonly post: (e: WorkerEvent) => void;
  /** The backend the worker trains on; null before init (or when it failed). */
  readonly backend: () => BrowserBackend | null;
  /** The GPU adapter in words (webgpu), recorded with the prediction fingerprint. */
  readonly adapter?: () => string | undefined;
  /** The lost GPU device's message, once lost (the handler has reported it already). */
  readonly lost: () => string | null;
  /**
   * The prepared dataset of `config` (loading its URL first); null when the load failed. A build
   * awaits `pace` before each of its stages (core/data/steps.ts), which may throw RunCancelled.
   */
  readonly prepare: (
    config: ExperimentConfig,
    pace: (stage: Stage) => Promise<void>,
  ) => Promise<PreparedData | null>;
  /** Steps between yields to the message loop (default 1: cancel within one step). */
  readonly yieldEvery?: number;
  /** The studies by kind (tests pass fakes). */
  readonly studies?: typeof STUDIES;
  /**
   * Helper workers for one study's repeats (repeat-pool.ts), made when the study starts and closed
   * when it ends or is cancelled; absent or undefined: the repeats train one after another here.
   */
  readonly repeatPool?: (config: ExperimentConfig) => ClosableRepeatPool | undefined;
}

export interface StudyCommands {
  /** Posts 'study-queued' at once; the returned task runs the study when the queue gets to it. */
  queue(cmd: StartStudy): () => Promise<void>;
  cancel(runId: string): void;
  /** Tests only: hold the next study that reaches `phase` until a cancel or release(). */
  hold(phase: StudyPhase): void;
  release(): void;
  /** The run in progress, if any (a lost device is reported against it). */
  current(): string | null;
  /** The last finished comparison's replay input, to replay it at another buy share. */
  lastReplay(): { readonly runId: string; readonly input: RigorInput } | null;
}

export function createStudyCommands(deps: StudyDeps): StudyCommands {
  const { post } = deps;
  const studies = deps.studies ?? STUDIES;
  const cancelled = new Set<string>();
  let current: string | null = null;
  let pool: ClosableRepeatPool | undefined;
  let replay: { runId: string; input: RigorInput } | null = null;
  let holdAt: StudyPhase | null = null;
  let releaseHold: (() => void) | null = null;

  function gate(phase: StudyPhase): Promise<void> | null {
    if (phase !== holdAt) return null;
    holdAt = null;
    return new Promise((resolve) => {
      releaseHold = resolve;
    });
  }

  function release() {
    holdAt = null;
    releaseHold?.();
    releaseHold = null;
  }

  async function run(cmd: StartStudy): Promise<void> {
    const { runId, config, study: spec } = cmd;
    const backend = deps.backend();
    if (!backend) throw new Error('no tfjs backend is running (init failed or was not sent)');
    const lostBefore = deps.lost();
    if (lostBefore) throw new Error(lostBefore);
    if (cancelled.delete(runId)) return post({ status: 'cancelled', runId });
    current = runId;
    const shouldStop = () => cancelled.has(runId) || deps.lost() !== null;
    const repeat = { index: 0, of: config.rigor.repeats, atOnce: 1 };
    const group = { index: 0, of: 1, t0: performance.now() };
    const adapter = deps.adapter?.();
    pool = deps.repeatPool?.(config);
    const ctx = createStudyContext({
      backend,
      ...(adapter ? { adapter } : {}),
      shouldStop,
      report: (p) => post({ status: 'study-phase', runId, ...p }),
      gate,
      yieldEvery: deps.yieldEvery ?? 1,
      // Every loss read-back reaches the live chart.
      progressEvery: config.train.lossReadEvery,
      onRepeat: (index, of, atOnce = 1) => Object.assign(repeat, { index, of, atOnce }),
      onRunEvent: (e) => postRunEvent(e),
      // A repeat's own simulated draw (rigor.vary = 'data'): built in stages like the study's
      // data, but not cached or shown as the dataset in use, and paced as training.
      dataFor: (c) =>
        driveStages(simulatedDataSteps(c), (s) =>
          ctx.checkpoint('training', `drawing the data of seed ${c.seed}: ${s.message}`),
        ),
      ...(pool ? { repeatPool: pool } : {}),
    });

    function postRunEvent(e: RunEvent) {
      if (e.kind === 'grouping-start')
        Object.assign(group, { index: e.index, of: e.of, t0: performance.now() });
      else if (e.kind === 'progress') {
        const p = e.progress;
        post({
          status: 'progress',
          runId,
          grouping: e.grouping,
          groupingIndex: group.index,
          groupingCount: group.of,
          repeatIndex: repeat.index,
          repeatCount: repeat.of,
          ...(repeat.atOnce > 1 ? { repeatsAtOnce: repeat.atOnce } : {}),
          epoch: p.epoch,
          maxEpochs: config.train.maxEpochs,
          step: p.step,
          stepsPerEpoch: p.stepsPerEpoch,
          ...(p.lossByTask ? { lossByTask: p.lossByTask } : {}),
          elapsedMs: performance.now() - group.t0,
        });
      } else if (e.kind === 'epoch') {
        const { grouping, epoch, trainLoss, valAp } = e;
        post({ status: 'epoch', runId, grouping, epoch, trainLoss, valAp });
      } else post({ status: 'grouping-done', runId, grouping: e.grouping, ms: e.ms });
    }

    try {
      await ctx.checkpoint('data', 'preparing the dataset');
      // Building a dataset takes seconds: each of its stages is a checkpoint of the data phase.
      const data = await deps.prepare(config, (s) => ctx.checkpoint('data', s.message, s.fraction));
      if (!data) return post({ status: 'cancelled', runId }); // the load reported why
      const out = await studies[spec.kind].run(data, config, spec as never, ctx);
      // The last checkpoint was before the last piece of work: a cancel that came during it wins.
      await ctx.checkpoint(lastPhase(spec.kind), 'done', 1);
      if (out.replayInput) replay = { runId, input: out.replayInput };
      post({ status: 'study-result', runId, study: out.study });
    } catch (e) {
      if (deps.lost()) return; // already reported as a device-lost error
      if (e instanceof RunCancelled) return post({ status: 'cancelled', runId });
      throw e;
    } finally {
      pool?.close();
      pool = undefined;
      current = null;
      cancelled.delete(runId);
      release();
    }
  }

  return {
    queue(cmd) {
      post({ status: 'study-queued', runId: cmd.runId, kind: cmd.study.kind });
      return () => run(cmd);
    },
    cancel(runId) {
      cancelled.add(runId);
      if (runId !== current) return;
      // Helper workers stop at once; a held study goes on to its checkpoint's cancel check.
      pool?.close();
      release();
    },
    hold(phase) {
      holdAt = phase;
    },
    release,
    current: () => current,
    lastReplay: () => replay,
  };
}

/** The phase a kind ends in (its final cancel check is reported as that phase, done). */
function lastPhase(kind: keyof typeof STUDIES): StudyPhase {
  return kind === 'cold-start' ? 'intervals' : 'curves';
}
