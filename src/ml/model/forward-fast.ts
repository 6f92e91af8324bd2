/**
 * The optimised forward pass: the same function as forwardPlain (forward-plain.ts) in fewer
 * kernels. Per step on the default model this is what changes:
 * - dense layers are one fused matmul + bias + relu with a closed-form gradient (fused-ops.ts);
 * - batch norm + relu is one hand-differentiated node; at inference it is folded into the
 *   preceding matmul (W' = W gamma / sqrt(v + eps), b' = beta - m gamma / sqrt(v + eps));
 * - the H towers run as one wide matmul (their first layers side by side, [z, H u0]), then
 *   batched matmuls per deeper layer and one multiply-and-sum for the 1-unit outputs, instead
 *   of H separate chains, all as one hand-differentiated node (towers.ts);
 * - the batch-only inputs (one-hot and bag rows, id columns) come from fast-inputs.ts, which the
 *   training step runs before the gradient tape; with the flat tables of our WebGPU kernels the
 *   whole input is instead one fused lookup (flat-lookup.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { bagLookup } from './bag-lookup';
import { embed } from './embedding';
import { lookupFlat } from './flat-lookup';
import { type FastInputs, prepareFast } from './fast-inputs';
import { BN_EPSILON } from './forward-plain';
import { batchNormRelu, concatMatMul, concatSliceGrad, linear } from './fused-ops';
import type { ModelInputs } from './inputs';
import { forwardExperts } from './experts';
import type { DenseLayer, EncoderLayer, ModelParts } from './model-parts';
import { towersNode } from './towers';

/**
 * The input parts [B, d_j] in featureParts's order: small vocabularies (at most BAG_MAX_VOCAB
 * ids) through one-hot / bag matrix products, large ones through gather (embedding.ts).
 */
function fastFeatureParts(p: ModelParts, inputs: FastInputs): tf.Tensor2D[] {
  const parts = inputs.columns.map((col, j) => {
    const table = p.tables[j] as tf.Tensor2D;
    if ('bag' in col) return bagLookup(table, col.bag);
    const vecs = embed(table, col.ids, p.gradMode, col.plan); // [B, d] or [B, L, d]
    return (col.weights ? tf.sum(tf.mul(vecs, col.weights), 1) : vecs) as tf.Tensor2D;
  });
  if (inputs.numeric) parts.push(inputs.numeric);
  return parts;
}

/** logits [B, heads]; `prepared` is prepareFast's result for `inputs` when the caller made it. */
export function forwardFast(
  p: ModelParts,
  inputs: ModelInputs,
  training: boolean,
  prepared?: FastInputs,
  updateStats = training,
): tf.Tensor2D {
  // With the flat tables (webgpu) the whole input is one fused lookup (flat-lookup.ts).
  const parts = p.flat
    ? [lookupFlat(p.flat, inputs)]
    : fastFeatureParts(p, prepared ?? prepareFast(p.spec, inputs));
  const layerFn = (input: tf.Tensor2D | readonly tf.Tensor2D[], layer: EncoderLayer) =>
    encoderLayerFast(input, layer, training, updateStats ? p.bnMomentum : null);
  // Dropout only on a real training step (not on a diagnostic pass, which leaves the model as is).
  const drop = training && updateStats ? p.dropout : (z: tf.Tensor2D) => z;
  if (p.moe) return forwardExpertsFast(p, parts, layerFn, drop);
  let h = parts[0];
  p.encoder.forEach((layer, i) => {
    h = layerFn(i === 0 ? (p.flat ? parts[0] : parts) : h, layer);
  });
  if (p.encoder.length === 0) h = concatSliceGrad(parts, 1) as tf.Tensor2D;
  return towersSideBySide(p.towers, drop(h));
}

/**
 * relu(BN(x W)) of one layer, x given whole or as parts to concatenate. Training: one fused
 * matmul (concatMatMul for parts) and the hand-differentiated batch norm + relu, which moves the
 * moving statistics; inference: batch norm folded into the matmul.
 */
function encoderLayerFast(
  input: tf.Tensor2D | readonly tf.Tensor2D[],
  layer: EncoderLayer,
  training: boolean,
  /** The moving statistics' momentum when this pass moves them, else null. */
  momentum: number | null,
): tf.Tensor2D {
  const kernel = layer.kernel as tf.Tensor2D;
  if (training) {
    const stats = momentum !== null ? { mean: layer.movingMean, variance: layer.movingVar, momentum } : null;
    const pre = Array.isArray(input)
      ? concatMatMul(input, kernel)
      : linear(input as tf.Tensor2D, kernel, null, false);
    return batchNormRelu(pre, layer.gamma as tf.Tensor1D, layer.beta as tf.Tensor1D, BN_EPSILON, stats);
  }
  const scale = tf.mul(layer.gamma, tf.rsqrt(tf.add(layer.movingVar, BN_EPSILON)));
  const shift = tf.sub(layer.beta, tf.mul(layer.movingMean, scale)) as tf.Tensor1D;
  const x = Array.isArray(input)
    ? input.length > 1
      ? (tf.concat([...input], 1) as tf.Tensor2D)
      : input[0]
    : input;
  return linear(x as tf.Tensor2D, tf.mul(kernel, scale) as tf.Tensor2D, shift, true);
}

/**
 * A mixture-of-experts model in the fast style: the fast inputs, every expert layer as
 * encoderLayerFast, the gates as plain ops (experts.ts), then each head's own tower as fused
 * layers (the heads see different inputs, so the side-by-side towers do not apply).
 */
function forwardExpertsFast(
  p: ModelParts,
  parts: tf.Tensor2D[],
  layerFn: (h: tf.Tensor2D, layer: EncoderLayer) => tf.Tensor2D,
  drop: (z: tf.Tensor2D) => tf.Tensor2D,
): tf.Tensor2D {
  const x = concatSliceGrad(parts, 1) as tf.Tensor2D;
  const zs = forwardExperts(p.moe!, x, layerFn);
  const logits = p.towers.map((layers, head) => {
    let t = drop(zs[head]);
    layers.forEach((layer, i) => {
      t = linear(t, layer.kernel as tf.Tensor2D, layer.bias as tf.Tensor1D, i < layers.length - 1);
    });
    return t;
  });
  return concatSliceGrad(logits, 1) as tf.Tensor2D;
}

/**
 * logits [B, H] of H towers with identical shapes on z [B, n]. Without hidden layers all heads are
 * one matmul z [w_1 ... w_H] + [c_1 ... c_H] (columns grouped by head); with them, towers.ts's node.
 */
function towersSideBySide(towers: readonly (readonly DenseLayer[])[], z: tf.Tensor2D): tf.Tensor2D {
  if (towers[0].length > 1) return towersNode(towers, z);
  const [fanIn] = towers[0][0].kernel.shape as [number, number];
  // [w_1 ... w_H] as stack -> transpose -> reshape: its gradient is one transpose and H
  // contiguous slices, where a column concat's would be H strided ones (slow on wasm).
  const kernels = tf.reshape(tf.transpose(tf.stack(towers.map((l) => l[0].kernel)), [1, 0, 2]), [
    fanIn,
    towers.length,
  ]);
  const biases = concatSliceGrad(
    towers.map((l) => l[0].bias),
    0,
  ) as tf.Tensor1D;
  return linear(z, kernels as tf.Tensor2D, biases, false);
}
