/**
 * Loss-balancing maths on tensors (the step's use is in step.ts and step-pertask.ts).
 *
 * Uncertainty weighting (Kendall, Gal and Cipolla, CVPR 2018), for classification heads with a
 * learned log-variance s_t: L = sum_t a_t (lambda_t exp(-s_t) L_t + s_t / 2), a_t = 1 when head t
 * has kept rows in the batch. Effective weight lambda_t exp(-s_t).
 *
 * GradNorm (Chen et al., ICML 2018): L = sum_t w_t lambda_t L_t with learned w_t > 0. With W the
 * last shared layer, G_t = w_t |grad_W lambda_t L_t|, r_t = (L_t / L_t(0)) / mean_active(L / L(0)),
 * the target is mean_active(G) r_t^alpha (held constant), and w follows the gradient of
 * sum_t |G_t - target_t|, i.e. sign(G_t - target_t) |grad_W lambda_t L_t|, then is renormalised
 * to sum_t w_t = H (the number of heads).
 *
 * PCGrad (Yu et al., NeurIPS 2020): for each task i, for each other task j in a random order, if
 * g_i . g_j < 0 then g_i <- g_i - (g_i . g_j) / |g_j|^2 g_j (g_j the unprojected gradient); the
 * shared parameters get sum_i g_i.
 */
import * as tf from '@tensorflow/tfjs';
import { matMulNT } from '../model/fused-ops';

/** sum_t a_t (lambda_t exp(-s_t) L_t + s_t / 2); perTask, s, lambda, active all [H]. */
export function uncertaintyLoss(
  perTask: tf.Tensor1D,
  logVars: tf.Tensor1D,
  lambda: tf.Tensor1D,
  active: tf.Tensor1D,
): tf.Scalar {
  const weighted = tf.mul(tf.mul(lambda, tf.exp(tf.neg(logVars))), perTask);
  return tf.sum(tf.mul(active, tf.add(weighted, tf.mul(logVars, 0.5)))) as tf.Scalar;
}

/**
 * The PCGrad combination of per-task flat gradients g_i [P] (tasks with no gradient left out by
 * the caller). orders[i] lists the other tasks' indices in the order task i is projected on them.
 *
 * Each projection is onto an unprojected g_j, so every projected g_i' stays a combination
 * g_i' = sum_k a_ik g_k of the originals, and every dot product it needs is a combination of
 * the Gram matrix G = M M^T (M the gradients as rows): g_i' . g_j = sum_k a_ik G_kj. So the
 * algorithm runs on the T x T matrix (pcgradWeights), and the result is one product w M with
 * w_k = sum_i a_ik: two matmuls over the P parameters instead of ~4 T^2 full-length vector ops
 * (which also fragmented the wasm heap until the process aborted). A |g_j|^2 of 0 projects
 * nothing (the coefficient is min(dot, 0) / max(|g_j|^2, tiny)).
 */
export function pcgradCombine(
  grads: readonly tf.Tensor1D[],
  orders: readonly (readonly number[])[],
): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.stack([...grads]) as tf.Tensor2D; // [T, P]
    const w = pcgradWeights(matMulNT(m, m), orders); // [T]
    return tf.reshape(tf.matMul(tf.reshape(w, [1, -1]), m), [-1]) as tf.Tensor1D;
  });
}

/**
 * PCGrad's weights w [T] from the Gram matrix G [T, T] of the task gradients, on the device:
 * per task i, a_i starts as e_i; for each j in orders[i], with d = a_i . G[:, j] (= g_i' . g_j),
 * a_i <- a_i - min(d, 0) / max(G_jj, tiny) e_j; then w = sum_i a_i.
 */
export function pcgradWeights(gram: tf.Tensor2D, orders: readonly (readonly number[])[]): tf.Tensor1D {
  return tf.tidy(() => {
    const t = gram.shape[0];
    const eye = tf.unstack(tf.eye(t)) as tf.Tensor1D[];
    const cols = tf.unstack(gram, 1) as tf.Tensor1D[];
    const sq = cols.map((c, j) => tf.maximum(tf.slice(c, [j], [1]), 1e-30));
    const rows = orders.map((order, i) => {
      let a: tf.Tensor1D = eye[i];
      for (const j of order) {
        const dot = tf.sum(tf.mul(a, cols[j]));
        a = tf.sub(a, tf.mul(tf.div(tf.minimum(dot, 0), sq[j]), eye[j])) as tf.Tensor1D;
      }
      return a;
    });
    return tf.addN(rows) as tf.Tensor1D;
  });
}

/**
 * The gradient of GradNorm's loss with respect to w [H]: a_t sign(G_t - target_t) n_t, with
 * n_t = |grad_W lambda_t L_t| [H], G_t = w_t n_t, ratios r_t from losses [H] and initial losses
 * L0 [H] (each head's first active loss), and `active` a [H] 0/1 vector (at least one 1).
 */
export function gradnormWeightGrad(
  w: tf.Tensor1D,
  norms: tf.Tensor1D,
  losses: tf.Tensor1D,
  initial: tf.Tensor1D,
  active: tf.Tensor1D,
  alpha: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    const count = tf.sum(active);
    const g = tf.mul(w, norms);
    const meanG = tf.div(tf.sum(tf.mul(g, active)), count);
    const rel = tf.div(losses, tf.maximum(initial, 1e-12));
    const meanRel = tf.div(tf.sum(tf.mul(rel, active)), count);
    const r = tf.div(rel, tf.maximum(meanRel, 1e-12));
    const target = tf.mul(meanG, tf.pow(r, alpha));
    return tf.mul(active, tf.mul(tf.sign(tf.sub(g, target)), norms)) as tf.Tensor1D;
  });
}

/** w renormalised to sum H (and kept above a small floor, so no head's weight reaches 0). */
export function renormalise(w: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const floored = tf.maximum(w, 1e-3);
    return tf.mul(floored, tf.div(w.shape[0], tf.sum(floored))) as tf.Tensor1D;
  });
}
