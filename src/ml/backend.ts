/**
 * Selecting a tfjs backend. Browser-only concerns (fallback chains, feature probing) live in the
 * UI; this module only knows how to start one named backend, in Node or in a browser.
 */
import * as tf from '@tensorflow/tfjs';
import { avoidSplitKMatMul } from './kernels/webgpu/matmul-no-split-k';

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

/** How many threads the wasm backend runs, and why it is one when it is. */
export interface WasmThreads {
  readonly threads: number;
  /** Why wasm runs single-threaded (absent when threaded). */
  readonly reason?: string;
}

/**
 * The threaded glue pre-starts 8 pthread workers (its PTHREAD_POOL_SIZE). More threads would need
 * workers started while the calling thread blocks in pthreadpool_create, which tfjs saw spin
 * forever (tfjs PR #4957).
 */
const WASM_MAX_THREADS = 8;

let wasmThreadsWanted: number | undefined;
let wasmStartTimeoutMs = 20_000;
let wasmThreadInfo: WasmThreads | undefined;

/**
 * How many threads wasm should use (default: half of `navigator.hardwareConcurrency`, as tfjs
 * itself does, at most 8; 1 keeps the single-threaded SIMD binary) and how long its threaded start may take before falling back
 * to one thread. Takes effect at the first `initBackend('wasm')`.
 */
export function configureWasmThreads(opts: { threads?: number; startTimeoutMs?: number }): void {
  if (wasmThreadInfo) throw new Error('configureWasmThreads must be called before the wasm backend starts');
  if (opts.threads !== undefined) wasmThreadsWanted = Math.max(1, Math.floor(opts.threads));
  if (opts.startTimeoutMs !== undefined) wasmStartTimeoutMs = opts.startTimeoutMs;
}

/** The wasm backend's threads once it has started (undefined before), for the UI and benches. */
export function wasmThreads(): WasmThreads | undefined {
  return wasmThreadInfo;
}

/** Why threaded wasm cannot even be tried here, or null when it can. */
function noThreadsReason(wanted: number, cores: number): string | null {
  if (tf.env().getBool('IS_NODE'))
    // tfjs's own flag is false in Node (tfjs issue #3830): its pthread workers are blob: URLs,
    // which Node's worker_threads refuses (ERR_WORKER_PATH).
    return 'Node: tfjs-backend-wasm 4.22 runs one thread in Node';
  if (wanted <= 1)
    return wasmThreadsWanted === undefined
      ? `one thread: half of ${cores} logical cores, tfjs's default`
      : 'one thread requested';
  if (
    !(globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ||
    typeof SharedArrayBuffer === 'undefined'
  )
    return 'the page is not cross-origin isolated (no COOP/COEP headers), so there is no SharedArrayBuffer';
  return null;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Makes `navigator.hardwareConcurrency` read `n` until the returned function is called. tfjs 4.22
 * caps XNNPACK's thread pool at `hardwareConcurrency / 2` whatever `setThreadsCount` asks (it
 * assumes two logical cores per physical core: tfjs issues #4972, #6081), so on a 2-core machine
 * it would start one thread. Its glue reads the value only while the backend starts.
 */
function presentLogicalCores(n: number): () => void {
  const nav = globalThis.navigator as { hardwareConcurrency?: number } | undefined;
  if (!nav) return () => {};
  const own = Object.getOwnPropertyDescriptor(nav, 'hardwareConcurrency');
  try {
    Object.defineProperty(nav, 'hardwareConcurrency', { value: n, configurable: true });
  } catch {
    return () => {};
  }
  return () => {
    if (own) Object.defineProperty(nav, 'hardwareConcurrency', own);
    else Reflect.deleteProperty(nav, 'hardwareConcurrency');
  };
}

/**
 * Starts tfjs-backend-wasm, threaded when it can be. A threaded start that fails or does not
 * finish within the timeout (a pthread worker that never reports "loaded" leaves it pending
 * forever) is abandoned: the backend is registered again from the same factory and started on
 * the single-threaded binary, and the reason is kept for `wasmThreads()`.
 */
async function startWasm(wasm: typeof import('@tensorflow/tfjs-backend-wasm')): Promise<void> {
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  // Default: tfjs's own rule, half the logical cores. On this project's 2-core machines two
  // threads ran the joint-5task step about 30% slower than one (docs/performance.md, "Threaded
  // wasm"), so more threads are used only when asked for (configureWasmThreads).
  const wanted = Math.min(WASM_MAX_THREADS, wasmThreadsWanted ?? Math.max(1, Math.floor(cores / 2)));
  let reason = noThreadsReason(wanted, cores);
  if (reason === null) {
    const factory = tf.findBackendFactory('wasm');
    wasm.setThreadsCount(wanted);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), wasmStartTimeoutMs);
    });
    const restoreCores = presentLogicalCores(2 * wanted);
    let started: unknown;
    try {
      started = await Promise.race([tf.setBackend('wasm').catch((e: unknown) => e), timeout]);
    } finally {
      clearTimeout(timer);
      restoreCores();
    }
    if (started === true) {
      const threads = wasm.getThreadsCount();
      const threadedBinary =
        (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) &&
        (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
      // Without SIMD or wasm threads tfjs picks a single-threaded binary by itself.
      wasmThreadInfo =
        threads > 1
          ? { threads }
          : {
              threads,
              reason: threadedBinary ? 'tfjs started one thread' : 'this browser lacks wasm SIMD or threads',
            };
      return;
    }
    reason =
      started === TIMED_OUT
        ? `threaded wasm did not start within ${wasmStartTimeoutMs / 1000} s`
        : `threaded wasm failed to start${started instanceof Error ? `: ${started.message}` : ''}`;
    // removeBackend makes the pending start obsolete; its workers are left idle (unreachable).
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', factory, 2);
  }
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setThreadsCount(1);
  // When this fails too, initBackend's own setBackend tries once more and reports the failure.
  if (await tf.setBackend('wasm')) wasmThreadInfo = { threads: wasm.getThreadsCount(), reason };
}

/**
 * Makes `name` the active tfjs backend and waits until it is ready. Rejects when the backend
 * cannot start here (for example webgpu without `navigator.gpu`).
 */
export async function initBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (!wasmPathsApplied && wasmAssetPath !== undefined) wasm.setWasmPaths(wasmAssetPath);
    wasmPathsApplied = true;
    // The first start decides the threads; later ones find the started backend in tfjs's registry.
    if (!wasmThreadInfo) await startWasm(wasm);
  } else if (name === 'webgpu') {
    // Imported lazily: registering it pulls in a large bundle the other backends never need.
    await import('@tensorflow/tfjs-backend-webgpu');
    // Same seed, same adapter, same numbers: no matrix product adds with atomics (the embedding
    // gradient's own kernel is registered by embedding.ts).
    avoidSplitKMatMul();
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
