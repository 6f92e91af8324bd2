/**
 * The transpose of a matrix, x [r, c] -> x^T [c, r], with a faster kernel on wasm: kernels.wat's
 * transpose32 copies 16 x 16 tiles. tfjs-backend-wasm 4.22's Transpose took 0.3-0.4 ms for the
 * step's [512, 128] and [512, 151] (0.05 ms for [512, 64]; probably cache-set conflicts of the
 * larger strides, not profiled). Before our GEMM (gemm.ts) read transposed operands in place, the
 * step transposed about 26 times; it still transposes a few small ones (the towers, gatherColumns,
 * the categorical codes). Other backends, other dtypes and other ranks keep tf.transpose. Same
 * values (bits) everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, simdKernelsActive } from './simd/module';
import { registerWasmKernel } from './wasm-kernel';

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

/** x^T of a matrix x [r, c]. */
export function transpose2d<T extends tf.Tensor>(x: T): T {
  const fast =
    x.rank === 2 && x.size > 0 && (x.dtype === 'float32' || x.dtype === 'int32') && simdKernelsActive();
  if (!fast) return tf.transpose(x);
  // Its gradient is the transpose of the upstream gradient.
  registerWasmKernel(TRANSPOSE_KERNEL, transposeWasm, {
    gradFunc: (dy) => ({ x: () => transpose2d(dy as tf.Tensor2D) }),
  });
  return tf.engine().runKernel(TRANSPOSE_KERNEL, { x }) as T;
}
