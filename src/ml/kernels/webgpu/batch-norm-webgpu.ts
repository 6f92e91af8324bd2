/**
 * Training-mode batch norm + relu and its gradient as one WGSL dispatch each on
 * tfjs-backend-webgpu, for fused-ops.ts's batchNormRelu (the tfjs ops: about 12 kernels forward
 * and 10 backward per layer, column sums and elementwise passes one each).
 *
 * Maths (as batchNormRelu's ops, in their order): mu = (sum x) / N, s2 = (sum (x - mu)^2) / N
 * (biased), inv = inverseSqrt(s2 + eps), xhat = (x - mu) inv, y = relu(xhat gamma + beta); the
 * moving statistics m <- m momentum + mu (1 - momentum) (and s2 likewise), written in place.
 * Backward with g = dy 1[y > 0]: dbeta = sum g, dgamma = sum g xhat,
 * dx = ((g N - dbeta) - xhat dgamma) ((gamma inv) / N).
 * Column sums in column-reduce.ts's fixed order (deterministic; agree with the ops to float32
 * rounding). One workgroup per 16 columns reads its columns whole, so statistics and outputs need
 * no second dispatch.
 */
import * as tf from '@tensorflow/tfjs';
import type { Stats } from '../batch-norm-wasm';
import { registerKernelOnce } from '../wasm-kernel';
import { ownBuffer } from './adam-webgpu';
import {
  type Binding,
  ceilDiv,
  makeOutput,
  packUniforms,
  requireFloatBuffers,
  runProgram,
  shaderDecls,
} from './program';
import { COLS, columnKernelWgsl, LANES } from './column-reduce';

export const BN_RELU_WEBGPU_KERNEL = 'ColdStartLabBatchNormReluWebGpu';
export const BN_RELU_GRAD_WEBGPU_KERNEL = 'ColdStartLabBatchNormReluGradWebGpu';

type Info = tf.TensorInfo;

const decls = (bindings: readonly Binding[], names: readonly string[]) =>
  shaderDecls('rows: u32, cols: u32, eps: f32, momentum: f32', bindings, names);

function forwardCode(bindings: readonly Binding[], names: readonly string[], update: boolean): string {
  return columnKernelWgsl(
    decls(bindings, names),
    `  let live = c < u.cols;
  let n = f32(u.rows);
  var s = 0.0;
  if (live) { for (var r = lid.y; r < u.rows; r += ${LANES}u) { s = s + x[r * u.cols + c]; } }
  let mean = reduce(s, lid) / n;
  var q = 0.0;
  if (live) {
    for (var r = lid.y; r < u.rows; r += ${LANES}u) { let d = x[r * u.cols + c] - mean; q = q + d * d; }
  }
  let variance = reduce(q, lid) / n;
  if (!live) { return; }
  let iv = inverseSqrt(variance + u.eps);
  let ga = gamma[c];
  let be = beta[c];
  for (var r = lid.y; r < u.rows; r += ${LANES}u) {
    let i = r * u.cols + c;
    let xh = (x[i] - mean) * iv;
    xhat[i] = xh;
    y[i] = max(xh * ga + be, 0.0);
  }
  if (lid.y == 0u) {
    inv[c] = iv;
    ${update ? 'movingMean[c] = movingMean[c] * u.momentum + mean * (1.0 - u.momentum);' : ''}
    ${update ? 'movingVar[c] = movingVar[c] * u.momentum + variance * (1.0 - u.momentum);' : ''}
  }`,
  );
}

function backwardCode(bindings: readonly Binding[], names: readonly string[]): string {
  return columnKernelWgsl(
    decls(bindings, names),
    `  let live = c < u.cols;
  let n = f32(u.rows);
  var sb = 0.0;
  var sg = 0.0;
  if (live) {
    for (var r = lid.y; r < u.rows; r += ${LANES}u) {
      let i = r * u.cols + c;
      let g = select(0.0, dy[i], y[i] > 0.0);
      sb = sb + g;
      sg = sg + g * xhat[i];
    }
  }
  let db = reduce(sb, lid);
  let dg = reduce(sg, lid);
  if (!live) { return; }
  let scale = (gamma[c] * inv[c]) / n;
  for (var r = lid.y; r < u.rows; r += ${LANES}u) {
    let i = r * u.cols + c;
    let g = select(0.0, dy[i], y[i] > 0.0);
    dx[i] = ((g * n - db) - xhat[i] * dg) * scale;
  }
  if (lid.y == 0u) { dbeta[c] = db; dgamma[c] = dg; }`,
  );
}

function uniforms(rows: number, cols: number, eps: number, momentum: number): ArrayBuffer {
  return packUniforms([
    ['u', rows],
    ['u', cols],
    ['f', eps],
    ['f', momentum],
  ]);
}

/** Inputs x, gamma, beta (and movingMean, movingVar, moved in place); outputs y, xhat, inv. */
function forwardWebGpu(args: {
  inputs: tf.NamedTensorMap;
  attrs: { epsilon: number; momentum: number };
}): Info[] {
  const { x, gamma, beta, movingMean, movingVar } = args.inputs as Record<string, Info | undefined>;
  const [rows, cols] = x!.shape as [number, number];
  requireFloatBuffers('batch norm', x!, gamma!, beta!);
  const update = movingMean !== undefined && movingVar !== undefined;
  const [y, xhat, inv] = [makeOutput([rows, cols]), makeOutput([rows, cols]), makeOutput([cols])];
  const names = ['x', 'gamma', 'beta', ...(update ? ['movingMean', 'movingVar'] : []), 'y', 'xhat', 'inv'];
  const tensors: Record<string, Info> = { x: x!, gamma: gamma!, beta: beta!, y, xhat, inv };
  if (update) Object.assign(tensors, { movingMean, movingVar });
  const written = new Set(['movingMean', 'movingVar', 'y', 'xhat', 'inv']);
  const bindings = names.map((n) => ({ tensor: tensors[n]!, write: written.has(n) }));
  runProgram({
    name: 'ColdStartLabBatchNormRelu',
    code: forwardCode(bindings, names, update),
    bindings,
    workgroups: [ceilDiv(cols, COLS), 1, 1],
    uniforms: uniforms(rows, cols, args.attrs.epsilon, args.attrs.momentum),
  });
  return [y, xhat, inv];
}

/** Inputs dy, xhat, y, gamma, inv; outputs dx, dgamma, dbeta. */
function backwardWebGpu(args: { inputs: tf.NamedTensorMap }): Info[] {
  const inputs = args.inputs as Record<string, Info>;
  const [rows, cols] = inputs.dy!.shape as [number, number];
  requireFloatBuffers('batch norm gradient', ...Object.values(inputs));
  const dx = makeOutput([rows, cols]);
  const dgamma = makeOutput([cols]);
  const dbeta = makeOutput([cols]);
  const outs: Record<string, Info> = { dx, dgamma, dbeta };
  const names = ['dy', 'xhat', 'y', 'gamma', 'inv', 'dx', 'dgamma', 'dbeta'];
  const bindings = names.map((n) => (outs[n] ? { tensor: outs[n]!, write: true } : { tensor: inputs[n]! }));
  runProgram({
    name: 'ColdStartLabBatchNormReluGrad',
    code: backwardCode(bindings, names),
    bindings,
    workgroups: [ceilDiv(cols, COLS), 1, 1],
    uniforms: uniforms(rows, cols, 0, 0),
  });
  return [dx, dgamma, dbeta];
}

/** y, xhat and inv of batch norm + relu on x [B, n]; moves `stats` in place when given. */
export function batchNormReluWebGpu(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  stats: Stats | null,
): { y: tf.Tensor2D; xhat: tf.Tensor2D; inv: tf.Tensor1D } {
  registerKernelOnce('webgpu', BN_RELU_WEBGPU_KERNEL, forwardWebGpu);
  const inputs: tf.NamedTensorMap = { x, gamma, beta };
  if (stats) {
    // Written in place: a snapshot (tf.clone) sharing the buffer must keep its values.
    ownBuffer(stats.mean);
    ownBuffer(stats.variance);
    Object.assign(inputs, { movingMean: stats.mean, movingVar: stats.variance });
  }
  const attrs = { epsilon, momentum: stats?.momentum ?? 0 };
  const [y, xhat, inv] = tf.engine().runKernel(BN_RELU_WEBGPU_KERNEL, inputs, attrs) as tf.Tensor[];
  return { y: y as tf.Tensor2D, xhat: xhat as tf.Tensor2D, inv: inv as tf.Tensor1D };
}

/** [dx, dgamma, dbeta] of batchNormReluWebGpu's forward for the upstream gradient dy. */
export function batchNormReluGradWebGpu(
  dy: tf.Tensor,
  saved: { xhat: tf.Tensor; y: tf.Tensor; gamma: tf.Tensor; inv: tf.Tensor },
): tf.Tensor[] {
  registerKernelOnce('webgpu', BN_RELU_GRAD_WEBGPU_KERNEL, backwardWebGpu);
  return tf.engine().runKernel(BN_RELU_GRAD_WEBGPU_KERNEL, { dy, ...saved }) as tf.Tensor[];
}
