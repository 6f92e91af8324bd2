/** Batch norm + ReLU written op by op (the reference form, differentiated by tfjs). */
import * as tf from '@tensorflow/tfjs';
import type { EncoderLayer } from './model-parts';

/** Batch-norm epsilon (Keras's default); the momentum is the recipe's (config model.bnMomentum). */
export const BN_EPSILON = 1e-3;

/**
 * relu(BN(pre)) of one layer. training = true normalises with the batch's mean and biased
 * variance and, when updateStats, assigns m <- momentum m + (1 - momentum) s to the moving
 * statistics; false uses the moving statistics.
 */
export function batchNormReluPlain(
  pre: tf.Tensor2D,
  layer: EncoderLayer,
  training: boolean,
  updateStats: boolean,
  momentum: number,
): tf.Tensor2D {
  let mean: tf.Tensor = layer.movingMean;
  let variance: tf.Tensor = layer.movingVar;
  if (training) {
    ({ mean, variance } = tf.moments(pre, 0));
    if (updateStats) {
      // Safe inside a gradient tape: moving statistics are not inputs of the training loss.
      layer.movingMean.assign(tf.add(tf.mul(layer.movingMean, momentum), tf.mul(mean, 1 - momentum)));
      layer.movingVar.assign(tf.add(tf.mul(layer.movingVar, momentum), tf.mul(variance, 1 - momentum)));
    }
  }
  const normed = tf.mul(tf.sub(pre, mean), tf.rsqrt(tf.add(variance, BN_EPSILON)));
  return tf.relu(tf.add(tf.mul(normed, layer.gamma), layer.beta)) as tf.Tensor2D;
}
