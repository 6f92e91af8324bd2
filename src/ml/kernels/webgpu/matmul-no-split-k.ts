/**
 * tfjs-backend-webgpu's matrix products without the split-K program, whose float atomics add
 * partial sums in no fixed order.
 *
 * tfjs 4.22 (batchMatMulImpl) splits the inner dimension K over workgroups and adds their partial
 * products into the output with an atomic compare-exchange loop when the output is small (few
 * 32 x 32 tiles), there is one batch, and K >= 2000: exactly a weight gradient X^T dy at batch
 * 2048 and above. Float addition is not associative, so such a gradient differs from run to run
 * in its last bits. This wraps the BatchMatMul and _FusedMatMul kernels registered for 'webgpu':
 * where tfjs would pick split-K it is told to use its small-output tiled program instead (its own
 * choice for the same shapes below K = 2000: each output element summed by one thread, in order);
 * every other product runs unchanged. It does not replace tfjs's GEMM, only its choice of one.
 */
import * as tf from '@tensorflow/tfjs';

/** tfjs-backend-webgpu's flag and its MatMulProgramType values (flags_webgpu.ts, 4.22). */
const PROGRAM_FLAG = 'WEBGPU_MATMUL_PROGRAM_TYPE';
const THRESHOLD_FLAG = 'WEBGPU_THRESHOLD_TO_INCREASE_WORKGROUPS_FOR_MATMUL';
const SMALL_OUTPUT_PROGRAM = 2;
/** batchMatMulImpl's bounds: K from which it splits, outputs up to which it reduces instead. */
const SPLIT_K_MIN_INNER = 2000;
const REDUCE_MAX_OUTPUT = 128;

interface MatMulArgs {
  inputs: tf.NamedTensorMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

/** Whether tfjs 4.22's batchMatMulImpl would choose MatMulSplitKProgram for these inputs. */
export function wouldSplitK(args: MatMulArgs): boolean {
  if ((tf.env().get(PROGRAM_FLAG) as number) >= 0) return false; // a forced program is kept
  const a = args.inputs.a as tf.TensorInfo;
  const b = args.inputs.b as tf.TensorInfo;
  const transposeA = Boolean(args.attrs?.transposeA);
  const transposeB = Boolean(args.attrs?.transposeB);
  const ra = a.shape.length;
  const rb = b.shape.length;
  const inner = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const outerA = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const outerB = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
  const batch = Math.max(size(a.shape.slice(0, -2)), size(b.shape.slice(0, -2)));
  if (batch !== 1 || inner < SPLIT_K_MIN_INNER || outerA * outerB <= REDUCE_MAX_OUTPUT) return false;
  const flag = tf.env().getNumber(THRESHOLD_FLAG);
  const threshold =
    flag > 0
      ? flag
      : (args.backend as { thresholdToIncreaseWorkgroups: number }).thresholdToIncreaseWorkgroups;
  const tiles = Math.ceil(outerA / 32) * Math.ceil(outerB / 32);
  return tiles <= threshold || (outerA <= 8 && tiles <= threshold * 2);
}

let installed = false;

/**
 * Wraps the webgpu BatchMatMul and _FusedMatMul kernels (once; call after
 * @tensorflow/tfjs-backend-webgpu is imported, before the first product).
 */
export function avoidSplitKMatMul(): void {
  if (installed) return;
  for (const name of ['BatchMatMul', '_FusedMatMul']) {
    const kernel = tf.getKernel(name, 'webgpu');
    if (!kernel) continue;
    installed = true;
    const original = kernel.kernelFunc as unknown as (args: MatMulArgs) => tf.TensorInfo;
    tf.unregisterKernel(name, 'webgpu');
    const kernelFunc = (args: MatMulArgs): tf.TensorInfo => {
      if (!wouldSplitK(args)) return original(args);
      const env = tf.env();
      const before = env.get(PROGRAM_FLAG);
      env.set(PROGRAM_FLAG, SMALL_OUTPUT_PROGRAM);
      try {
        return original(args);
      } finally {
        env.set(PROGRAM_FLAG, before);
      }
    };
    tf.registerKernel({ ...kernel, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  }
}
