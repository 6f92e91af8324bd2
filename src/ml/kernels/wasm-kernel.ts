/**
 * Our own kernels for tfjs-backend-wasm (row gathers, column blocks, transposes, the GEMM, batch
 * norm, Adam): registered in tfjs's kernel registry for 'wasm' only, most of them running
 * kernels.wat's SIMD functions (simd/module.ts), with JavaScript loops or tfjs ops as fallbacks.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Whether our wasm kernels apply to these tensors: the wasm backend is active and they hold
 * numbers (int32, float32 or bool), not strings or complex values.
 */
export function onWasmKernels(...tensors: readonly tf.Tensor[]): boolean {
  return tf.getBackend() === 'wasm' && tensors.every((t) => t.dtype !== 'string' && t.dtype !== 'complex64');
}

/**
 * Registers kernelFunc as `name` for the wasm backend, and its gradient when given (for callers
 * under a gradient tape), once: a second call, e.g. the next step or a hot reload, leaves the first
 * in place. Cheap enough to call before every run of the kernel (two registry lookups).
 */
export function registerWasmKernel(
  name: string,
  kernelFunc: (args: never) => unknown,
  gradient?: Omit<tf.GradConfig, 'kernelName'>,
): void {
  registerKernelOnce('wasm', name, kernelFunc, gradient);
}

/** registerWasmKernel for any backend (webgpu/*.ts registers our WGSL kernels for 'webgpu'). */
export function registerKernelOnce(
  backendName: string,
  name: string,
  kernelFunc: (args: never) => unknown,
  gradient?: Omit<tf.GradConfig, 'kernelName'>,
): void {
  if (tf.getKernel(name, backendName) === undefined)
    tf.registerKernel({
      kernelName: name,
      backendName,
      kernelFunc: kernelFunc as unknown as tf.KernelFunc,
    });
  if (gradient && !tf.getGradient(name)) tf.registerGradient({ kernelName: name, ...gradient });
}
