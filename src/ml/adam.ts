/**
 * Adam for the optimised step: the same update as tf.train.adam, over each variable group at once
 * (one flat vector) and without the per-variable scalar uploads tfjs's optimizer makes (it turns every JS number in
 * mul(x, beta1) into a fresh scalar tensor, about six per variable per step: on webgpu each is a
 * buffer write).
 *
 * With t the step count (1-based), g the gradient, for each variable p:
 *   m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,
 *   p <- p - lr_t m / (sqrt(v) + eps_t),  lr_t = lr sqrt(1 - b2^t) / (1 - b1^t),  eps_t = eps sqrt(1 - b2^t),
 * which is exactly tfjs's p - lr m^ / (sqrt(v^) + eps) with m^ = m / (1 - b1^t), v^ = v / (1 - b2^t).
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamOptimizer {
  /** One update of every variable from its gradient (grads keyed by variable name). */
  apply(grads: tf.NamedTensorMap): void;
  dispose(): void;
}

/**
 * Variables of at most this many elements share one flat update. Bigger ones (embedding tables,
 * wide kernels) are updated alone: slicing them back out of a flat vector would cost a copy of
 * the whole vector per slice on wasm, whose Slice kernel reads its input back in full.
 */
export const FLAT_MAX_SIZE = 4096;

export function createAdam(
  vars: readonly tf.Variable[],
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): AdamOptimizer {
  // Small variables as one flat vector: Adam is elementwise, so one update over the concatenation
  // equals one per variable (they share the step count t), in 14 kernels plus one slice per
  // variable instead of 12 per variable.
  const small = vars.filter((v) => v.size <= FLAT_MAX_SIZE);
  const sizes = small.map((v) => v.size);
  const units = [
    ...vars.filter((v) => v.size > FLAT_MAX_SIZE).map((v) => [v]),
    ...(small.length > 0 ? [small] : []),
  ].map((group) => {
    const n = group.reduce((a, v) => a + v.size, 0);
    // tf.variable(t) copies t without freeing it, hence the tidy.
    const [m, v] = tf.tidy(() => [tf.variable(tf.zeros([n]), false), tf.variable(tf.zeros([n]), false)]);
    return { group, m, v };
  });
  // Constant scalars live for the optimizer's lifetime: uploaded once, not per variable per step.
  const constants = tf.tidy(() => [beta1, 1 - beta1, beta2, 1 - beta2].map((c) => tf.keep(tf.scalar(c))));
  const [b1, c1, b2, c2] = constants;
  const flat = (ts: tf.Tensor[]) =>
    ts.length === 1 ? tf.reshape(ts[0], [-1]) : tf.concat(ts.map((t) => tf.reshape(t, [-1])));
  let t = 0;
  return {
    apply(grads) {
      t++;
      const correction = Math.sqrt(1 - beta2 ** t);
      tf.tidy(() => {
        const lrT = tf.scalar((learningRate * correction) / (1 - beta1 ** t));
        const epsT = tf.scalar(epsilon * correction);
        for (const { group, m, v } of units) {
          const g = flat(group.map((p) => grads[p.name]));
          m.assign(tf.add(tf.mul(m, b1), tf.mul(g, c1)));
          v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), c2)));
          const next = tf.sub(flat(group), tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsT)), lrT));
          if (group.length === 1) group[0].assign(tf.reshape(next, group[0].shape));
          else {
            let offset = 0;
            group.forEach((p, i) => {
              p.assign(tf.reshape(tf.slice(next, offset, sizes[i]), p.shape));
              offset += sizes[i];
            });
          }
        }
      });
    },
    dispose() {
      tf.dispose([...constants, ...units.flatMap(({ m, v }) => [m, v])]);
    },
  };
}
