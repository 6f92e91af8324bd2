/**
 * `npm run bench:gpu`: what training on WebGPU gives on a GPU machine, in one unattended command
 * (no network, under 8 minutes on a GPU server; docs/performance.md, "bench:gpu", lists the
 * figures). Writes bench/results/gpu-<date>.json:
 *   - Node through Dawn (node-webgpu.ts; SwiftShader when no GPU driver is installed): the
 *     joint-5task model's training impressions/s with the fast step at batch 512 to 16,384, and
 *     wasm at the same batches beside it (each backend in its own process, with a time limit);
 *   - kernels and WebGPU compute dispatches per fast step at batch 512;
 *   - the app's backend trial (worker/backend-trial.ts) on both, and the backend it would pick;
 *   - headless Chromium's own figures (scripts/bench-browser.spec.ts, webgpu and wasm) when a GPU
 *     adapter is present and Chromium is installed; otherwise why that part was skipped.
 * `--quick`: few steps and batches 512 and 2048 (to check the script on a machine without a GPU);
 * its figures are not the GPU's. Environment: BENCH_WEBGPU_VULKAN (node-webgpu.ts), CHROMIUM_PATH,
 * BENCH_CHROMIUM_ARGS (extra Chromium flags for the browser part, space-separated).
 */
import { spawnSync } from 'node:child_process';
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { TrialRow } from '../src/worker/protocol';
import { pickFromTrial } from '../src/worker/backend-trial';
import { SOFTWARE_ADAPTER } from '../src/worker/backend-choice';
import type { GpuBenchChild } from './bench-gpu-child';
import { backendJson, backendLines, machineInfo, machineLine } from './bench-node-report';
import type { BackendJob, StepPlan } from './bench-node-training';
import { vulkanEnv } from './node-webgpu';

const { values: o } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = o.quick;
const BATCHES = quick ? [512, 2048] : [512, 1024, 2048, 4096, 8192, 16384];
/**
 * Steps at batch 512 (fewer above it, about the same impressions per point: bench-node-training's
 * stepsAt). A real GPU runs a step at 512 in milliseconds; wasm in Node runs one thread, so it
 * gets fewer steps to stay inside the time limit at batch 16,384.
 */
const GPU_PLAN: StepPlan = quick
  ? { warmup: 1, steps: 2, batches: BATCHES }
  : { warmup: 5, steps: 40, batches: BATCHES };
const WASM_PLAN: StepPlan = quick
  ? { warmup: 1, steps: 3, batches: BATCHES }
  : { warmup: 3, steps: 10, batches: BATCHES };
/** Each child's limit: a stuck driver costs its own figures, not the whole run. */
// Worst case 2 x 140 + 90 (build) + 110 (browser) = 480 s: the 8 minutes the bench promises.
const LIMIT_S = quick ? 900 : 140;
const BUILD_LIMIT_S = 90;
const BROWSER_LIMIT_S = 110;

function runChild(job: BackendJob, env: NodeJS.ProcessEnv): Promise<GpuBenchChild> {
  const child = fork(fileURLToPath(new URL('./bench-gpu-child.ts', import.meta.url)), [JSON.stringify(job)], {
    env,
  });
  return new Promise((resolve) => {
    let out: GpuBenchChild | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_S * 1000);
    child.on('message', (m) => (out = m as GpuBenchChild));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        out ?? {
          result: {
            backend: job.backend,
            error:
              signal === 'SIGKILL'
                ? `stopped after ${LIMIT_S} s (the limit per backend)`
                : `child process ended (${signal ?? `exit code ${code}`}) without a result`,
          },
        },
      );
    });
  });
}

/** The browser part, or why it was skipped. */
function browserPart(gpuAdapter: boolean): { skipped: string } | { status: number | null; tail: string } {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) return { skipped: `no Chromium at ${chromium} (set CHROMIUM_PATH)` };
  if (!gpuAdapter)
    return { skipped: 'no GPU adapter (Dawn found only a software one): the browser would time SwiftShader' };
  const build = spawnSync('npx', ['vite', 'build', '--outDir', 'dist-bench-gpu'], {
    encoding: 'utf8',
    timeout: BUILD_LIMIT_S * 1000,
  });
  if (build.status !== 0)
    return { status: build.status, tail: `vite build failed: ${build.stderr.slice(-1500)}` };
  const r = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.tools.config.ts'], {
    encoding: 'utf8',
    timeout: BROWSER_LIMIT_S * 1000,
    env: {
      ...process.env,
      TOOL: 'bench-gpu-browser',
      E2E_DIST: 'dist-bench-gpu',
      BENCH_BACKENDS: 'webgpu,wasm',
      BENCH_BATCHES: quick ? '512' : '512,4096',
    },
  });
  return { status: r.status, tail: `${r.stdout}${r.stderr}`.slice(-4000) };
}

const machine = machineInfo();
const date = new Date().toISOString();
console.log(`GPU bench${quick ? ' (--quick: a check of the script, not GPU figures)' : ''}, ${date}`);
console.log(machineLine(machine));
const vulkan = vulkanEnv();
console.log(`webgpu via Dawn (npm webgpu): ${vulkan.note}`);
const plans = (p: StepPlan) => ({ fast: p, cpu: p, software: p });
const webgpu = await runChild({ backend: 'webgpu', plans: plans(GPU_PLAN) }, vulkan.env);
const wasm = await runChild({ backend: 'wasm', plans: plans(WASM_PLAN) }, process.env);
for (const c of [webgpu, wasm]) {
  for (const line of backendLines(c.result)) console.log(line);
  if (c.work)
    console.log(
      `  one fast step at batch ${c.work.batchSize}: ${c.work.kernels} tfjs kernels` +
        (c.work.dispatches !== undefined ? `, ${c.work.dispatches} WebGPU dispatches` : ''),
    );
  if (c.error) console.log(`  trial / step count failed: ${c.error}`);
}

const adapter = webgpu.result.adapter;
const software = adapter?.software ?? true;
// As the app's chooser: a software adapter is not timed (backend-choice.ts), the rest are.
const rows: TrialRow[] = [
  software
    ? { backend: 'webgpu', notTimed: SOFTWARE_ADAPTER }
    : (webgpu.trial ?? { backend: 'webgpu', error: webgpu.error ?? 'no trial' }),
  wasm.trial ?? { backend: 'wasm', error: wasm.error ?? 'no trial' },
];
const decision = pickFromTrial(rows);
console.log(
  `backend trial (batch 512): ${rows.map((r) => `${r.backend} ${r.impressionsPerSec ? `${Math.round(r.impressionsPerSec)} impressions/s` : (r.notTimed ?? r.error)}`).join('; ')}` +
    ` -> ${decision ? `${decision.backend} (${decision.why})` : 'no pick'}`,
);
const browser = browserPart(!software);
console.log(
  'skipped' in browser
    ? `browser: skipped: ${browser.skipped}`
    : `browser: exit ${browser.status}\n${browser.tail}`,
);

const file = `gpu-${date.slice(0, 10)}${quick ? '-quick' : ''}.json`;
mkdirSync('bench/results', { recursive: true });
const record = {
  date,
  quick,
  machine,
  vulkan: vulkan.note,
  batches: BATCHES,
  plans: { webgpu: GPU_PLAN, wasm: WASM_PLAN },
  node: { webgpu: backendJson(webgpu.result), wasm: backendJson(wasm.result) },
  stepWork: { webgpu: webgpu.work ?? null, wasm: wasm.work ?? null },
  trial: { rows, decision },
  browser,
};
writeFileSync(`bench/results/${file}`, `${JSON.stringify(record, null, 2)}\n`);
console.log(`written to bench/results/${file}`);
