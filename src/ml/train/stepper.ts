/**
 * What every training step gives the trainer: step.ts's plain and fast steps and
 * step-pertask.ts's PCGrad/GradNorm step implement it (apart from both, so that step.ts can pick
 * step-pertask.ts without an import cycle).
 */
import type * as tf from '@tensorflow/tfjs';

export interface Stepper {
  /**
   * Trains on rows `rows` of `data`. Returns the step's per-task loss L_t ([heads], nats; the
   * caller disposes it) and which heads had kept rows, or `loss: undefined` when none had (then
   * nothing at all is updated, batch-norm statistics included).
   */
  step(rows: Int32Array): { loss: tf.Tensor1D | undefined; active: boolean[] };
  /** The learning rate of the following steps (Adam's and the weight decay's; recipe.ts). */
  setLearningRate(lr: number): void;
  /** Each head's effective loss weight now (lambda_t, times what the balancing learned). */
  taskWeights(): Promise<number[]>;
  dispose(): void;
}
