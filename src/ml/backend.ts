/**
 * Selecting a tfjs backend. Browser-only concerns (fallback chains, feature probing) live in the
 * UI; this module only knows how to start one named backend, in Node or in a browser.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

let wasmAssetPath: string | Record<string, string> | undefined;
let wasmPathsApplied = false;

/**
 * Where the browser serves tfjs-backend-wasm's `.wasm` binaries: a URL prefix ending in `/`, or
 * a map from each binary's file name to its URL (what a bundler emits). Must be called before the first `initBackend('wasm')`. In Node it is not needed:
 * Emscripten's loader reads the binaries from the package's own `dist/` folder with `fs`.
 */
export function setWasmAssetPath(path: string | Record<string, string>): void {
  if (wasmPathsApplied && path !== wasmAssetPath)
    throw new Error('setWasmAssetPath must be called before the wasm backend starts');
  wasmAssetPath = path;
}

/**
 * Makes `name` the active tfjs backend and waits until it is ready. Rejects when the backend
 * cannot start here (for example webgpu without `navigator.gpu`).
 */
export async function initBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Threaded wasm hangs in a Vite build (shared/notes/browsers-and-backends.md); one thread
    // also makes the numbers independent of the machine's core count.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (!wasmPathsApplied && wasmAssetPath !== undefined) wasm.setWasmPaths(wasmAssetPath);
    wasmPathsApplied = true;
  } else if (name === 'webgpu') {
    // Imported lazily: registering it pulls in a large bundle the other backends never need.
    await import('@tensorflow/tfjs-backend-webgpu');
  }
  // cpu and webgl are registered by the @tensorflow/tfjs umbrella package itself.
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend '${name}' failed to initialise`);
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tfjs backend is '${tf.getBackend()}', not '${name}'`);
}

/** Whether the active backend has a kernel named `kernelName` (missing kernels are hard errors in tfjs). */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}
