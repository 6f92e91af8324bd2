/**
 * Each head's own loss gradient, one backward pass per head (tfjs has no Jacobian): what PCGrad,
 * GradNorm and the gradient-conflict view need. Per pass the forward runs again; only the first
 * may move the batch-norm statistics, so one step moves them once, as the plain step does.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelInputs } from '../model/inputs';
import { maskedLoss } from './loss';
import type { SharedBottomModel } from '../model/model';

export interface LossInputs {
  readonly labels: tf.Tensor2D;
  readonly labelPresent: tf.Tensor2D;
  readonly source: tf.Tensor1D;
  /** [2, heads] from maskTensor. */
  readonly mask: tf.Tensor2D;
  /** lambda_t in head order. */
  readonly weights: readonly number[];
}

export interface TaskGrad {
  /** Index of the head in model.heads. */
  readonly head: number;
  /** d(lambda_t L_t)/dv for every variable v asked for, by name. */
  readonly grads: tf.NamedTensorMap;
}

/**
 * Gradients of lambda_t L_t for each head index in `which` with respect to `varsOf(t)`.
 * `firstMovesStats`: the first pass is a training forward (moves the batch-norm statistics);
 * every other pass, and every pass when false, uses the batch's statistics without moving them.
 * Also returns the per-task losses L_t [heads] of the first pass (kept: the caller disposes them).
 */
export function taskGradients(
  model: SharedBottomModel,
  batch: ModelInputs & LossInputs,
  which: readonly number[],
  varsOf: (head: number) => tf.Variable[],
  firstMovesStats: boolean,
): { grads: TaskGrad[]; perTask: tf.Tensor1D } {
  let perTask: tf.Tensor1D | undefined;
  // The fast pass (same maths as the plain one, step.test.ts), its batch-only inputs made once
  // and outside the tapes.
  const prepared = model.prepareFast(batch);
  const grads = which.map((t, k) => {
    const { grads: g } = tf.variableGrads(() => {
      const logits =
        k === 0 && firstMovesStats
          ? model.forward(batch, true, 'fast', prepared)
          : model.forwardDiagnostic(batch, 'fast', prepared);
      const l = maskedLoss(
        logits,
        batch.labels,
        batch.labelPresent,
        batch.source,
        batch.mask,
        model.heads,
        batch.weights,
      );
      if (k === 0) perTask = tf.keep(l.perTask);
      return tf.mul(tf.reshape(tf.slice(l.perTask, [t], [1]), []), batch.weights[t]) as tf.Scalar;
    }, varsOf(t));
    return { head: t, grads: g };
  });
  return { grads, perTask: perTask ?? tf.zeros([model.heads.length]) };
}

/** One flat vector [P] of the gradients of `vars` (in order); zeros for a variable without one. */
export function flatGrad(grads: tf.NamedTensorMap, vars: readonly tf.Variable[]): tf.Tensor1D {
  return tf.concat(vars.map((v) => tf.reshape(grads[v.name] ?? tf.zerosLike(v), [-1]))) as tf.Tensor1D;
}

/** Splits a flat vector made by flatGrad back into one tensor per variable, by name. */
export function unflatten(flat: tf.Tensor1D, vars: readonly tf.Variable[]): tf.NamedTensorMap {
  const parts = tf.split(
    flat,
    vars.map((v) => v.size),
  );
  return Object.fromEntries(vars.map((v, i) => [v.name, tf.reshape(parts[i], v.shape)]));
}
