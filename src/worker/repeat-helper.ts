/**
 * A repeat worker's logic (repeat.worker.ts), free of `self` so Node tests can run it: it starts
 * the study's backend (with the study worker's wasm thread count, so the kernels split their work
 * the same way), trains one repeat with runExperiment exactly as the study's own thread would, and
 * posts its checkpoints and its output. It is never asked to stop: the pool terminates it.
 */
import type { StudyPhase } from '../core/results/study-results';
import { configureWasmThreads } from '../ml/backend';
import type { RepeatRequest } from '../ml/studies/repeat-pool';
import type { RunOutput } from '../ml/train/run-types';
import { runExperiment } from '../ml/train/runner';
import { messageOf, startAndWarmUp } from './backend-choice';
import type { BrowserBackend } from './protocol';

/** What the study's worker sends a repeat worker: one repeat, and how to start its backend. */
export interface RepeatJob {
  readonly request: RepeatRequest;
  /** The study worker's wasm threads (wasm only). */
  readonly wasmThreads?: number;
}

export type RepeatReply =
  /** The backend started: from here on a failure is the repeat's, not the helper's start. */
  | { readonly type: 'started' }
  | {
      readonly type: 'progress';
      readonly phase: StudyPhase;
      readonly message: string;
      readonly fraction?: number;
    }
  | { readonly type: 'result'; readonly out: RunOutput }
  | { readonly type: 'error'; readonly started: boolean; readonly message: string };

export async function trainRepeat(
  job: RepeatJob,
  post: (r: RepeatReply) => void,
  start: (backend: BrowserBackend) => Promise<void> = startAndWarmUp,
): Promise<void> {
  const { data, cfg, arms, baseline, seed, backend } = job.request;
  try {
    if (backend === 'wasm' && job.wasmThreads !== undefined)
      configureWasmThreads({ threads: job.wasmThreads });
    await start(backend as BrowserBackend);
  } catch (e) {
    return post({ type: 'error', started: false, message: messageOf(e) });
  }
  post({ type: 'started' });
  try {
    const out = await runExperiment(data, cfg, {
      backend,
      arms,
      baseline,
      seed,
      checkpoint: async (phase, message, fraction) =>
        post({ type: 'progress', phase, message, ...(fraction === undefined ? {} : { fraction }) }),
    });
    post({ type: 'result', out });
  } catch (e) {
    post({ type: 'error', started: true, message: messageOf(e) });
  }
}
