/**
 * The spec's masked multi-task loss. The source-by-task mask is data (a [2, heads] tensor
 * gathered by each row's source), so user-defined groupings need no code.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossMask } from '../core/config/experiment';
import { LABELS, SOURCES, TASK_LABEL, type TaskId } from '../core/data/schema';

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
    const y = tf.gather(labels, cols, 1);
    const keep = tf.mul(tf.gather(mask, source), tf.gather(labelPresent, cols, 1));
    const sums = tf.sum(tf.mul(keep, bceWithLogits(logits, y)), 0);
    const perTask = tf.div(sums, tf.maximum(tf.sum(keep, 0), 1)) as tf.Tensor1D;
    const total = tf.sum(tf.mul(perTask, tf.tensor1d([...taskWeights]))) as tf.Scalar;
    return { total, perTask };
  });
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
