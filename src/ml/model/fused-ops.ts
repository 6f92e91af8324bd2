/**
 * Hand-differentiated layers for the optimised training step ('fast' StepKind). Each is one
 * tf.customGrad node: its forward runs as a few kernels with nothing taped inside, and its
 * backward is the closed-form gradient, so a step launches far fewer kernels (and saves fewer
 * tensors for backprop) than tfjs's op-by-op autodiff of the same maths. The plain model in
 * forward-plain.ts is the reference; step.test.ts checks that both give the same losses.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormKernelsApply, batchNormReluGradWasm, batchNormReluWasm } from '../kernels/batch-norm-wasm';
import { concatColumns, splitColumns, splitFlat } from '../kernels/column-blocks';
import { gemm, gemmMasked } from '../kernels/gemm';
import { batchNormReluGradWebGpu, batchNormReluWebGpu } from '../kernels/webgpu/batch-norm-webgpu';
import { columnSumsWebGpu } from '../kernels/webgpu/column-sums-webgpu';
import { onWebGpu } from '../kernels/webgpu/program';

/** a b^T for a [m, k], b [n, k] (gemm.ts: our GEMM on wasm, reading b^T in place). */
export function matMulNT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return gemm(a, b, { transposeB: true });
}

/** a^T b for a [k, m], b [k, n]. */
export function matMulTN(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return gemm(a, b, { transposeA: true });
}

/**
 * Column sums sum_r x[r, :] of x [B, n] -> [n]. wasm reduces only along the innermost axis, so
 * its Sum over axis 0 transposes first (2.4 ms for [2048, 128]); there x^T 1 as a matmul with
 * the transpose flag is faster: the flag's slowness is per output column, and here there is one,
 * while 1^T x (x as the right operand) makes XNNPACK repack all of x on every call (about
 * 1.5 ms for a fresh [2048, 128]). On webgpu our column-sum kernel (one dispatch, fixed order;
 * `mask` applied as it reads: sum_r x[r, :] 1[mask[r, :] > 0]). Other backends reduce directly.
 */
export function columnSums(x: tf.Tensor, mask?: tf.Tensor): tf.Tensor1D {
  if (onWebGpu() && x.dtype === 'float32' && x.rank === 2)
    return columnSumsWebGpu(x as tf.Tensor2D, mask as tf.Tensor2D | undefined);
  if (mask) return columnSums(tf.mul(x, tf.step(mask)));
  if (tf.getBackend() !== 'wasm') return tf.sum(x, 0);
  const [rows, cols] = x.shape as [number, number];
  return tf.reshape(tf.matMul(x as tf.Tensor2D, tf.ones([rows, 1]), true, false), [cols]);
}

/**
 * y = act(x W + b) for x [B, n], W [n, u], b [u] (optional), act = relu or identity, as one
 * fused matmul. Gradient: g = dy * 1[y > 0] (relu) or dy; dx = g W^T, dW = x^T g, db = sum_rows g.
 */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null, relu: boolean): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const [xi, wi, bi] = args as tf.Tensor2D[];
    const y = gemm(xi, wi, { ...(b ? { bias: bi as unknown as tf.Tensor1D } : {}), relu });
    save([xi, wi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as tf.Tensor2D[];
        // g = dy 1[y > 0]: on webgpu applied as the products and the sum read dy (no kernel of its own).
        const masked = relu && onWebGpu();
        const g = (relu && !masked ? tf.mul(dy, tf.step(ys!)) : dy) as tf.Tensor2D;
        const mask = masked ? ys : undefined;
        const grads = [
          gemmMasked(g, ws!, { transposeB: true, maskA: mask }),
          gemmMasked(xs!, g, { transposeA: true, maskB: mask }),
        ];
        return b ? [...grads, columnSums(g, mask)] : grads;
      },
    };
  });
  return (b ? op(x, w, b) : op(x, w)) as tf.Tensor2D;
}

/** Batch norm's moving statistics after one training batch (m <- momentum m + (1 - momentum) s). */
export interface MovingStats {
  readonly mean: tf.Variable;
  readonly variance: tf.Variable;
  readonly momentum: number;
}

/**
 * Training-mode batch norm then relu: mu, s2 = batch mean and biased variance per column,
 * x^ = (x - mu) / sqrt(s2 + eps), y = relu(gamma x^ + beta); also moves `stats` towards mu, s2
 * (they are not inputs of the loss, so assigning in the forward pass is safe). Gradient, with
 * g = dy * 1[y > 0] and N rows: dbeta = sum g, dgamma = sum g x^,
 * dx = gamma / (N sqrt(s2 + eps)) * (N g - dbeta - x^ dgamma).
 */
export function batchNormRelu(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  /** null: use the batch's statistics without moving the running ones (diagnostic passes). */
  stats: MovingStats | null,
): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xi, gi, bi, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    if (onWebGpu() && xi.dtype === 'float32' && xi.rank === 2) {
      // One WGSL dispatch each way on webgpu (webgpu/batch-norm-webgpu.ts).
      const { y, xhat, inv } = batchNormReluWebGpu(xi, gi, bi, epsilon, stats);
      save([xhat, inv, gi, y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, [xh, iv, ga, ys]: tf.Tensor[]) =>
          batchNormReluGradWebGpu(dy, { xhat: xh!, y: ys!, gamma: ga!, inv: iv! }),
      };
    }
    if (batchNormKernelsApply(xi)) {
      // One SIMD kernel each way on wasm (batch-norm-wasm.ts).
      const { y, xhat, inv } = batchNormReluWasm(xi, gi, bi, epsilon, stats);
      save([xhat, inv, gi, y]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, [xh, iv, ga, ys]: tf.Tensor[]) =>
          batchNormReluGradWasm(dy, { xhat: xh!, y: ys!, gamma: ga!, inv: iv! }),
      };
    }
    const n = xi.shape[0];
    const mean = tf.div(columnSums(xi), n);
    const centered = tf.sub(xi, mean);
    const variance = tf.div(columnSums(tf.square(centered)), n);
    if (stats) {
      const m = stats.momentum;
      stats.mean.assign(tf.add(tf.mul(stats.mean, m), tf.mul(mean, 1 - m)));
      stats.variance.assign(tf.add(tf.mul(stats.variance, m), tf.mul(variance, 1 - m)));
    }
    const inv = tf.rsqrt(tf.add(variance, epsilon));
    const xhat = tf.mul(centered, inv);
    const y = tf.relu(tf.add(tf.mul(xhat, gi), bi)) as tf.Tensor2D;
    save([xhat, inv, gi, y]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, iv, ga, ys] = saved;
        const g = tf.mul(dy, tf.step(ys));
        const dBeta = columnSums(g);
        const dGamma = columnSums(tf.mul(g, xh));
        const inner = tf.sub(tf.sub(tf.mul(g, n), dBeta), tf.mul(xh, dGamma));
        const dx = tf.mul(inner, tf.div(tf.mul(ga, iv), n));
        return [dx, dGamma, dBeta];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/**
 * concat(parts, 1) W for parts [B, d_j] and W [sum_j d_j, u]. Gradient: dW = X^T dy with
 * X = concat(parts), and dpart_j = the columns of dX = dy W^T that meet part j: one matmul and
 * one split (column-blocks.ts; tfjs's own slices of dX copied row by row on wasm, 90 ms per step
 * at B = 8192, and one matmul per part cost about twice the single one at B = 512).
 */
export function concatMatMul(parts: readonly tf.Tensor2D[], w: tf.Tensor2D): tf.Tensor2D {
  const widths = parts.map((p) => p.shape[1]);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const inputs = args.slice(0, parts.length) as tf.Tensor2D[];
    const wi = args[parts.length] as tf.Tensor2D;
    const x = concatColumns(inputs);
    save([x, wi]);
    return {
      value: gemm(x, wi),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        const g = dy as tf.Tensor2D;
        const dParts = splitColumns(matMulNT(g, ws), widths); // dX = g W^T, split by part
        return [...dParts, matMulTN(xs, g)];
      },
    };
  });
  return op(...parts, w) as tf.Tensor2D;
}

/**
 * concat(parts, axis) whose gradient is one piece per part: for 2-D parts along axis 1 and for
 * 1-D parts, one split kernel on wasm (column-blocks.ts); otherwise one slice per part (tfjs's own
 * concat gradient, SplitV, cost about twice the slices on wasm: 3.3 vs 1.5 ms for 13 parts).
 */
export function concatSliceGrad(parts: readonly tf.Tensor[], axis: number): tf.Tensor {
  if (parts.length === 1) return parts[0];
  const sizes = parts.map((p) => p.shape[axis]);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const inputs = args.slice(0, parts.length) as tf.Tensor[];
    const columns = axis === 1 && inputs.every((t) => t.rank === 2);
    return {
      value: columns ? concatColumns(inputs as tf.Tensor2D[]) : tf.concat(inputs, axis),
      gradFunc: (dy: tf.Tensor) => {
        if (columns) return splitColumns(dy as tf.Tensor2D, sizes);
        if (dy.rank === 1) return splitFlat(dy as tf.Tensor1D, sizes);
        let offset = 0;
        return sizes.map((size) => {
          const begin = dy.shape.map((_, i) => (i === axis ? offset : 0));
          const shape = dy.shape.map((d, i) => (i === axis ? size : d));
          offset += size;
          return tf.slice(dy, begin, shape);
        });
      },
    };
  });
  return op(...parts);
}
