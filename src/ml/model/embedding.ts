/**
 * Embedding lookup that trains on every tfjs backend.
 *
 * tf.gather's gradient is UnsortedSegmentSum, which tfjs-backend-wasm 4.22 lacks and the cpu
 * backend implements in O(V) passes. There we supply the same gradient through tf.customGrad,
 * built from ScatterNd (which sums duplicate indices, as a gradient must when an id occurs twice
 * in a batch) or, failing that, from a one-hot matrix product. On WebGPU both of tfjs's kernels
 * add with float atomics in no fixed order (different weights from run to run), so there the
 * gradient is a segmented sum over ids sorted on the CPU (kernels/webgpu/segment-sum.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../kernels/row-gather';
import { registerSegmentSumKernel, sortedSegmentSum } from '../kernels/webgpu/segment-sum';

/** How the gradient of a lookup reaches the table on the active backend. */
export type EmbeddingGradMode = 'gather' | 'scatter' | 'onehot' | 'segment';

/**
 * The gradient route for the active backend. cpu and wasm use ScatterNd (linear in the batch):
 * wasm has no UnsortedSegmentSum, and cpu's runs one masked pass over the whole batch per
 * vocabulary id (O(V) kernel calls: about a minute per step with a 20000-id table). WebGPU uses
 * the sorted segmented sum ('segment': deterministic, where tfjs's kernels use atomics); other
 * GPU backends (webgl) keep tfjs's own gather gradient.
 */
export function embeddingGradMode(): EmbeddingGradMode {
  const backend = tf.getBackend();
  if (backend === 'webgpu') {
    registerSegmentSumKernel();
    return 'segment';
  }
  const hasScatter = tf.getKernel('ScatterNd', backend) !== undefined;
  const hasSegmentSum = tf.getKernel('UnsortedSegmentSum', backend) !== undefined;
  if (hasScatter && (backend === 'cpu' || backend === 'wasm' || !hasSegmentSum)) return 'scatter';
  if (hasSegmentSum) return 'gather';
  return 'onehot';
}

/**
 * Row lookup E[ids] for a table E of shape [V, d] and integer ids of any rank r (values in
 * [0, V)); returns shape [...ids.shape, d]. The gradient with respect to E is
 * dE[v] = sum over positions i with ids[i] = v of dy[i] (duplicates accumulate); ids get none.
 * `plan` (segment-plan.ts: int32 [2, N] for the N flattened ids) is what mode 'segment' sums
 * by; without one that mode falls back to the one-hot product (also deterministic, slower).
 */
export function embed(
  table: tf.Tensor,
  ids: tf.Tensor,
  mode: EmbeddingGradMode = embeddingGradMode(),
  plan?: tf.Tensor2D,
): tf.Tensor {
  if (mode === 'gather') return tf.gather(table, ids);
  const grad = mode === 'segment' && !plan ? 'onehot' : mode;
  const [vocab, dim] = table.shape as [number, number];
  // ids are saved (not closed over): tensors made in the forward pass are disposed before the
  // backward pass runs, while saved ones are kept by the engine until the gradient is taken.
  const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save(plan ? [ids, plan] : [ids]);
    // ids of any rank as one flat row gather (row-gather.ts: faster on wasm), then reshaped.
    const value = tf.reshape(gatherRows(t, tf.reshape(ids, [-1]) as tf.Tensor1D), [...ids.shape, dim]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      const flatIds = tf.reshape(saved[0], [-1]);
      const flatDy = tf.reshape(dy, [-1, dim]);
      if (grad === 'scatter') return tf.scatterND(tf.reshape(flatIds, [-1, 1]), flatDy, [vocab, dim]);
      if (grad === 'segment') return sortedSegmentSum(flatDy as tf.Tensor2D, saved[1] as tf.Tensor2D, vocab);
      // oneHot(ids)^T [V, N] times dy [N, d]: sums rows sharing an id; O(N * V * d), so last resort.
      return tf.matMul(tf.cast(tf.oneHot(flatIds, vocab), 'float32'), flatDy, true, false);
    };
    return { value, gradFunc };
  });
  return lookup(table);
}
