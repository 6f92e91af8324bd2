/**
 * The bookkeeping of the grouped Adam kernels (adam-wasm.ts, webgpu/adam-webgpu.ts): every
 * variable's moments end to end in two flat vectors m, v, a step count t_k per group, and per
 * step each group's coefficients [b1, 1 - b1, b2, 1 - b2, lr_t, eps_t] with
 * lr_t = lr sqrt(1 - b2^t) / (1 - b1^t) and eps_t = eps sqrt(1 - b2^t) (adam.ts's maths).
 */
import * as tf from '@tensorflow/tfjs';
import type { GroupedAdamArgs } from '../train/adam-types';

export interface FlatAdamState {
  /** Every variable in group order, with its group. */
  readonly entries: readonly { readonly variable: tf.Variable; readonly group: number }[];
  /** Each entry's first element in m and v. */
  readonly offsets: readonly number[];
  readonly m: tf.Variable;
  readonly v: tf.Variable;
  setLearningRate(lr: number): void;
  /** Counts a step for each active group and returns each group's coefficients (null: inactive). */
  advance(active: readonly boolean[]): (readonly number[] | null)[];
  dispose(): void;
}

/** The state for `groups`; m and v hold at least `minLength` elements (a buffer must not be empty). */
export function flatAdamState(
  [groups, initialRate, beta1, beta2, epsilon]: GroupedAdamArgs,
  minLength = 0,
): FlatAdamState {
  const entries = groups.flatMap((vars, group) => vars.map((variable) => ({ variable, group })));
  let total = 0;
  const offsets = entries.map((e) => {
    total += e.variable.size;
    return total - e.variable.size;
  });
  // tf.variable(t) copies t without freeing it, hence the tidy.
  const [m, v] = tf.tidy(() => [
    tf.variable(tf.zeros([Math.max(minLength, total)]), false),
    tf.variable(tf.zeros([Math.max(minLength, total)]), false),
  ]);
  const steps = groups.map(() => 0);
  let learningRate = initialRate;
  return {
    entries,
    offsets,
    m,
    v,
    setLearningRate(lr) {
      learningRate = lr;
    },
    advance(active) {
      return groups.map((_, k) => {
        if (!active[k]) return null;
        steps[k]!++;
        const correction = Math.sqrt(1 - beta2 ** steps[k]!);
        const lr = (learningRate * correction) / (1 - beta1 ** steps[k]!);
        return [beta1, 1 - beta1, beta2, 1 - beta2, lr, epsilon * correction];
      });
    },
    dispose() {
      tf.dispose([m, v]);
    },
  };
}
