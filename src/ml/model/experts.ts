/**
 * Mixture-of-experts encoders, written op by op and differentiated by tfjs (the reference
 * style of forward-plain.ts). Each returns one representation per head.
 *
 * MMoE (Ma et al., KDD 2018): z_t = sum_e g_t,e(x) f_e(x), g_t = softmax(x W_t + b_t), with
 * f_e the shared experts (MLPs of dense + batch norm + ReLU layers).
 * PLE (Tang et al., RecSys 2020), level l with inputs u_t (per head) and u_s (shared), u = x at
 * level 0: E_t = head t's experts on u_t, S = shared experts on u_s;
 * out_t = sum over [E_t, S] of softmax(u_t W_t + b_t) * expert output;
 * out_s = sum over [E_1..E_H, S] of softmax(u_s W_s + b_s) * expert output (not at the last level).
 * The last level's out_t is head t's representation.
 */
import * as tf from '@tensorflow/tfjs';
import type { EncoderLayer, Expert, Gate, MmoeParts, PleParts } from './model-parts';

/** relu(BN(h W)) of one layer: the plain ops (forward-plain.ts) or the fused ones (forward-fast.ts). */
export type RunLayer = (h: tf.Tensor2D, layer: EncoderLayer) => tf.Tensor2D;

/** An expert's output: its layers in turn. */
function runExpert(expert: Expert, x: tf.Tensor2D, runLayer: RunLayer): tf.Tensor2D {
  let h = x;
  for (const layer of expert) h = runLayer(h, layer);
  return h;
}

/** softmax(u W + b) [B, E] applied to expert outputs [B, d] each: sum_e g_e out_e, [B, d]. */
export function gateMix(gate: Gate, u: tf.Tensor2D, outs: readonly tf.Tensor2D[]): tf.Tensor2D {
  const g = tf.softmax(tf.add(tf.matMul(u, gate.kernel as tf.Tensor2D), gate.bias)); // [B, E]
  const stacked = tf.stack([...outs], 1); // [B, E, d]
  return tf.sum(tf.mul(tf.expandDims(g, 2), stacked), 1) as tf.Tensor2D;
}

/** The gate's weights softmax(u W + b) [B, E], for diagnostics and tests. */
export function gateWeights(gate: Gate, u: tf.Tensor2D): tf.Tensor2D {
  return tf.softmax(tf.add(tf.matMul(u, gate.kernel as tf.Tensor2D), gate.bias)) as tf.Tensor2D;
}

/** Per head (heads order) its representation [B, d] from the input x [B, n]. */
export function forwardExperts(moe: MmoeParts | PleParts, x: tf.Tensor2D, runLayer: RunLayer): tf.Tensor2D[] {
  if (moe.kind === 'mmoe') {
    const outs = moe.experts.map((e) => runExpert(e, x, runLayer));
    return moe.gates.map((gate) => gateMix(gate, x, outs));
  }
  let perHead: tf.Tensor2D[] = moe.levels[0].gates.map(() => x);
  let shared = x;
  for (const level of moe.levels) {
    const sharedOuts = level.shared.map((e) => runExpert(e, shared, runLayer));
    const ownOuts = level.own.map((experts, t) => experts.map((e) => runExpert(e, perHead[t], runLayer)));
    const next = level.gates.map((gate, t) => gateMix(gate, perHead[t], [...ownOuts[t], ...sharedOuts]));
    if (level.sharedGate) shared = gateMix(level.sharedGate, shared, [...ownOuts.flat(), ...sharedOuts]);
    perHead = next;
  }
  return perHead;
}
