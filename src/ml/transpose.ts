/**
 * The transpose of a matrix, x [r, c] -> x^T [c, r], with a faster kernel on wasm: kernels.wat's
 * transpose32 copies 16 x 16 tiles. tfjs-backend-wasm 4.22's Transpose walks the output column
 * by column, and for the step's larger operands that costs 0.3-0.4 ms ([512, 128] and [512, 151];
 * [512, 64] 0.05 ms: the strides of the larger ones land on the same cache sets). The training
 * step transposes about 26 times (the wasm matmuls take no transpose flag well, fused-ops.ts).
 * Other backends, other dtypes and other ranks keep tf.transpose. Same values (bits) everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from './simd/module';
import { onWasmKernels, registerWasmKernel } from './wasm-kernel';

/** The kernel's name in tfjs's registry (backend 'wasm' only). */
export const TRANSPOSE_KERNEL = 'ColdStartLabTranspose';

function transposeWasm(args: { inputs: tf.NamedTensorMap; backend: unknown }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const x = args.inputs.x as tf.TensorInfo;
  const [rows, cols] = x.shape as [number, number];
  const out = backend.makeOutput([cols, rows], x.dtype);
  const at = (t: tf.TensorInfo) => backend.getMemoryOffset(t.dataId);
  simdKernels(backend)!.transpose32(at(x), rows, cols, at(out));
  return out;
}

let registered = false;

function ensureRegistered(): void {
  if (registered) return;
  registerWasmKernel(TRANSPOSE_KERNEL, transposeWasm);
  // Its gradient is the transpose of the upstream gradient (for callers under a gradient tape).
  if (!tf.getGradient(TRANSPOSE_KERNEL))
    tf.registerGradient({
      kernelName: TRANSPOSE_KERNEL,
      gradFunc: (dy) => ({ x: () => transpose2d(dy as tf.Tensor2D) }),
    });
  registered = true;
}

/** x^T of a matrix x [r, c]. */
export function transpose2d<T extends tf.Tensor>(x: T): T {
  const fast =
    x.rank === 2 &&
    x.size > 0 &&
    onWasmKernels(x) &&
    (x.dtype === 'float32' || x.dtype === 'int32') &&
    simdKernels(tf.backend() as BackendWasm) !== null;
  if (!fast) return tf.transpose(x);
  ensureRegistered();
  return tf.engine().runKernel(TRANSPOSE_KERNEL, { x }) as T;
}
