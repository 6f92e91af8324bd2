import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Cross-origin isolation, so that `SharedArrayBuffer` exists and tfjs-backend-wasm can run its
 * threaded binary (docs/performance.md, "Threaded wasm"). `credentialless` rather than
 * `require-corp`: `?data=` fetches datasets from other origins, and credentialless needs nothing
 * from those servers beyond the CORS header a cross-origin fetch needs anyway. A static host must
 * send the same two headers (README, "Hosting the built app").
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/**
 * tfjs-backend-wasm's threaded build starts each pthread worker by evaluating
 * `var WasmBackendModuleThreadedSimd = ${factory.toString()}` in a blob worker. Once bundled and
 * minified, the factory's text refers to variables of its enclosing scope (the minifier renames
 * `_scriptDir` to `e` and drops its `typeof` guard), so every pthread worker dies with
 * "e is not defined", never reports "loaded", and `setBackend('wasm')` waits forever. Giving the
 * factory a `toString` that returns the package's own, unbundled source makes the text the worker
 * evaluates self-contained again; the bundled copy still runs on the calling thread.
 */
function tfjsWasmThreadedWorkerSource(): Plugin {
  const file = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
  return {
    name: 'tfjs-wasm-threaded-worker-source',
    enforce: 'pre',
    transform(code, id) {
      if (!file.test(id.split('?')[0] ?? '')) return null;
      if (!code.includes('var WasmBackendModuleThreadedSimd = '))
        this.error('tfjs-backend-wasm changed: WasmBackendModuleThreadedSimd not found in its threaded glue');
      // The whole file, evaluated in the worker: its CommonJS/AMD exports are guarded by typeof.
      const source = `(() => {\n${code}\nreturn WasmBackendModuleThreadedSimd;\n})()`;
      const patch = `\nWasmBackendModuleThreadedSimd.toString = () => ${JSON.stringify(source)};\n`;
      return { code: code + patch, map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), tfjsWasmThreadedWorkerSource()],
  // config.plugins do not reach worker bundles in a build, and tfjs runs in the training worker.
  worker: { format: 'es', plugins: () => [tfjsWasmThreadedWorkerSource()] },
  server: { headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
  build: {
    chunkSizeWarningLimit: 4000,
    // harness.html: an engine-only page for end-to-end checks (backend agreement).
    rollupOptions: { input: { main: 'index.html', harness: 'harness.html' } },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // 2-core machines: tfjs tests are CPU-heavy, so keep the pool small.
    maxWorkers: 2,
  },
});
