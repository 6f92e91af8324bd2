/**
 * The worker's 'start-cold-start' command: the new-objective cold start (ml/cold-start.ts) on the
 * worker's current dataset, built or taken from the dataset cache exactly as 'start' does. Its
 * progress goes out as 'cold-start-progress', its results as 'cold-start-result'; the 'cancel'
 * command with its runId stops it ('cancelled'). Any other failure is thrown to the handler's
 * queue, which reports it as an 'error' of the runId (kind classified there).
 */
import type { ExperimentConfig } from '../core/config/experiment';
import type { PreparedData } from '../core/data/prepare';
import { runColdStart } from '../ml/cold-start';
import { RunCancelled } from '../ml/run-types';
import type { BrowserBackend, WorkerCommand, WorkerEvent } from './protocol';

type StartColdStart = Extract<WorkerCommand, { type: 'start-cold-start' }>;

export interface ColdStartDeps {
  readonly post: (e: WorkerEvent) => void;
  /** The backend the worker trains on; null before init (or when it failed). */
  readonly backend: () => BrowserBackend | null;
  /** The lost GPU device's message, once lost (the handler has reported it already). */
  readonly lost: () => string | null;
  /** Run ids a 'cancel' has named (shared with the handler's other runs); this command clears its own. */
  readonly cancelled: Set<string>;
  /** The prepared dataset of `config` (loading its URL first when needed); null when the load failed. */
  readonly prepare: (config: ExperimentConfig) => Promise<PreparedData | null>;
  /** Steps between yields to the message loop (default 1: cancel within one step). */
  readonly yieldEvery?: number;
  /** The experiment itself (tests pass a fake). */
  readonly run?: typeof runColdStart;
}

export function createColdStartCommand(deps: ColdStartDeps) {
  const { post, cancelled } = deps;
  const run = deps.run ?? runColdStart;

  return async function start(cmd: StartColdStart): Promise<void> {
    const { runId, config } = cmd;
    const backend = deps.backend();
    if (!backend) throw new Error('no tfjs backend is running (init failed or was not sent)');
    const lostBefore = deps.lost();
    if (lostBefore) throw new Error(lostBefore);
    if (cancelled.delete(runId)) return post({ status: 'cancelled', runId });
    try {
      const data = await deps.prepare(config);
      if (!data || cancelled.has(runId)) return post({ status: 'cancelled', runId });
      post({ status: 'cold-start-progress', runId, message: 'starting', fraction: 0 });
      const results = await run(data, config, {
        backend,
        onEvent: ({ message, fraction }) =>
          post({
            status: 'cold-start-progress',
            runId,
            message,
            fraction: Math.min(1, Math.max(0, fraction)),
          }),
        shouldStop: () => cancelled.has(runId) || deps.lost() !== null,
        yieldEvery: deps.yieldEvery ?? 1,
      });
      post({ status: 'cold-start-result', runId, results });
    } catch (e) {
      if (deps.lost()) return; // already reported as a device-lost error
      if (e instanceof RunCancelled) return post({ status: 'cancelled', runId });
      throw e;
    } finally {
      cancelled.delete(runId);
    }
  };
}
