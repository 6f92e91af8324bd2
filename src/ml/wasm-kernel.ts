/**
 * Our own kernels for tfjs-backend-wasm (row-gather.ts, column-blocks.ts): plain
 * JavaScript loops over the backend's heap, registered in tfjs's kernel registry for 'wasm' only.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * Registers kernelFunc as `name` for the wasm backend once (a second call, e.g. after a hot reload, leaves the first in place).
 */
/**
 * Whether our wasm kernels apply to these tensors: the wasm backend is active and they hold
 * numbers (int32, float32 or bool), not strings or complex values.
 */
export function onWasmKernels(...tensors: readonly tf.Tensor[]): boolean {
  return tf.getBackend() === 'wasm' && tensors.every((t) => t.dtype !== 'string' && t.dtype !== 'complex64');
}

export function registerWasmKernel(name: string, kernelFunc: (args: never) => unknown): void {
  if (tf.getKernel(name, 'wasm') !== undefined) return;
  tf.registerKernel({
    kernelName: name,
    backendName: 'wasm',
    kernelFunc: kernelFunc as unknown as tf.KernelFunc,
  });
}
