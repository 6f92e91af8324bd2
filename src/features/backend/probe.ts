/**
 * Picks the tfjs backend for this browser: WebGPU first, then webgl, wasm, cpu, recording why
 * each earlier one was passed over. `?backend=` forces one.
 */
import { initBackend, setWasmAssetPath } from '../../ml/backend';
import { WASM_ASSETS } from './wasm-assets';

setWasmAssetPath(WASM_ASSETS);

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
    try {
      await initBackend(backend);
      return { backend, adapter, skipped };
    } catch (e) {
      skipped.push({ backend, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(
    `no tfjs backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
  );
}
