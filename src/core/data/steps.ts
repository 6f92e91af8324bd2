/**
 * Long computations in core as generators of stages. A generator yields before each unit of work
 * (one stretch of simulated rows, one encoded column), so an async driver in the worker can report
 * progress, yield to the message loop and stop between units (ml/studies/lifecycle.ts), while Node
 * code and tests run it straight through with runSteps. Same input, same output, whichever drives it.
 */

/** Where a generator is: what it is about to do and the share of its work done before it. */
export interface Stage {
  readonly message: string;
  /** In [0, 1]: the share of the whole computation done before this unit. */
  readonly fraction: number;
}

/** A computation of R in stages S (Stage unless a caller needs more, as the rigor section does). */
export type Steps<R, S = Stage> = Generator<S, R, void>;

/** Runs `steps` straight through (no yielding) and returns its result. */
export function runSteps<R, S>(steps: Generator<S, R, void>): R {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** `steps` as part of a larger computation: its fractions mapped from [0, 1] into [from, to]. */
export function* within<R>(steps: Steps<R>, from: number, to: number): Steps<R> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    yield { message: next.value.message, fraction: from + (to - from) * next.value.fraction };
  }
}

/** Runs `steps`, awaiting `pace(stage)` before each unit (a yield, a progress report, a cancel check). */
export async function driveStages<R, S>(
  steps: Generator<S, R, void>,
  pace: (stage: S) => Promise<void>,
): Promise<R> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await pace(next.value);
  }
}
