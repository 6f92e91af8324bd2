/**
 * The optimiser interface that adam.ts's tfjs update and adam-wasm.ts's SIMD kernel both
 * implement, apart from either so that adam.ts can pick adam-wasm.ts without an import cycle.
 */
import type * as tf from '@tensorflow/tfjs';

export interface AdamOptimizer {
  /**
   * One update of every variable of the groups with active[i] true (all when absent) from its
   * gradient (grads keyed by variable name; other groups' variables need none).
   */
  apply(grads: tf.NamedTensorMap, active?: readonly boolean[]): void;
  /** The learning rate of the following updates (a schedule moves it; recipe.ts). */
  setLearningRate(lr: number): void;
  dispose(): void;
}

/** Groups of variables (each with its own step count), learning rate, beta1, beta2, epsilon. */
export type GroupedAdamArgs = [
  groups: readonly (readonly tf.Variable[])[],
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
];
