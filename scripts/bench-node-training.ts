/**
 * Training throughput of the joint-5task model on one tfjs backend in Node: the 'plain' and
 * 'fast' steps at batch 512, then a batch-size sweep with the fast step.
 *
 * Each backend runs in its own child process (`runBackendJob`) so that (a) its process max RSS
 * is its own, not the running maximum of the backends before it, (b) WebGPU gets the Vulkan
 * environment it needs at process start (see node-webgpu.ts), and (c) a backend that crashes the
 * process (a native Dawn fault) costs only its own figures.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import { GROUPINGS } from '../src/core/config/groupings';
import { prepareData, rowsBySource } from '../src/core/data/prepare';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import { type BackendName, initBackend } from '../src/ml/backend';
import { uploadDataset } from '../src/ml/model/device-data';
import { embeddingDimFor, inputSpecOf } from '../src/ml/model/model';
import type { StepKind } from '../src/ml/train/step';
import { measureTrainingThroughput, type Throughput } from '../src/ml/train/throughput';
import { type GemmFloor, type GemmShape, stepGemms, tfjsGemmFloor } from './bench-gemm';
import { countStepDispatches, describeDispatches, type StepDispatches } from './bench-webgpu-dispatches';
import { type AdapterSummary, startNodeWebGpu } from './node-webgpu';
import { setWebGpuKernels } from '../src/ml/kernels/webgpu/program';

/** Rounds of the webgpu before/after comparison of our kernels (each a fast-step run per side). */
const KERNEL_ROUNDS = 2;

/** The batch size of the plain-vs-fast comparison (the training default). */
export const COMPARE_BATCH = 512;

/** Warm-up and timed steps at batch 512 (see stepsAt above it) and the sweep's batch sizes. */
export interface StepPlan {
  readonly warmup: number;
  readonly steps: number;
  readonly batches: readonly number[];
}

export interface BackendJob {
  readonly backend: BackendName;
  /** `cpu` for the cpu backend, `software` for WebGPU on an emulated adapter, else `fast`. */
  readonly plans: { readonly fast: StepPlan; readonly cpu: StepPlan; readonly software: StepPlan };
}

/** One measureTrainingThroughput result, times in ms, rates per second. */
export type RunFigure = Omit<Throughput, 'backend' | 'tfPeakBytes'>;

/** The training data as this child built it (the same in every child: one seed). */
export interface DataSummary {
  readonly rows: number;
  readonly trainRows: number;
  readonly categorical: number;
  readonly multiValued: number;
  readonly numeric: number;
  /** Time to simulate and encode it (ms). */
  readonly buildMs: number;
}

export type BackendResult =
  | {
      readonly backend: BackendName;
      readonly data: DataSummary;
      readonly adapter?: AdapterSummary;
      readonly plan: keyof BackendJob['plans'];
      readonly plain: RunFigure;
      readonly fast: RunFigure;
      readonly sweep: readonly RunFigure[];
      readonly best: RunFigure;
      /** Largest tf.memory().numBytes over all runs (MiB; the device-resident dataset included). */
      readonly tfPeakMiB: number;
      /** This backend's process max RSS (MiB; Node, the dataset on the host and the backend). */
      readonly maxRssMiB: number;
      /** wasm only: the step's GEMMs at batch 512 timed alone (bench-gemm.ts). */
      readonly gemm?: { readonly shapes: readonly GemmShape[]; readonly floor: GemmFloor };
      /**
       * webgpu only: the fast step at batch 512 with tfjs's kernels alone (ours switched off) and
       * with ours, in alternating rounds in this process (before[i] and after[i] back to back), and
       * the dispatches of one step each way.
       */
      readonly ourKernels?: {
        readonly before: readonly RunFigure[];
        readonly after: readonly RunFigure[];
        readonly dispatchesBefore: StepDispatches;
        readonly dispatchesAfter: StepDispatches;
      };
    }
  | { readonly backend: BackendName; readonly adapter?: AdapterSummary; readonly error: string };

/**
 * Steps for a sweep point: the plan's counts at batches up to 512, scaled by 512 / batch above
 * it (about the same impressions per point), never below 10 timed or 2 warm-up steps (or the
 * plan's own counts if smaller), so the large batches do not dominate the bench time.
 */
function stepsAt(plan: StepPlan, batch: number): { warmup: number; steps: number } {
  const f = Math.min(1, COMPARE_BATCH / batch);
  return {
    warmup: Math.max(Math.min(plan.warmup, 2), Math.round(plan.warmup * f)),
    steps: Math.max(Math.min(plan.steps, 10), Math.round(plan.steps * f)),
  };
}

const fmt = (x: number, d = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export function describeRun(r: RunFigure): string {
  return (
    `${r.stepKind.padEnd(5)} batch ${String(r.batchSize).padStart(4)}  ${fmt(r.stepsPerSec, 2).padStart(7)} steps/s  ` +
    `${fmt(r.impressionsPerSec).padStart(9)} impressions/s  ${fmt(r.msPerStep, 1).padStart(7)} ms/step  ` +
    `(${r.timedSteps} timed after ${r.warmupSteps} warm-up steps, warm-up ${fmt(r.warmupMs / 1000, 1)} s)`
  );
}

/** Child side: measures one backend in this process. */
export async function measureBackend(job: BackendJob): Promise<BackendResult> {
  const { backend } = job;
  let adapter: AdapterSummary | undefined;
  try {
    if (backend === 'webgpu') adapter = await startNodeWebGpu();
    await initBackend(backend);
  } catch (e) {
    return { backend, ...(adapter && { adapter }), error: e instanceof Error ? e.message : String(e) };
  }
  const t0 = performance.now();
  const table = simulate(DEFAULT_SIM_CONFIG, 1); // seed 1: the dataset bench-torch.ts gives PyTorch
  const data = prepareData(table, DEFAULT_CONFIG);
  const e = data.encoded;
  const dataSummary: DataSummary = {
    rows: table.n,
    trainRows: data.split.train.length,
    categorical: e.categorical.length,
    multiValued: e.multi.length,
    numeric: e.numeric.length,
    buildMs: Math.round(performance.now() - t0),
  };
  const device = uploadDataset(data.encoded);
  const trainRows = rowsBySource(table, data.split.train);
  const planName = backend === 'cpu' ? 'cpu' : adapter?.software ? 'software' : 'fast';
  /** webgpu: dispatches and the fast step at batch 512 with tfjs's kernels alone, then with ours. */
  const beforeAfter = async () => {
    setWebGpuKernels(false);
    const dispatchesBefore = await countStepDispatches(device, trainRows, 'fast', COMPARE_BATCH);
    console.log(`  webgpu tfjs kernels only: ${describeDispatches(dispatchesBefore)}`);
    setWebGpuKernels(true);
    const dispatchesAfter = await countStepDispatches(device, trainRows, 'fast', COMPARE_BATCH);
    console.log(`  webgpu with our kernels:  ${describeDispatches(dispatchesAfter)}`);
    // Alternating rounds, so that a change in the machine's load falls on both sides.
    const before: RunFigure[] = [];
    const after: RunFigure[] = [];
    for (let round = 0; round < KERNEL_ROUNDS; round++) {
      setWebGpuKernels(false);
      before.push(await run(COMPARE_BATCH, 'fast'));
      setWebGpuKernels(true);
      after.push(await run(COMPARE_BATCH, 'fast'));
    }
    return { before, after, dispatchesBefore, dispatchesAfter };
  };
  const plan = job.plans[planName];
  let peakBytes = 0;
  const run = async (batchSize: number, stepKind: StepKind): Promise<RunFigure> => {
    const { warmup, steps } = stepsAt(plan, batchSize);
    const {
      tfPeakBytes,
      backend: _b,
      ...r
    } = await measureTrainingThroughput({
      data: device,
      trainRows,
      grouping: GROUPINGS['joint-5task'],
      model: DEFAULT_CONFIG.model,
      train: DEFAULT_CONFIG.train,
      batchSize,
      warmupSteps: warmup,
      timedSteps: steps,
      stepKind,
      seed: 1,
    });
    peakBytes = Math.max(peakBytes, tfPeakBytes);
    console.log(`  ${backend.padEnd(6)} ${describeRun(r)}`);
    return r;
  };
  try {
    const ourKernels = backend === 'webgpu' ? await beforeAfter() : undefined;
    const plain = await run(COMPARE_BATCH, 'plain');
    const fast = ourKernels?.after.at(-1) ?? (await run(COMPARE_BATCH, 'fast'));
    const sweep: RunFigure[] = [];
    for (const b of [...plan.batches].sort((x, y) => x - y))
      sweep.push(b === COMPARE_BATCH ? fast : await run(b, 'fast'));
    const best = [fast, ...sweep].reduce((a, r) => (r.impressionsPerSec > a.impressionsPerSec ? r : a));
    const gemm = backend === 'wasm' ? gemmFloorOf(device.host) : undefined;
    return {
      ...(gemm && { gemm }),
      ...(ourKernels && { ourKernels }),
      backend,
      ...(adapter && { adapter }),
      data: dataSummary,
      plan: planName,
      plain,
      fast,
      sweep,
      best,
      tfPeakMiB: +(peakBytes / 2 ** 20).toFixed(1),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), // maxRSS is in KiB
    };
  } catch (e) {
    return { backend, ...(adapter && { adapter }), error: e instanceof Error ? e.message : String(e) };
  } finally {
    device.dispose();
  }
}

/** The joint model's step GEMMs at batch 512 on this data, timed on the active backend. */
function gemmFloorOf(host: Parameters<typeof inputSpecOf>[0]) {
  const m = DEFAULT_CONFIG.model;
  const spec = inputSpecOf(host);
  const columns = [...spec.categorical, ...spec.multi];
  const width = columns.reduce(
    (a, c) => a + embeddingDimFor(c.vocabSize, m.embeddingDim, m.embeddingWidth),
    spec.numericWidth,
  );
  const heads = GROUPINGS['joint-5task'].heads.length;
  const shapes = stepGemms(COMPARE_BATCH, width, m.encoderUnits, heads * (m.towerUnits[0] ?? 1));
  const floor = tfjsGemmFloor(shapes);
  console.log(
    `  ${'wasm'.padEnd(6)} the step's ${shapes.length} GEMMs at batch ${COMPARE_BATCH} alone: ${floor.totalMs.toFixed(2)} ms ` +
      `(${floor.mflopPerStep.toFixed(1)} MFLOP, ${floor.gflops.toFixed(1)} GFLOP/s)`,
  );
  return { shapes, floor };
}

/** Parent side: runs `job` in a child process (bench-node-child.ts) with environment `env`. */
export function runBackendJob(job: BackendJob, env: NodeJS.ProcessEnv): Promise<BackendResult> {
  const child = fork(
    fileURLToPath(new URL('./bench-node-child.ts', import.meta.url)),
    [JSON.stringify(job)],
    {
      env,
    },
  );
  return new Promise((resolve) => {
    let result: BackendResult | undefined;
    child.on('message', (m) => (result = m as BackendResult));
    child.on('exit', (code, signal) =>
      resolve(
        result ?? {
          backend: job.backend,
          error: `child process ended (${signal ?? `exit code ${code}`}) without a result`,
        },
      ),
    );
  });
}
