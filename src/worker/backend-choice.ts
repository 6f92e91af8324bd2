/**
 * Picks the tfjs backend inside the training worker. Automatic choice: a timed trial of the real
 * model (backend-trial.ts) on WebGPU and wasm (webgl instead of WebGPU where WebGPU is missing)
 * picks the fastest, WebGPU kept unless clearly slower; cpu only when nothing else starts. Every
 * backend passed over as unavailable is recorded with why. A forced backend (`?backend=` or the
 * backend menu) is the only one tried. Each candidate must also compute a tiny warm-up op
 * before it counts as started.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../ml/backend';
import { BACKEND_ORDER } from './backend-names';
import { pickFromTrial, TRIAL_BATCH, TRIAL_TIMED_STEPS, timeActiveBackend } from './backend-trial';
import type { AdapterInfo, BackendChoice, BrowserBackend, TrialRow } from './protocol';

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
  /** Times the model on the backend just started; absent: no trial, the first that starts wins. */
  readonly trial?: () => Promise<Omit<TrialRow, 'backend'>>;
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
    trial: timeActiveBackend,
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

export const SOFTWARE_ADAPTER = `software adapter (the GPU is emulated on the CPU), clearly slower: not timed`;

type Skipped = { backend: BrowserBackend; reason: string }[];

/** Why `backend` cannot be tried here, or its adapter (webgpu) / null (others) when it can. */
async function availability(backend: BrowserBackend, env: ChoiceEnv): Promise<string | AdapterInfo | null> {
  if (backend === 'webgpu') return webgpuAdapter(env.gpu);
  if (backend === 'webgl' && env.inWorker && !env.hasOffscreenCanvas)
    return 'OffscreenCanvas is missing in this worker (tfjs webgl needs it)';
  return null;
}

/** Tries `order` one by one; the first that starts is the choice. */
async function firstThatStarts(
  order: readonly BrowserBackend[],
  env: ChoiceEnv,
  skipped: Skipped,
  forced: boolean,
): Promise<BackendChoice | null> {
  for (const backend of order) {
    const a = await availability(backend, env);
    if (typeof a === 'string') {
      skipped.push({ backend, reason: a });
      continue;
    }
    try {
      await env.start(backend);
      return { backend, ...(a ? { adapter: a } : {}), skipped, forced };
    } catch (e) {
      skipped.push({ backend, reason: messageOf(e) });
    }
  }
  return null;
}

/** Times each available candidate and starts the pick again; null when none could be timed. */
async function chooseByTrial(env: ChoiceEnv, trial: NonNullable<ChoiceEnv['trial']>, skipped: Skipped) {
  const rows: TrialRow[] = [];
  let adapter: AdapterInfo | undefined;
  for (const backend of ['webgpu', 'webgl', 'wasm'] as const) {
    if (backend === 'webgl' && adapter) continue; // webgl is only WebGPU's stand-in
    const a = await availability(backend, env);
    if (typeof a === 'string') {
      skipped.push({ backend, reason: a });
      continue;
    }
    if (a?.isFallbackAdapter) {
      // A software adapter emulates the GPU on the CPU: clearly slower than wasm, and timing it
      // would cost about 10 s of shader compilation and steps at every start.
      adapter = a;
      rows.push({ backend, notTimed: SOFTWARE_ADAPTER });
      continue;
    }
    try {
      await env.start(backend);
      if (a) adapter = a;
      rows.push({ backend, ...(await trial()) });
    } catch (e) {
      skipped.push({ backend, reason: messageOf(e) });
      rows.push({ backend, error: messageOf(e) });
    }
  }
  const pick = pickFromTrial(rows);
  if (!pick) return null;
  await env.start(pick.backend); // the trial left the last candidate active
  const trialInfo = { batchSize: TRIAL_BATCH, timedSteps: TRIAL_TIMED_STEPS, rows, why: pick.why };
  return {
    backend: pick.backend,
    ...(pick.backend === 'webgpu' && adapter ? { adapter } : {}),
    skipped: skipped.filter((s) => s.backend !== pick.backend),
    forced: false,
    trial: trialInfo,
  } satisfies BackendChoice;
}

/** Chooses and starts a backend (see the module comment); rejects when none starts. */
export async function chooseBackend(
  forced: BrowserBackend | null,
  env: ChoiceEnv = currentEnv(),
): Promise<BackendChoice> {
  const skipped: Skipped = [];
  const choice =
    forced !== null
      ? await firstThatStarts([forced], env, skipped, true)
      : ((env.trial ? await chooseByTrial(env, env.trial, skipped) : null) ??
        (await firstThatStarts(
          BACKEND_ORDER.filter((b) => !skipped.some((s) => s.backend === b)),
          env,
          skipped,
          false,
        )));
  if (choice) return choice;
  throw new Error(
    `no tfjs backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
  );
}
