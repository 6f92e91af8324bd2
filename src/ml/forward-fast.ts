/**
 * The optimised forward pass: the same function as forwardPlain (forward-plain.ts) in fewer
 * kernels. Per step on the default model this is what changes:
 * - dense layers are one fused matmul + bias + relu with a closed-form gradient (fused-ops.ts);
 * - batch norm + relu is one hand-differentiated node; at inference it is folded into the
 *   preceding matmul (W' = W gamma / sqrt(v + eps), b' = beta - m gamma / sqrt(v + eps));
 * - the H towers run as one wide matmul (their first layers side by side, [z, H u0]), then
 *   batched matmuls per deeper layer and one multiply-and-sum for the 1-unit outputs, instead
 *   of H separate chains.
 */
import * as tf from '@tensorflow/tfjs';
import { BAG_MAX_VOCAB, bagLookup, bagRows, oneHotRows } from './bag-lookup';
import { embed } from './embedding';
import { BN_EPSILON, BN_MOMENTUM } from './forward-plain';
import { batchNormRelu, concatMatMul, concatSliceGrad, linear } from './fused-ops';
import type { ModelInputs } from './inputs';
import type { DenseLayer, ModelParts } from './model-parts';

/**
 * The input parts [B, d_j] in featureParts's order: small vocabularies (at most BAG_MAX_VOCAB
 * ids) through one-hot / bag matrix products, large ones through gather (embedding.ts).
 */
function fastFeatureParts(p: ModelParts, inputs: ModelInputs): tf.Tensor2D[] {
  const parts: tf.Tensor2D[] = [];
  const { categorical, multi } = p.spec;
  // Columns of [B, C] as C contiguous rows of its transpose: unstacking along axis 1 would copy
  // row by row (on wasm, a JavaScript copy per row and column).
  const catCols = categorical.length > 0 ? tf.unstack(tf.transpose(inputs.catCodes)) : [];
  categorical.forEach((c, j) => {
    const ids = catCols[j] as tf.Tensor1D;
    const table = p.tables[j] as tf.Tensor2D;
    parts.push(
      c.vocabSize <= BAG_MAX_VOCAB
        ? bagLookup(table, oneHotRows(ids, c.vocabSize))
        : (embed(table, ids, p.gradMode) as tf.Tensor2D),
    );
  });
  multi.forEach((m, j) => {
    const codes = tf.slice(inputs.multiCodes, [0, m.offset], [-1, m.maxLen]);
    const weights = tf.slice(inputs.multiWeights, [0, m.offset], [-1, m.maxLen]);
    const table = p.tables[categorical.length + j] as tf.Tensor2D;
    if (m.vocabSize <= BAG_MAX_VOCAB) parts.push(bagLookup(table, bagRows(codes, weights, m.vocabSize)));
    else {
      const vecs = embed(table, codes, p.gradMode); // [B, L, d]
      parts.push(tf.sum(tf.mul(vecs, tf.expandDims(weights, 2)), 1) as tf.Tensor2D);
    }
  });
  if (p.spec.numericWidth > 0) parts.push(inputs.numericValues);
  return parts;
}

export function forwardFast(p: ModelParts, inputs: ModelInputs, training: boolean): tf.Tensor2D {
  const parts = fastFeatureParts(p, inputs);
  let h = parts[0];
  p.encoder.forEach((layer, i) => {
    const kernel = layer.kernel as tf.Tensor2D;
    if (training) {
      const stats = { mean: layer.movingMean, variance: layer.movingVar, momentum: BN_MOMENTUM };
      const pre = i === 0 ? concatMatMul(parts, kernel) : linear(h, kernel, null, false);
      h = batchNormRelu(pre, layer.gamma as tf.Tensor1D, layer.beta as tf.Tensor1D, BN_EPSILON, stats);
    } else {
      const scale = tf.mul(layer.gamma, tf.rsqrt(tf.add(layer.movingVar, BN_EPSILON)));
      const shift = tf.sub(layer.beta, tf.mul(layer.movingMean, scale)) as tf.Tensor1D;
      const x = i === 0 && parts.length > 1 ? (tf.concat(parts, 1) as tf.Tensor2D) : h;
      h = linear(x, tf.mul(kernel, scale) as tf.Tensor2D, shift, true);
    }
  });
  if (p.encoder.length === 0) h = concatSliceGrad(parts, 1) as tf.Tensor2D;
  return towersSideBySide(p.towers, h);
}

/** Stacks one layer's tensors of every head along a new leading axis. */
function stackLayer(towers: readonly (readonly DenseLayer[])[], i: number, key: keyof DenseLayer) {
  return tf.stack(towers.map((layers) => layers[i][key]));
}

/**
 * logits [B, H] of H towers with identical shapes on z [B, n]. Layer 0 of all heads is one matmul
 * z [W_1 ... W_H] (columns grouped by head); hidden layer i >= 1 is a batched matmul over heads
 * [H, B, u_{i-1}] x [H, u_{i-1}, u_i]; the output layer (1 unit) is sum_j t[h, r, j] w_h[j] + b_h.
 */
function towersSideBySide(towers: readonly (readonly DenseLayer[])[], z: tf.Tensor2D): tf.Tensor2D {
  const nHeads = towers.length;
  const depth = towers[0].length;
  const [fanIn, units0] = towers[0][0].kernel.shape as [number, number];
  // [W_1 ... W_H] as stack -> transpose -> reshape: its gradient is one transpose and H
  // contiguous slices, where a column concat's would be H strided ones (slow on wasm).
  const kernels0 = tf.reshape(tf.transpose(stackLayer(towers, 0, 'kernel'), [1, 0, 2]), [
    fanIn,
    nHeads * units0,
  ]);
  const biases0 = concatSliceGrad(
    towers.map((layers) => layers[0].bias),
    0,
  ) as tf.Tensor1D;
  const wide = linear(z, kernels0 as tf.Tensor2D, biases0, depth > 1);
  if (depth === 1) return wide; // no hidden layers: the wide matmul is already [B, H]
  const batch = z.shape[0];
  let t: tf.Tensor = tf.transpose(tf.reshape(wide, [batch, nHeads, units0]), [1, 0, 2]); // [H, B, u0]
  for (let i = 1; i < depth - 1; i++) {
    const units = towers[0][i].kernel.shape[1] as number;
    const bias = tf.reshape(stackLayer(towers, i, 'bias'), [nHeads, 1, units]);
    t = tf.relu(tf.add(tf.matMul(t, stackLayer(towers, i, 'kernel')), bias));
  }
  const last = depth - 1;
  const units = towers[0][last].kernel.shape[0] as number;
  const w = tf.reshape(stackLayer(towers, last, 'kernel'), [nHeads, 1, units]);
  const out = tf.add(tf.sum(tf.mul(t, w), 2), stackLayer(towers, last, 'bias')); // [H, B] (+ [H, 1])
  return tf.transpose(out) as tf.Tensor2D;
}
