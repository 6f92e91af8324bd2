/**
 * Picks the tfjs backend for this browser: WebGPU first, then webgl, wasm, cpu, recording why
 * each earlier one was passed over. `?backend=` forces one.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';

export type BrowserBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BrowserBackend[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  isFallbackAdapter: boolean;
}

export interface BackendChoice {
  backend: BrowserBackend;
  adapter?: AdapterInfo;
  /** Why each backend before the chosen one was not used. */
  skipped: { backend: BrowserBackend; reason: string }[];
}

async function webgpuAdapter(): Promise<AdapterInfo | string> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return 'navigator.gpu is missing (WebGPU not enabled in this browser)';
  const adapter = await gpu.requestAdapter();
  if (!adapter) return 'requestAdapter() returned no adapter';
  // `adapter.info` is newer than this TypeScript DOM lib.
  const info = (adapter as unknown as { info?: { vendor?: string; architecture?: string } }).info;
  return {
    vendor: info?.vendor ?? 'unknown',
    architecture: info?.architecture ?? 'unknown',
    isFallbackAdapter: Boolean((info as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter),
  };
}

/** Registers tfjs-backend-wasm with its .wasm binaries served by Vite (single-threaded: see docs). */
async function loadWasmBackend(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  const [plain, simd, threaded] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
  ]);
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setWasmPaths({
    'tfjs-backend-wasm.wasm': plain.default,
    'tfjs-backend-wasm-simd.wasm': simd.default,
    'tfjs-backend-wasm-threaded-simd.wasm': threaded.default,
  });
}

export async function chooseBackend(forced?: string | null): Promise<BackendChoice> {
  const order = BACKEND_ORDER.filter((b) => !forced || b === forced);
  const skipped: BackendChoice['skipped'] = [];
  for (const backend of order.length ? order : BACKEND_ORDER) {
    let adapter: AdapterInfo | undefined;
    if (backend === 'webgpu') {
      const a = await webgpuAdapter();
      if (typeof a === 'string') {
        skipped.push({ backend, reason: a });
        continue;
      }
      adapter = a;
    }
    if (backend === 'wasm') await loadWasmBackend();
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        return { backend, adapter, skipped };
      }
      skipped.push({ backend, reason: 'setBackend returned false' });
    } catch (e) {
      skipped.push({ backend, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(
    `no tfjs backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
  );
}
