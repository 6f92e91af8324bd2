/**
 * The timed backend trial: a few training steps of the joint-5task model (the default model
 * configuration, batch 512) on each candidate backend, and the rule that picks one from the
 * figures. Why a trial and not a fixed order: which backend is fastest depends on the machine
 * (a real GPU, a software WebGPU adapter, the CPU's cores), and only a measurement on the real
 * model tells. It runs once per worker start, before any dataset is built.
 */
import { DEFAULT_CONFIG } from '../core/config/defaults';
import { GROUPINGS } from '../core/config/groupings';
import { prepareData, rowsBySource } from '../core/data/prepare';
import { DEFAULT_SIM_CONFIG, simulate } from '../core/data/simulator';
import { uploadDataset } from '../ml/model/device-data';
import { measureTrainingThroughput } from '../ml/train/throughput';
import type { BrowserBackend, TrialRow } from './protocol';

/** Steps per backend: warm-up (shader compilation, allocator growth) and timed. */
export const TRIAL_BATCH = 512;
export const TRIAL_WARMUP_STEPS = 2;
export const TRIAL_TIMED_STEPS = 4;
/**
 * WebGPU stays the choice unless its impressions/s fall below this share of the fastest
 * backend's: "clearly slower" means more than 25% slower, beyond the trial's run-to-run noise.
 */
export const WEBGPU_KEEP_SHARE = 0.75;

/** The trial's dataset: the default simulator's vocabularies (so table sizes are real), few rows. */
function trialData() {
  const table = simulate({ ...DEFAULT_SIM_CONFIG, days: 3, impressionsPerDay: 1500 }, 1);
  const data = prepareData(table, DEFAULT_CONFIG); // its split is unused: all rows train
  const all = Int32Array.from({ length: table.n }, (_, i) => i);
  return {
    encoded: data.encoded,
    trainRows: rowsBySource(table, all),
  };
}

let cached: ReturnType<typeof trialData> | undefined;

/** Times the model on the active backend (started by the caller); figures in impressions/s. */
export async function timeActiveBackend(): Promise<Omit<TrialRow, 'backend'>> {
  cached ??= trialData();
  const device = uploadDataset(cached.encoded);
  try {
    const t = await measureTrainingThroughput({
      data: device,
      trainRows: cached.trainRows,
      grouping: GROUPINGS['joint-5task'],
      model: DEFAULT_CONFIG.model,
      train: DEFAULT_CONFIG.train,
      batchSize: TRIAL_BATCH,
      warmupSteps: TRIAL_WARMUP_STEPS,
      timedSteps: TRIAL_TIMED_STEPS,
    });
    return { impressionsPerSec: t.impressionsPerSec, msPerStep: t.msPerStep, warmupMs: t.warmupMs };
  } finally {
    device.dispose();
  }
}

/** The pick: the fastest measured backend, except that WebGPU is kept while not clearly slower. */
export function pickFromTrial(rows: readonly TrialRow[]): { backend: BrowserBackend; why: string } | null {
  const ok = rows.filter((r) => r.impressionsPerSec !== undefined && r.impressionsPerSec > 0);
  if (ok.length === 0) return null;
  const best = ok.reduce((a, b) => (b.impressionsPerSec! > a.impressionsPerSec! ? b : a));
  const gpu = ok.find((r) => r.backend === 'webgpu');
  if (gpu && gpu.impressionsPerSec! >= WEBGPU_KEEP_SHARE * best.impressionsPerSec!)
    return {
      backend: 'webgpu',
      why:
        gpu === best
          ? 'fastest in the timed trial'
          : `kept: within ${Math.round((1 - WEBGPU_KEEP_SHARE) * 100)}% of the fastest (${best.backend})`,
    };
  const ratio = gpu
    ? `; webgpu reached ${((100 * gpu.impressionsPerSec!) / best.impressionsPerSec!).toFixed(0)}% of it`
    : '';
  return { backend: best.backend, why: `fastest in the timed trial${ratio}` };
}
