/**
 * Adam for the optimised step: the same update as tf.train.adam, in 12 kernels per variable and
 * without the per-variable scalar uploads tfjs's optimizer makes (it turns every JS number in
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

export function createAdam(
  vars: readonly tf.Variable[],
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): AdamOptimizer {
  // tf.variable(t) copies t without freeing it, hence the tidy.
  const moments = tf.tidy(() =>
    vars.map((v) => ({ m: tf.variable(tf.zerosLike(v), false), v: tf.variable(tf.zerosLike(v), false) })),
  );
  // Constant scalars live for the optimizer's lifetime: uploaded once, not per variable per step.
  const constants = tf.tidy(() => [beta1, 1 - beta1, beta2, 1 - beta2].map((c) => tf.keep(tf.scalar(c))));
  const [b1, c1, b2, c2] = constants;
  let t = 0;
  return {
    apply(grads) {
      t++;
      const correction = Math.sqrt(1 - beta2 ** t);
      tf.tidy(() => {
        const lrT = tf.scalar((learningRate * correction) / (1 - beta1 ** t));
        const epsT = tf.scalar(epsilon * correction);
        vars.forEach((p, i) => {
          const g = grads[p.name];
          const { m, v } = moments[i];
          m.assign(tf.add(tf.mul(m, b1), tf.mul(g, c1)));
          v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), c2)));
          p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsT)), lrT)));
        });
      });
    },
    dispose() {
      tf.dispose([...constants, ...moments.flatMap(({ m, v }) => [m, v])]);
    },
  };
}
