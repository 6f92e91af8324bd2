/**
 * The worker's RepeatPool (ml/studies/repeat-pool.ts): each repeat trained elsewhere gets a fresh
 * repeat worker (repeat.worker.ts), which receives a structured clone of the prepared data (its
 * typed arrays copied, so it holds its own copy and its own backend) and is terminated as soon as
 * its output is back, the study ends, or a cancel arrives. A helper that cannot start (no nested
 * workers, or the backend fails there) yields null: the study trains that repeat itself.
 */
import type { RepeatPool, RepeatProgress, RepeatRequest } from '../ml/studies/repeat-pool';
import { RunCancelled, type RunOutput } from '../ml/train/run-types';
import type { RepeatJob, RepeatReply } from './repeat-helper';

/** What the pool needs of a Worker (tests pass fakes). */
export interface RepeatWorker {
  postMessage(job: RepeatJob): void;
  onmessage: ((m: { readonly data: RepeatReply }) => void) | null;
  onerror: ((e: { readonly message?: string; preventDefault?(): void }) => void) | null;
  terminate(): void;
}

export interface ClosableRepeatPool extends RepeatPool {
  /** Terminates every helper at once; runs in flight, and any later run, reject with RunCancelled. */
  close(): void;
}

/**
 * Repeats trained at once, the study's own thread included: `override` when given, else half the
 * logical cores (a training keeps about one physical core busy, and most machines with 4+ logical
 * cores have two per physical core) but at least 2 where there are 2 cores: on this project's
 * 2-core machine two at once took the default comparison from 106.6 s to about 70 s, with the
 * page still answering (docs/performance.md, "Repeats at once"). 1 on a single core.
 */
export function repeatPoolSize(cores: number, override?: number): number {
  if (override !== undefined && Number.isFinite(override)) return Math.max(1, Math.floor(override));
  return cores >= 2 ? Math.max(2, Math.floor(cores / 2)) : 1;
}

export function createRepeatPool(opts: {
  readonly size: number;
  readonly spawn: () => RepeatWorker;
  /** The study worker's wasm threads, given to each helper (wasm only). */
  readonly wasmThreads?: number;
}): ClosableRepeatPool {
  const aborts = new Set<() => void>();
  let closed = false;

  function run(request: RepeatRequest, progress: RepeatProgress): Promise<RunOutput | null> {
    if (closed) return Promise.reject(new RunCancelled());
    let w: RepeatWorker;
    try {
      w = opts.spawn();
    } catch {
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      let started = false;
      let settled = false;
      // The helper's checkpoints, awaited in order: one that throws (a cancel) stops it.
      let paced: Promise<void> = Promise.resolve();
      const end = (settle: () => void) => {
        if (settled) return;
        settled = true;
        aborts.delete(abort);
        w.terminate();
        settle();
      };
      const abort = () => end(() => reject(new RunCancelled()));
      const failed = (message: string) =>
        end(() => (started ? reject(new Error(`a repeat worker failed: ${message}`)) : resolve(null)));
      aborts.add(abort);
      w.onmessage = ({ data: m }) => {
        if (m.type === 'started') started = true;
        else if (m.type === 'error') failed(m.message);
        else {
          paced = paced.then(() =>
            m.type === 'progress' ? progress(m.phase, m.message, m.fraction) : end(() => resolve(m.out)),
          );
          paced.catch((e: unknown) => end(() => reject(e)));
        }
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        failed(e.message || 'could not load');
      };
      w.postMessage({
        request,
        ...(opts.wasmThreads === undefined ? {} : { wasmThreads: opts.wasmThreads }),
      });
    });
  }

  return {
    size: opts.size,
    run,
    close() {
      closed = true;
      for (const abort of [...aborts]) abort();
    },
  };
}
