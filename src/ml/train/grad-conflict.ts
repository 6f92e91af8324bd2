/**
 * The gradient-conflict view's numbers: for each pair of heads, the cosine between their loss
 * gradients on the shared parameters (embeddings and encoder or shared experts),
 * cos(a, b) = <g_a, g_b> / (|g_a| |g_b|) with g_t = d(lambda_t L_t)/d(shared), computed on each
 * diagnostic batch (batch statistics, nothing moved) and averaged over the batches where both
 * heads had kept rows. A negative cosine means one head's step undoes the other's on the shared
 * parameters: negative transfer, where it happens.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossMask, TrainConfig } from '../../core/config/experiment';
import type { GradCosine } from '../../core/results/results-types';
import type { DeviceData } from '../model/device-data';
import { activeHeads, maskTensor } from './loss';
import type { SharedBottomModel } from '../model/model';
import { flatGrad, taskGradients } from './task-grads';

/** Pairwise cosines (a < b in head order) over `batches`; empty for a model with one head. */
export async function gradCosines(
  model: SharedBottomModel,
  data: DeviceData,
  batches: readonly Int32Array[],
  lossMask: LossMask,
  train: Pick<TrainConfig, 'taskWeights'>,
): Promise<GradCosine[]> {
  const heads = model.heads;
  const H = heads.length;
  if (H < 2) return [];
  const sum = new Float64Array(H * H);
  const count = new Int32Array(H * H);
  const mask = maskTensor(lossMask, heads);
  const weights = heads.map((h) => train.taskWeights[h] ?? 1);
  const shared = model.sharedVariables();
  try {
    for (const rows of batches) {
      const active = activeHeads(rows, data.host.source, data.host.labelPresent, lossMask, heads);
      const which = active.flatMap((a, t) => (a ? [t] : []));
      if (which.length < 2) continue;
      const gram = tf.tidy(() => {
        const batch = { ...data.gatherBatch(rows), mask, weights };
        const { grads, perTask } = taskGradients(model, batch, which, () => shared, false);
        perTask.dispose(); // kept by taskGradients (it outlives tidy scopes); not needed here
        const m = tf.stack(grads.map((g) => flatGrad(g.grads, shared))); // [k, P]
        return tf.matMul(m, m, false, true); // [k, k] of dot products
      });
      const g = await gram.data();
      gram.dispose();
      const k = which.length;
      for (let i = 0; i < k; i++)
        for (let j = i + 1; j < k; j++) {
          const denom = Math.sqrt(g[i * k + i] * g[j * k + j]);
          if (!(denom > 0)) continue;
          const at = which[i] * H + which[j];
          sum[at] += Math.max(-1, Math.min(1, g[i * k + j] / denom)); // rounding can pass 1
          count[at]++;
        }
    }
  } finally {
    mask.dispose();
  }
  const out: GradCosine[] = [];
  for (let a = 0; a < H; a++)
    for (let b = a + 1; b < H; b++) {
      const at = a * H + b;
      out.push({ a: heads[a], b: heads[b], cosine: count[at] ? sum[at] / count[at] : null });
    }
  return out;
}
