/**
 * The reference forward pass: one tfjs op per mathematical operation, differentiated by tfjs's
 * autodiff. forward-fast.ts computes the same function with fewer kernels; tests compare them.
 */
import * as tf from '@tensorflow/tfjs';
import { embed } from './embedding';
import { lookupFlat } from './flat-lookup';
import type { ModelInputs } from './inputs';
import { forwardExperts } from './experts';
import { batchNormReluPlain } from './batch-norm-plain';
import type { ModelParts } from './model-parts';

export { BN_EPSILON } from './batch-norm-plain';

/** x = [E_1[c_1], ..., E_C[c_C], sum_k w_k E_m[code_k] per multi column, numeric], as parts. */
export function featureParts(p: ModelParts, inputs: ModelInputs): tf.Tensor[] {
  if (p.flat) return [lookupFlat(p.flat, inputs)]; // the flat tables (webgpu): one fused lookup
  const parts: tf.Tensor[] = [];
  const nCat = p.spec.categorical.length;
  const catCols = nCat > 0 ? tf.unstack(inputs.catCodes, 1) : [];
  const plans = inputs.segmentPlans ?? [];
  for (let j = 0; j < nCat; j++) parts.push(embed(p.tables[j], catCols[j], p.gradMode, plans[j]));
  p.spec.multi.forEach((m, j) => {
    const codes = tf.slice(inputs.multiCodes, [0, m.offset], [-1, m.maxLen]);
    const weights = tf.slice(inputs.multiWeights, [0, m.offset], [-1, m.maxLen]);
    const vecs = embed(p.tables[nCat + j], codes, p.gradMode, plans[nCat + j]); // [B, L, d]
    parts.push(tf.sum(tf.mul(vecs, tf.expandDims(weights, 2)), 1)); // weighted mean: sum_k w_k E[code_k]
  });
  if (p.spec.numericWidth > 0) parts.push(inputs.numericValues);
  return parts;
}

/**
 * logits [B, heads]: the encoder (shared bottom: layers relu(BN(x W)); or a mixture of experts,
 * experts.ts, one representation per head), then per head relu(h W + b) hidden layers and a
 * 1-unit output. Batch norm as batchNormReluPlain; updateStats (default: training) lets a
 * diagnostic pass use batch statistics without moving the running ones.
 */
export function forwardPlain(
  p: ModelParts,
  inputs: ModelInputs,
  training: boolean,
  updateStats = training,
): tf.Tensor2D {
  const parts = featureParts(p, inputs);
  let h = (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
  for (const layer of p.encoder)
    h = batchNormReluPlain(
      tf.matMul(h, layer.kernel as tf.Tensor2D),
      layer,
      training,
      updateStats,
      p.bnMomentum,
    );
  const zs = p.moe
    ? forwardExperts(p.moe, h, (x, layer) =>
        batchNormReluPlain(
          tf.matMul(x, layer.kernel as tf.Tensor2D),
          layer,
          training,
          updateStats,
          p.bnMomentum,
        ),
      )
    : p.towers.map(() => h);
  const logits = p.towers.map((layers, head) => {
    // Dropout only on a real training step (not on a diagnostic pass, which leaves the model as is).
    let t: tf.Tensor2D = training && updateStats ? p.dropout(zs[head]) : zs[head];
    layers.forEach((layer, i) => {
      t = tf.add(tf.matMul(t, layer.kernel), layer.bias) as tf.Tensor2D;
      if (i < layers.length - 1) t = tf.relu(t);
    });
    return t;
  });
  return (logits.length === 1 ? logits[0] : tf.concat(logits, 1)) as tf.Tensor2D;
}
