/**
 * The spec's masked multi-task loss. The source-by-task mask is data (a [2, heads] tensor
 * gathered by each row's source), so user-defined groupings need no code.
 */
import * as tf from '@tensorflow/tfjs';
import { gatherColumns, gatherRows } from '../kernels/row-gather';
import type { LossMask } from '../../core/config/experiment';
import { LABELS, SOURCES, TASK_LABEL, type TaskId } from '../../core/data/schema';

/** Column of EncodedDataset.labels that each head learns from, in head order. */
export function labelColumns(heads: readonly TaskId[]): number[] {
  return heads.map((h) => LABELS.indexOf(TASK_LABEL[h]));
}

/** Mask values as a row-major [2, heads] array: row 0 promo, row 1 ad; absent entries are 0. */
export function maskMatrix(mask: LossMask, heads: readonly TaskId[]): Float32Array {
  const out = new Float32Array(SOURCES.length * heads.length);
  SOURCES.forEach((s, r) => heads.forEach((h, c) => (out[r * heads.length + c] = mask[s][h] ?? 0)));
  return out;
}

/** The mask as a float32 [2, heads] tensor (row 0 promo, row 1 ad). */
export function maskTensor(mask: LossMask, heads: readonly TaskId[]): tf.Tensor2D {
  return tf.tensor2d(maskMatrix(mask, heads), [SOURCES.length, heads.length]);
}

/**
 * Binary cross-entropy of labels y in {0, 1} given logits x, in nats, elementwise:
 * BCE = max(x, 0) - x y + log(1 + exp(-|x|)), the overflow-free form of
 * -(y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))).
 */
export function bceWithLogits(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  return tf.add(tf.sub(tf.relu(logits), tf.mul(logits, labels)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

export interface MaskedLoss {
  /** Scalar L = sum_t lambda_t L_t (nats). */
  readonly total: tf.Scalar;
  /** [heads]: L_t, the mean BCE over the rows the mask keeps and whose label is present. */
  readonly perTask: tf.Tensor1D;
}

/**
 * L = sum_t lambda_t * (sum_rows k_t(x) BCE(y_t, p_t(x))) / max(1, sum_rows k_t(x)),
 * with k_t(x) = m[s(x)][t] * present_t(x). A head with no kept rows in the batch has L_t = 0.
 *
 * @param logits [B, H] in head order. @param labels, labelPresent [B, 4] in LABELS order.
 * @param source int32 [B] (0 promo, 1 ad). @param mask [2, H] from maskTensor.
 * @param taskWeights lambda_t in head order (length H).
 */
export function maskedLoss(
  logits: tf.Tensor2D,
  labels: tf.Tensor2D,
  labelPresent: tf.Tensor2D,
  source: tf.Tensor1D,
  mask: tf.Tensor2D,
  heads: readonly TaskId[],
  taskWeights: readonly number[],
): MaskedLoss {
  return tf.tidy(() => {
    const cols = tf.tensor1d(labelColumns(heads), 'int32');
    const { y, keep, count } = lossTargets(labels, labelPresent, source, mask, cols);
    const sums = tf.sum(tf.mul(keep, bceWithLogits(logits, y)), 0);
    const perTask = tf.div(sums, count) as tf.Tensor1D;
    const total = tf.sum(tf.mul(perTask, tf.tensor1d([...taskWeights]))) as tf.Scalar;
    return { total, perTask };
  });
}

/** What the masked loss needs of a batch besides the logits (no variables involved). */
export interface LossTargets {
  /** [B, H]: y_t, each head's label column. */
  readonly y: tf.Tensor2D;
  /** [B, H]: k_t(x) = m[s(x)][t] * present_t(x). */
  readonly keep: tf.Tensor2D;
  /** [H]: max(1, sum_rows k_t). */
  readonly count: tf.Tensor1D;
}

/** The loss targets of a batch; cols = labelColumns(heads) as an int32 tensor. */
export function lossTargets(
  labels: tf.Tensor2D,
  labelPresent: tf.Tensor2D,
  source: tf.Tensor1D,
  mask: tf.Tensor2D,
  cols: tf.Tensor1D,
): LossTargets {
  const y = gatherColumns(labels, cols);
  const keep = tf.mul(gatherRows(mask, source), gatherColumns(labelPresent, cols)) as tf.Tensor2D;
  return { y, keep, count: tf.maximum(tf.sum(keep, 0), 1) as tf.Tensor1D };
}

/**
 * maskedLoss as one hand-differentiated node, for the optimised step: the targets are made
 * before the gradient tape, and the gradient is closed-form, dL/dx = c (sigmoid(x) - y) with
 * c[r, t] = lambda_t k_t(r) / max(1, sum_rows k_t) (d BCE / dx = sigmoid(x) - y). `weights` is
 * lambda [H]. perTask is kept out of the node's tidy (the caller disposes it).
 */
export function maskedLossFast(logits: tf.Tensor2D, t: LossTargets, weights: tf.Tensor1D): MaskedLoss {
  let perTask: tf.Tensor1D | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    perTask = tf.keep(tf.div(tf.sum(tf.mul(t.keep, bceWithLogits(x, t.y)), 0), t.count) as tf.Tensor1D);
    const coef = tf.div(tf.mul(t.keep, weights), t.count);
    save([tf.mul(coef, tf.sub(tf.sigmoid(x), t.y))]);
    return {
      value: tf.sum(tf.mul(perTask, weights)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]),
    };
  });
  const total = op(logits) as tf.Scalar;
  return { total, perTask: perTask! };
}

/**
 * Which heads have at least one kept row (m[s][t] = 1 and label present) among `rows`,
 * computed on the CPU from the host arrays so that no device read-back is needed.
 */
export function activeHeads(
  rows: Int32Array,
  source: Uint8Array,
  labelPresent: Float32Array,
  mask: LossMask,
  heads: readonly TaskId[],
): boolean[] {
  const m = maskMatrix(mask, heads);
  const cols = labelColumns(heads);
  return heads.map((_, c) => {
    for (const r of rows)
      if (m[source[r] * heads.length + c] !== 0 && labelPresent[r * 4 + cols[c]] !== 0) return true;
    return false;
  });
}
