/**
 * Picks the tfjs backend inside the training worker: WebGPU first, then webgl, wasm, cpu,
 * recording why each earlier one was passed over. A forced backend (`?backend=`) is the only one
 * tried. Each candidate must also compute a tiny warm-up op before it counts as started.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../ml/backend';
import { BACKEND_ORDER } from './backend-names';
import type { AdapterInfo, BackendChoice, BrowserBackend } from './protocol';

/** What backend choice needs from its surroundings (injected so tests can fake a browser). */
export interface ChoiceEnv {
  /** `navigator.gpu` of this thread, if any. */
  readonly gpu: Pick<GPU, 'requestAdapter'> | undefined;
  /** Whether this thread has OffscreenCanvas (tfjs webgl needs it in a worker). */
  readonly hasOffscreenCanvas: boolean;
  /** Whether this is a worker (no DOM canvas to fall back on). */
  readonly inWorker: boolean;
  /** Starts a backend and proves it computes; rejects when it cannot. */
  readonly start: (backend: BrowserBackend) => Promise<void>;
}

/** Starts `backend` with tfjs and runs one small op on it (compiles its first shaders). */
export async function startAndWarmUp(backend: BrowserBackend): Promise<void> {
  await initBackend(backend);
  const t = tf.tidy(() => tf.sum(tf.square(tf.range(0, 4))));
  const [v] = await t.data();
  t.dispose();
  if (v !== 14) throw new Error(`${backend} computed ${v} for a warm-up sum that should be 14`);
}

/** The real environment of the current thread. */
export function currentEnv(): ChoiceEnv {
  const scope = globalThis as unknown as { navigator?: { gpu?: GPU }; document?: unknown };
  return {
    gpu: scope.navigator?.gpu,
    hasOffscreenCanvas: typeof OffscreenCanvas !== 'undefined',
    inWorker: scope.document === undefined,
    start: startAndWarmUp,
  };
}

async function webgpuAdapter(gpu: ChoiceEnv['gpu']): Promise<AdapterInfo | string> {
  if (!gpu) return 'navigator.gpu is missing (WebGPU is not enabled in this browser)';
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return `requestAdapter() failed: ${messageOf(e)}`;
  }
  if (!adapter) return 'requestAdapter() returned no adapter (no usable GPU)';
  // `adapter.info` (and isFallbackAdapter on it) is newer than this TypeScript DOM lib.
  const info = (adapter as unknown as { info?: Partial<AdapterInfo> }).info;
  const legacyFallback = (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info?.vendor || 'unknown',
    architecture: info?.architecture || 'unknown',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? legacyFallback),
  };
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Tries the backends in order (or only the forced one); rejects when none starts. */
export async function chooseBackend(
  forced: BrowserBackend | null,
  env: ChoiceEnv = currentEnv(),
): Promise<BackendChoice> {
  const order = forced ? [forced] : BACKEND_ORDER;
  const skipped: { backend: BrowserBackend; reason: string }[] = [];
  for (const backend of order) {
    let adapter: AdapterInfo | undefined;
    if (backend === 'webgpu') {
      const a = await webgpuAdapter(env.gpu);
      if (typeof a === 'string') {
        skipped.push({ backend, reason: a });
        continue;
      }
      adapter = a;
    }
    if (backend === 'webgl' && env.inWorker && !env.hasOffscreenCanvas) {
      skipped.push({ backend, reason: 'OffscreenCanvas is missing in this worker (tfjs webgl needs it)' });
      continue;
    }
    try {
      await env.start(backend);
      return { backend, ...(adapter ? { adapter } : {}), skipped, forced: forced !== null };
    } catch (e) {
      skipped.push({ backend, reason: messageOf(e) });
    }
  }
  throw new Error(
    `no tfjs backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
  );
}
