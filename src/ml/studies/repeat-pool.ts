/**
 * Training a study's repeats at once. The repeats of a comparison are independent given the data,
 * the config, the arms, the seed and the backend (runExperiment with `seed` fixes initialisation
 * and sampling), so each can train on its own thread; a RepeatPool is that capability, provided
 * by the worker (helper workers) and absent elsewhere, which keeps this module free of workers and
 * the DOM. The study's own thread always trains one lane itself; outputs are kept in repeat order,
 * so the order in which repeats finish changes nothing in the results.
 */
import type { Arm } from '../../core/config/arms';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { PreparedData } from '../../core/data/prepare';
import type { StudyPhase } from '../../core/results/study-results';
import type { RunOutput } from '../train/run-types';

/** One repeat to train elsewhere: runExperiment's inputs apart from its callbacks. */
export interface RepeatRequest {
  readonly data: PreparedData;
  readonly cfg: ExperimentConfig;
  readonly arms: readonly Arm[];
  readonly baseline: string;
  /** The repeat's training seed (cfg.seed + r). */
  readonly seed: number;
  /** The tfjs backend the study trains on: the repeat must train on the same one. */
  readonly backend: string;
}

/** A helper's checkpoint, as RunOptions.checkpoint: awaited; throws RunCancelled to stop. */
export type RepeatProgress = (phase: StudyPhase, message: string, fraction?: number) => Promise<void>;

export interface RepeatPool {
  /** Repeats that may train at once, the study's own thread included (1: one after another). */
  readonly size: number;
  /**
   * Trains one repeat elsewhere and gives its output, or null when the helper could not start
   * there (the caller then trains that repeat itself). `progress` is awaited on each of the
   * helper's checkpoints; when it throws, the helper is stopped and the run rejects with that.
   */
  run(req: RepeatRequest, progress: RepeatProgress): Promise<RunOutput | null>;
}

/**
 * Runs repeats 0..n-1 on `lanes` lanes: lane 0 with `here` (so repeat 0, whose results carry the
 * per-grouping detail, trains on the study's own thread), the others with `elsewhere`; each lane
 * takes the next repeat not yet started. A repeat that could not start elsewhere (null) is
 * trained here once lane 0 is free, and its lane takes no more. Outputs are in repeat order. Waits
 * for every lane even when one fails: the caller's checkpoints should then stop the others.
 */
export async function runRepeats(
  n: number,
  lanes: number,
  here: (r: number) => Promise<RunOutput>,
  elsewhere: (r: number) => Promise<RunOutput | null>,
): Promise<RunOutput[]> {
  const outs: RunOutput[] = new Array(n);
  const next = Array.from({ length: n }, (_, r) => r);
  const refused: number[] = [];
  const local = async () => {
    for (let r = next.shift(); r !== undefined; r = next.shift()) outs[r] = await here(r);
  };
  const remote = async () => {
    for (let r = next.shift(); r !== undefined; r = next.shift()) {
      const out = await elsewhere(r);
      if (!out) return void refused.push(r);
      outs[r] = out;
    }
  };
  const others = Math.max(0, Math.min(lanes, n) - 1);
  // Every lane settles before this does, so no training outlives the study; the first failure wins.
  const settled = await Promise.allSettled([local(), ...Array.from({ length: others }, remote)]);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  for (const r of refused.sort((a, b) => a - b)) outs[r] = await here(r);
  return outs;
}
