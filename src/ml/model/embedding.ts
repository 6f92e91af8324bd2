/**
 * Embedding lookup that trains on every tfjs backend.
 *
 * tf.gather's gradient is UnsortedSegmentSum, which tfjs-backend-wasm 4.22 lacks and the cpu
 * backend implements in O(V) passes. There we supply the same gradient through tf.customGrad,
 * built from ScatterNd (which sums duplicate indices, as a gradient must when an id occurs twice
 * in a batch) or, failing that, from a one-hot matrix product.
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows } from '../kernels/row-gather';

/** How the gradient of a lookup reaches the table on the active backend. */
export type EmbeddingGradMode = 'gather' | 'scatter' | 'onehot';

/**
 * The gradient route for the active backend. cpu and wasm use ScatterNd (linear in the batch):
 * wasm has no UnsortedSegmentSum, and cpu's runs one masked pass over the whole batch per
 * vocabulary id (O(V) kernel calls: about a minute per step with a 20000-id table). GPU backends
 * keep tfjs's own gather gradient, which is verified against cpu on webgpu.
 */
export function embeddingGradMode(): EmbeddingGradMode {
  const backend = tf.getBackend();
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
 */
export function embed(
  table: tf.Tensor,
  ids: tf.Tensor,
  mode: EmbeddingGradMode = embeddingGradMode(),
): tf.Tensor {
  if (mode === 'gather') return tf.gather(table, ids);
  const [vocab, dim] = table.shape as [number, number];
  // ids are saved (not closed over): tensors made in the forward pass are disposed before the
  // backward pass runs, while saved ones are kept by the engine until the gradient is taken.
  const lookup = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([ids]);
    // ids of any rank as one flat row gather (row-gather.ts: faster on wasm), then reshaped.
    const value = tf.reshape(gatherRows(t, tf.reshape(ids, [-1]) as tf.Tensor1D), [...ids.shape, dim]);
    const gradFunc = (dy: tf.Tensor, saved: tf.Tensor[]): tf.Tensor => {
      const flatIds = tf.reshape(saved[0], [-1]);
      const flatDy = tf.reshape(dy, [-1, dim]);
      if (mode === 'scatter') return tf.scatterND(tf.reshape(flatIds, [-1, 1]), flatDy, [vocab, dim]);
      // oneHot(ids)^T [V, N] times dy [N, d]: sums rows sharing an id; O(N * V * d), so last resort.
      return tf.matMul(tf.oneHot(flatIds, vocab), flatDy, true, false);
    };
    return { value, gradFunc };
  });
  return lookup(table);
}
