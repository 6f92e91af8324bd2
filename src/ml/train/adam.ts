/**
 * Adam for the optimised step: the same update as tf.train.adam, over many variables at once
 * (one flat vector) and without the per-variable scalar uploads tfjs's optimizer makes (it turns every JS number in
 * mul(x, beta1) into a fresh scalar tensor, about six per variable per step: on webgpu each is a
 * buffer write).
 *
 * With t the step count (1-based), g the gradient, for each variable p:
 *   m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,
 *   p <- p - lr_t m / (sqrt(v) + eps_t),  lr_t = lr sqrt(1 - b2^t) / (1 - b1^t),  eps_t = eps sqrt(1 - b2^t),
 * which is exactly tfjs's p - lr m^ / (sqrt(v^) + eps) with m^ = m / (1 - b1^t), v^ = v / (1 - b2^t).
 *
 * Variables come in groups, each with its own step count t, and a step may update only some groups
 * (a head without kept rows has no gradient: PyTorch's Adam skips it, moments and count included).
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamOptimizer, GroupedAdamArgs } from './adam-types';
import { createWasmGroupedAdam } from '../kernels/adam-wasm';
import { createWebGpuGroupedAdam } from '../kernels/webgpu/adam-webgpu';
import { splitFlat } from '../kernels/column-blocks';

export type { AdamOptimizer, GroupedAdamArgs } from './adam-types';

type GroupedAdamFactory = (...args: GroupedAdamArgs) => AdamOptimizer;

/**
 * Variables of at most this many elements share one flat update. Bigger ones (embedding tables,
 * wide kernels) are updated alone: slicing them back out of a flat vector would cost a copy of
 * the whole vector per slice on wasm, whose Slice kernel reads its input back in full.
 */
export const FLAT_MAX_SIZE = 4096;

/** Adam over one group of variables (one step count). */
export function createAdam(
  vars: readonly tf.Variable[],
  learningRate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): AdamOptimizer {
  return createGroupedAdam([vars], learningRate, beta1, beta2, epsilon);
}

/** Flattened to rank 1 (a rank-1 tensor as is: a Reshape kernel costs engine overhead even so). */
const flat1 = (t: tf.Tensor): tf.Tensor1D => (t.rank === 1 ? t : tf.reshape(t, [-1])) as tf.Tensor1D;

/**
 * Adam over groups of variables, each group with its own step count: on wasm one SIMD kernel per
 * step (adam-wasm.ts, the same bits as the ops), on webgpu in-place WGSL passes, three variables
 * per dispatch (webgpu/adam-webgpu.ts, the same maths), elsewhere tfjs ops (createOpsGroupedAdam).
 */
export const createGroupedAdam: GroupedAdamFactory = (...args) =>
  createWasmGroupedAdam(...args) ?? createWebGpuGroupedAdam(...args) ?? createOpsGroupedAdam(...args);

/**
 * The grouped Adam as tfjs ops, on any backend. The small variables of all
 * groups form one flat unit: per element, the update uses its group's lr_t and eps_t (vectors
 * uploaded per step), and an inactive group's elements get b1 = b2 = 1, 1 - b1 = 1 - b2 = 0 and
 * lr_t = 0, so m, v and p stay bit-for-bit unchanged (m <- 1 m + 0 g = m; p <- p - 0 x = p).
 */
export function createOpsGroupedAdam(
  ...[groups, initialRate, beta1, beta2, epsilon]: GroupedAdamArgs
): AdamOptimizer {
  const entries = groups.flatMap((vars, group) => vars.map((v) => ({ v, group })));
  const small = entries.filter((e) => e.v.size <= FLAT_MAX_SIZE);
  const units = [...entries.filter((e) => e.v.size > FLAT_MAX_SIZE).map((e) => [e]), small]
    .filter((u) => u.length > 0)
    .map((members) => {
      // A lone variable keeps its shape (Adam is elementwise): no reshapes in or out.
      const shape = members.length === 1 ? members[0].v.shape : [members.reduce((a, e) => a + e.v.size, 0)];
      // tf.variable(t) copies t without freeing it, hence the tidy.
      const [m, v] = tf.tidy(() => [
        tf.variable(tf.zeros(shape), false),
        tf.variable(tf.zeros(shape), false),
      ]);
      // Per-element [b1, 1 - b1, b2, 1 - b2] per pattern of active groups; few patterns occur.
      const coefs = new Map<string, tf.Tensor[]>();
      return { members, m, v, coefs, flat: new FlatParams(members.map((e) => e.v)) };
    });
  // Zeros standing in for the gradient of an inactive group's variable (its update is masked).
  const zeros = new Map<tf.Variable, tf.Tensor>();
  const zerosOf = (x: tf.Variable) => {
    if (!zeros.has(x)) zeros.set(x, tf.keep(tf.zeros([x.size])));
    return zeros.get(x) as tf.Tensor1D;
  };
  const steps = groups.map(() => 0);
  let learningRate = initialRate;
  return {
    setLearningRate(lr) {
      learningRate = lr;
    },
    apply(grads, active = groups.map(() => true)) {
      groups.forEach((_, g) => (steps[g] += active[g] ? 1 : 0));
      const correction = (g: number) => Math.sqrt(1 - beta2 ** steps[g]);
      tf.tidy(() => {
        for (const { members, m, v, coefs, flat } of units) {
          if (!members.some((e) => active[e.group])) continue;
          const key = active.map(Number).join('');
          if (!coefs.has(key))
            coefs.set(
              key,
              [beta1, 1 - beta1, beta2, 1 - beta2].map((k, i) =>
                tf.keep(perElement(members, (g) => (active[g] ? k : i % 2 === 0 ? 1 : 0))),
              ),
            );
          const [b1, c1, b2, c2] = coefs.get(key) as tf.Tensor[];
          const lrT = perElement(members, (g) =>
            active[g] ? (learningRate * correction(g)) / (1 - beta1 ** steps[g]) : 0,
          );
          const epsT = perElement(members, (g) => (active[g] ? epsilon * correction(g) : 1));
          const g =
            members.length === 1
              ? grads[members[0].v.name]
              : tf.concat(members.map((e) => (active[e.group] ? flat1(grads[e.v.name]) : zerosOf(e.v))));
          m.assign(tf.add(tf.mul(m, b1), tf.mul(g, c1)));
          v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), c2)));
          const next = tf.sub(flat.current(), tf.mul(tf.div(m, tf.add(tf.sqrt(v), epsT)), lrT));
          flat.update(
            next,
            members.map((e) => active[e.group]),
          );
        }
      });
    },
    dispose() {
      for (const u of units) {
        tf.dispose([u.m, u.v, ...[...u.coefs.values()].flat()]);
        u.flat.dispose();
      }
      tf.dispose([...zeros.values()]);
    },
  };
}

/**
 * valueFor(group) over each member's elements, in member order: a [n] vector, or a scalar when
 * every member's value is the same (the common case; broadcasting gives the same elementwise maths).
 */
function perElement(
  members: readonly { v: tf.Variable; group: number }[],
  valueFor: (group: number) => number,
) {
  const values = members.map((e) => valueFor(e.group));
  if (values.every((x) => x === values[0])) return tf.scalar(values[0]);
  const out = new Float32Array(members.reduce((a, e) => a + e.v.size, 0));
  let offset = 0;
  members.forEach((e, i) => {
    out.fill(values[i], offset, offset + e.v.size);
    offset += e.v.size;
  });
  return tf.tensor1d(out);
}

/**
 * The concatenation p of some variables (rank 1; a lone variable as is), kept between steps so
 * that each step need not flatten and concatenate them again (a Reshape kernel per variable plus a
 * Concat). It is rebuilt whenever a variable no longer holds the data last written here (assigned
 * elsewhere, e.g. a restored snapshot), so it always equals the variables' current values.
 */
class FlatParams {
  private flat: tf.Tensor | undefined;
  private written: unknown[] = [];
  constructor(private readonly vars: readonly tf.Variable[]) {}

  current(): tf.Tensor {
    if (this.vars.length === 1) return this.vars[0];
    if (!this.flat || this.vars.some((x, i) => x.dataId !== this.written[i])) {
      this.flat?.dispose();
      this.flat = tf.keep(tf.concat(this.vars.map(flat1)));
      this.written = this.vars.map((x) => x.dataId);
    }
    return this.flat;
  }

  /** Writes next (shaped as current()) into the variables with write[i], and keeps it as p. */
  update(next: tf.Tensor, write: readonly boolean[]): void {
    if (this.vars.length === 1) {
      this.vars[0].assign(next);
      return;
    }
    // One kernel for all pieces (contiguous, so each is one copy) instead of one Slice kernel per
    // variable. Unwritten pieces equal their variables (lr_t = 0 left them as they were).
    const pieces = splitFlat(
      next as tf.Tensor1D,
      this.vars.map((x) => x.size),
    );
    this.vars.forEach((x, i) => {
      if (write[i]) x.assign(x.rank === 1 ? pieces[i] : tf.reshape(pieces[i], x.shape));
    });
    this.flat?.dispose();
    this.flat = tf.keep(next);
    this.written = this.vars.map((x) => x.dataId);
  }

  dispose(): void {
    this.flat?.dispose();
  }
}
