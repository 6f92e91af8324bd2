/**
 * Embedding lookups as matrix products, for small vocabularies in the optimised forward pass.
 *
 * A categorical id i is the one-hot row e_i, and a multi-valued column's weighted mean
 * sum_k w_k E[code_k] is the "bag" row b = sum_k w_k e_{code_k}; either way the lookup is b E.
 * For a vocabulary of at most BAG_MAX_VOCAB ids that product is cheap, and its gradient
 * dE = B^T dy is one matmul, where gather + scatter cost a per-index bounds check in JavaScript
 * on wasm (about 0.5 us per index) and a dense ScatterNd. Padding slots carry w = 0, so they
 * contribute nothing, exactly as in the gather path.
 */
import * as tf from '@tensorflow/tfjs';
import { matMulTN } from './fused-ops';

/** Largest vocabulary looked up by a one-hot product (beyond it, B x V grows too wide). */
export const BAG_MAX_VOCAB = 64;

/**
 * One-hot rows [B, V] (float32) of ids [B]. Made int32 then cast: tfjs-backend-wasm 4.22's OneHot
 * writes int32 bits into a float32 output (1 reads back as 1.4e-45), so dtype 'float32' is unsafe.
 */
export function oneHotRows(ids: tf.Tensor1D, vocab: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(ids, vocab), 'float32') as tf.Tensor2D;
}

/** Bag rows [B, V]: b[r] = sum_k weights[r, k] e_{codes[r, k]} for codes, weights [B, L]. */
export function bagRows(codes: tf.Tensor2D, weights: tf.Tensor2D, vocab: number): tf.Tensor2D {
  const hot = tf.cast(tf.oneHot(codes, vocab), 'float32'); // [B, L, V]; int32 first, as above
  return tf.sum(tf.mul(hot, tf.expandDims(weights, 2)), 1) as tf.Tensor2D;
}

/** bag E for bag [B, V] (a constant: it gets no gradient) and a table E [V, d]; dE = bag^T dy. */
export function bagLookup(table: tf.Tensor2D, bag: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [t, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([bag]); // saved, not closed over: forward-pass tensors are gone by the backward pass
    return {
      value: tf.matMul(bag, t),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => matMulTN(saved[0] as tf.Tensor2D, dy as tf.Tensor2D),
    };
  });
  return op(table) as tf.Tensor2D;
}
