/**
 * The reference forward pass: one tfjs op per mathematical operation, differentiated by tfjs's
 * autodiff. forward-fast.ts computes the same function with fewer kernels; tests compare them.
 */
import * as tf from '@tensorflow/tfjs';
import { embed } from './embedding';
import type { ModelInputs } from './inputs';
import type { ModelParts } from './model-parts';

/** Batch-norm momentum and epsilon (Keras defaults, as the brief fixes them). */
export const BN_MOMENTUM = 0.99;
export const BN_EPSILON = 1e-3;

/** x = [E_1[c_1], ..., E_C[c_C], sum_k w_k E_m[code_k] per multi column, numeric], as parts. */
export function featureParts(p: ModelParts, inputs: ModelInputs): tf.Tensor[] {
  const parts: tf.Tensor[] = [];
  const nCat = p.spec.categorical.length;
  const catCols = nCat > 0 ? tf.unstack(inputs.catCodes, 1) : [];
  for (let j = 0; j < nCat; j++) parts.push(embed(p.tables[j], catCols[j], p.gradMode));
  p.spec.multi.forEach((m, j) => {
    const codes = tf.slice(inputs.multiCodes, [0, m.offset], [-1, m.maxLen]);
    const weights = tf.slice(inputs.multiWeights, [0, m.offset], [-1, m.maxLen]);
    const vecs = embed(p.tables[nCat + j], codes, p.gradMode); // [B, L, d]
    parts.push(tf.sum(tf.mul(vecs, tf.expandDims(weights, 2)), 1)); // weighted mean: sum_k w_k E[code_k]
  });
  if (p.spec.numericWidth > 0) parts.push(inputs.numericValues);
  return parts;
}

/**
 * logits [B, heads]: encoder layers relu(BN(x W)), then per head relu(h W + b) hidden layers and
 * a 1-unit output. training = true normalises with the batch's mean and biased variance and
 * assigns m <- 0.99 m + 0.01 s to the moving statistics; false uses the moving statistics.
 */
export function forwardPlain(p: ModelParts, inputs: ModelInputs, training: boolean): tf.Tensor2D {
  const parts = featureParts(p, inputs);
  let h = (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
  for (const layer of p.encoder) {
    const pre = tf.matMul(h, layer.kernel as tf.Tensor2D);
    let mean: tf.Tensor = layer.movingMean;
    let variance: tf.Tensor = layer.movingVar;
    if (training) {
      ({ mean, variance } = tf.moments(pre, 0));
      // Safe inside a gradient tape: moving statistics are not inputs of the training loss.
      layer.movingMean.assign(tf.add(tf.mul(layer.movingMean, BN_MOMENTUM), tf.mul(mean, 1 - BN_MOMENTUM)));
      layer.movingVar.assign(tf.add(tf.mul(layer.movingVar, BN_MOMENTUM), tf.mul(variance, 1 - BN_MOMENTUM)));
    }
    const normed = tf.mul(tf.sub(pre, mean), tf.rsqrt(tf.add(variance, BN_EPSILON)));
    h = tf.relu(tf.add(tf.mul(normed, layer.gamma), layer.beta)) as tf.Tensor2D;
  }
  const logits = p.towers.map((layers) => {
    let t: tf.Tensor2D = h;
    layers.forEach((layer, i) => {
      t = tf.add(tf.matMul(t, layer.kernel), layer.bias) as tf.Tensor2D;
      if (i < layers.length - 1) t = tf.relu(t);
    });
    return t;
  });
  return (logits.length === 1 ? logits[0] : tf.concat(logits, 1)) as tf.Tensor2D;
}
