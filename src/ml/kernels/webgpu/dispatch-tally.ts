/**
 * Counting compute dispatches on the webgpu backend, for the bench (dispatches per training step)
 * and the tests. A dispatch is one `dispatchWorkgroups` call: tfjs's own kernels make one per
 * `runWebGPUProgram` call with a non-empty output, ours (program.ts) one per `runProgram`.
 * Kernels that only rename data (Reshape, Identity) or run on the CPU (tfjs forwards small
 * CPU-resident inputs to its cpu kernels) dispatch nothing and are not counted.
 */
import * as tf from '@tensorflow/tfjs';

/** Dispatches by kernel (a tfjs program's class name, or one of our programs' names). */
export type DispatchTally = Map<string, number>;

let tally: DispatchTally | null = null;

/** Adds one dispatch of `name` to the open tally, if any (program.ts calls it for ours). */
export function countDispatch(name: string): void {
  if (tally) tally.set(name, (tally.get(name) ?? 0) + 1);
}

interface CountedBackend {
  runWebGPUProgram: (
    program: { constructor: { name: string }; outputShape: number[] },
    ...rest: unknown[]
  ) => unknown;
  __cslCounted?: boolean;
}

/**
 * Runs `fn` with every dispatch on the active webgpu backend counted, and returns its tally (and
 * fn's result). The backend's runWebGPUProgram is wrapped once, for good; outside a tally the
 * wrapper only forwards.
 */
export function tallyDispatches<T>(fn: () => T): { result: T; tally: DispatchTally } {
  if (tf.getBackend() !== 'webgpu') throw new Error('tallyDispatches: the backend is not webgpu');
  const backend = tf.backend() as unknown as CountedBackend;
  if (!backend.__cslCounted) {
    const original = backend.runWebGPUProgram.bind(backend);
    backend.runWebGPUProgram = (program, ...rest) => {
      if (program.outputShape.reduce((a, d) => a * d, 1) > 0) countDispatch(program.constructor.name);
      return original(program, ...rest);
    };
    backend.__cslCounted = true;
  }
  const outer = tally;
  tally = new Map();
  const mine = tally;
  try {
    return { result: fn(), tally: mine };
  } finally {
    tally = outer;
  }
}

/** The total of a tally. */
export function totalDispatches(t: DispatchTally): number {
  return [...t.values()].reduce((a, n) => a + n, 0);
}
