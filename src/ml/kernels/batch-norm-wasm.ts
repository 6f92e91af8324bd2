/**
 * Training-mode batch norm + relu and its gradient as one SIMD kernel each on tfjs-backend-wasm
 * (kernels.wat's bn_relu_forward and bn_relu_backward), for fused-ops.ts's batchNormRelu. The
 * tfjs ops take about 25 kernels per layer and step for the same maths (column sums as
 * matmuls, then elementwise ops over [B, n] one pass each); here the forward reads x three times
 * and the backward reads dy, y and xhat twice, all in one call each.
 *
 * Maths (as batchNormRelu): mu, s2 = the batch mean and biased variance per column, inv =
 * 1 / sqrt(s2 + eps), xhat = (x - mu) inv, y = relu(gamma xhat + beta); with g = dy 1[y > 0]:
 * dbeta = sum g, dgamma = sum g xhat, dx = ((N g - dbeta) - xhat dgamma) (gamma inv / N).
 * The sums run row by row in float32 (tfjs's column sums are matmuls with their own order), so
 * results agree with the ops to float32 rounding, not bit for bit (batch-norm-wasm.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, type SimdKernels, simdKernelsActive } from './simd/module';
import { registerWasmKernel } from './wasm-kernel';

/** Kernel names in tfjs's registry (backend 'wasm' only). */
export const BN_RELU_KERNEL = 'ColdStartLabBatchNormRelu';
export const BN_RELU_GRAD_KERNEL = 'ColdStartLabBatchNormReluGrad';

type Info = tf.TensorInfo;

function kernelsOf(backend: BackendWasm): SimdKernels {
  const k = simdKernels(backend);
  if (!k) throw new Error('batch norm: the SIMD kernels are not available');
  return k;
}

/** Inputs x, gamma, beta (and movingMean, movingVar); outputs y, xhat, inv (and the moved statistics). */
function forwardWasm(args: {
  inputs: tf.NamedTensorMap;
  backend: unknown;
  attrs: { epsilon: number; momentum: number };
}): Info[] {
  const backend = args.backend as BackendWasm;
  const { x, gamma, beta, movingMean, movingVar } = args.inputs as Record<string, Info | undefined>;
  const [rows, cols] = x!.shape as [number, number];
  const update = movingMean !== undefined && movingVar !== undefined;
  const make = (shape: number[]) => backend.makeOutput(shape, 'float32');
  const [y, xhat] = [make([rows, cols]), make([rows, cols])];
  const [inv, mean, variance] = [make([cols]), make([cols]), make([cols])];
  const moved = update ? [make([cols]), make([cols])] : [];
  const at = (t: Info | undefined) => (t ? backend.getMemoryOffset(t.dataId) : 0);
  kernelsOf(backend).bn_relu_forward(
    ...[at(x), rows, cols, at(gamma), at(beta), args.attrs.epsilon, at(y), at(xhat)],
    ...[at(mean), at(variance), at(inv), update ? 1 : 0, at(movingMean), at(movingVar)],
    ...[at(moved[0]), at(moved[1]), args.attrs.momentum],
  );
  backend.disposeData(mean.dataId);
  backend.disposeData(variance.dataId);
  return [y, xhat, inv, ...moved];
}

/** Inputs dy, xhat, y, gamma, inv; outputs dx, dgamma, dbeta. */
function backwardWasm(args: { inputs: tf.NamedTensorMap; backend: unknown }): Info[] {
  const backend = args.backend as BackendWasm;
  const { dy, xhat, y, gamma, inv } = args.inputs as Record<string, Info>;
  const [rows, cols] = dy!.shape as [number, number];
  const dx = backend.makeOutput([rows, cols], 'float32');
  const dgamma = backend.makeOutput([cols], 'float32');
  const dbeta = backend.makeOutput([cols], 'float32');
  const at = (t: Info) => backend.getMemoryOffset(t.dataId);
  kernelsOf(backend).bn_relu_backward(
    ...[at(dy!), at(xhat!), at(y!), at(gamma!), at(inv!), rows, cols, at(dx), at(dgamma), at(dbeta)],
  );
  return [dx, dgamma, dbeta];
}

/** Whether the kernels apply to x: wasm with our SIMD kernels, float32 [B, n] with n a multiple of 4. */
export function batchNormKernelsApply(x: tf.Tensor): boolean {
  return x.dtype === 'float32' && x.rank === 2 && x.shape[1]! % 4 === 0 && simdKernelsActive();
}

/** Moving statistics to move (as fused-ops.ts's MovingStats; batch-norm-webgpu.ts takes them too). */
export interface Stats {
  readonly mean: tf.Variable;
  readonly variance: tf.Variable;
  readonly momentum: number;
}

/** y, xhat and inv of batch norm + relu on x; moves `stats` when given. Check batchNormKernelsApply first. */
export function batchNormReluWasm(
  x: tf.Tensor2D,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  stats: Stats | null,
): { y: tf.Tensor2D; xhat: tf.Tensor2D; inv: tf.Tensor1D } {
  registerWasmKernel(BN_RELU_KERNEL, forwardWasm);
  const inputs: tf.NamedTensorMap = { x, gamma, beta };
  if (stats) Object.assign(inputs, { movingMean: stats.mean, movingVar: stats.variance });
  const attrs = { epsilon, momentum: stats?.momentum ?? 0 };
  const [y, xhat, inv, mean, variance] = tf.engine().runKernel(BN_RELU_KERNEL, inputs, attrs) as tf.Tensor[];
  if (stats) {
    stats.mean.assign(mean!);
    stats.variance.assign(variance!);
    tf.dispose([mean!, variance!]);
  }
  return { y: y as tf.Tensor2D, xhat: xhat as tf.Tensor2D, inv: inv as tf.Tensor1D };
}

/** [dx, dgamma, dbeta] of batchNormReluWasm's forward for the upstream gradient dy. */
export function batchNormReluGradWasm(
  dy: tf.Tensor,
  saved: { xhat: tf.Tensor; y: tf.Tensor; gamma: tf.Tensor; inv: tf.Tensor },
): tf.Tensor[] {
  registerWasmKernel(BN_RELU_GRAD_KERNEL, backwardWasm);
  return tf.engine().runKernel(BN_RELU_GRAD_KERNEL, { dy, ...saved }) as tf.Tensor[];
}
