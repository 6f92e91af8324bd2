/**
 * Browser part of `npm run bench` (`npm run bench:browser`, TOOL=bench), in headless Chromium
 * with WebGPU on (SwiftShader on machines without a GPU). Through the app's `?bench=1` hook
 * (src/app/bench-hook.ts) it measures, inside the app's own training worker and on its default
 * simulated dataset:
 *   - training throughput of the joint-5task model per backend (webgpu, webgl, wasm, cpu) at a
 *     batch sweep (cpu: 512 only), with tfjs's peak bytes and Chromium's renderer and GPU process
 *     RSS peaks; and, when bench/results/torch-training.json exists, the ratio to PyTorch;
 *   - averagePrecision on 1,000,000 seeded rows in the worker and on the main thread.
 * Writes bench/results/browser-training.json and browser-ap.json. The six-grouping comparison is
 * scripts/bench-comparison.spec.ts. Options (env): BENCH_BACKENDS=wasm,cpu  BENCH_BATCHES=512
 */
import { expect, test } from '@playwright/test';
import type { BenchTrainingRequest } from '../src/app/bench-hook';
import type { BenchTrainingResult } from '../src/worker/protocol';
import { bestAt, torchComparison } from './bench-compare-torch';
import {
  fmt,
  machineInfo,
  machineLine,
  mib,
  openApp,
  type RssPeaks,
  rssLine,
  startRssSampler,
  webgpuAdapter,
  writeResult,
} from './bench-support';

type Backend = BenchTrainingRequest['backend'];
const envList = (name: string) => process.env[name]?.split(',').filter(Boolean);
const envBatches = envList('BENCH_BATCHES')?.map(Number);
/**
 * Batch sweeps and steps per backend. On SwiftShader (no GPU) a webgpu step takes about 4 s at
 * batch 512 and grows with the batch, a webgl step about 2 s, and each batch size first compiles
 * its shaders (about 17 s), so the GPU backends stop at 2048 with few steps; cpu (pure JS, about
 * 1 step/s) runs 512 only. BENCH_BATCHES replaces every sweep but cpu's (on a real GPU, pass
 * the full 256..4096). wasm gets the Node bench's 10 warm-up + 50 timed steps: with 3 + 10, its
 * batch-512 figure was 26 ms/step in one run and 15 ms/step with 10 + 40 minutes later (V8
 * tiers wasm and JavaScript up while it runs; a short run times the slower code).
 */
const PLAN: Record<Backend, Omit<BenchTrainingRequest, 'backend'>> = {
  wasm: { batchSizes: envBatches ?? [256, 512, 1024, 2048, 4096], warmupSteps: 10, timedSteps: 50 },
  webgl: { batchSizes: envBatches ?? [256, 512, 1024, 2048], warmupSteps: 2, timedSteps: 3 },
  webgpu: { batchSizes: envBatches ?? [256, 512, 1024, 2048], warmupSteps: 1, timedSteps: 2 },
  cpu: { batchSizes: [512], warmupSteps: 2, timedSteps: 5 },
};
const BACKENDS = (envList('BENCH_BACKENDS') ?? ['wasm', 'webgl', 'webgpu', 'cpu']) as Backend[];
/** The page starts on wasm (no GPU backend set up before its turn), and returns there after each. */
const PAGE_BACKEND = 'wasm';
const AP_ROWS = 1_000_000;
const AP_REPEATS = 5;
const AP_TARGET_MS = 1000;

test('training throughput per backend in the app worker', async ({ page, browser }) => {
  test.setTimeout(30 * 60_000);
  const machine = machineInfo();
  console.log(machineLine(machine));
  await openApp(page, PAGE_BACKEND, true);
  const config = await page.evaluate(() => window.__cslBench!.config());
  const adapter = await webgpuAdapter(page);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  console.log(
    `browser: chromium ${browser.version()} headless; WebGPU adapter: ${adapter}; cross-origin isolated: ${isolated}`,
  );
  const { model: m, data } = config;
  const dataText =
    data.kind === 'sim'
      ? `simulated dataset (${data.sim.days} days x ${fmt(data.sim.impressionsPerDay)}, ${fmt(data.sim.users)} users, seed ${config.seed})`
      : `${data.kind} dataset`;
  console.log(
    `model: joint-5task, embeddings <= ${m.embeddingDim}, encoder [${m.encoderUnits}], towers [${m.towerUnits}], ` +
      `Adam lr ${config.train.learningRate}; the app's default ${dataText}`,
  );

  const results: (BenchTrainingResult & { rss: RssPeaks })[] = [];
  const unavailable: { backend: Backend; message: string }[] = [];
  for (const backend of BACKENDS) {
    const req: BenchTrainingRequest = { backend, ...PLAN[backend] };
    console.log(
      `${backend}: batches ${req.batchSizes.join(', ')}; ${req.warmupSteps} warm-up + ${req.timedSteps} timed steps each`,
    );
    const sampler = startRssSampler();
    try {
      const r = await page.evaluate((q) => window.__cslBench!.training(q), req);
      const rss = sampler.stop();
      results.push({ ...r, rss });
      const simd =
        r.wasmSimdKernels === undefined ? '' : r.wasmSimdKernels ? ', SIMD kernels on' : ', SIMD kernels OFF';
      const threads = r.wasmThreads !== undefined ? `, ${r.wasmThreads} thread(s)${simd}` : '';
      console.log(
        `  ${fmt(r.trainRows.promo + r.trainRows.ad)} training rows of ${fmt(r.datasetRows)}${threads}; ${rssLine(rss)}; back on ${r.restoredBackend}`,
      );
      for (const row of r.rows)
        console.log(
          `  batch ${String(row.batchSize).padStart(4)}: ${row.stepsPerSec.toFixed(2).padStart(7)} steps/s ` +
            `${fmt(row.impressionsPerSec).padStart(7)} impressions/s  (${row.msPerStep.toFixed(0)} ms/step, ` +
            `warm-up ${(row.warmupMs / 1000).toFixed(1)} s, tfjs peak ${mib(row.tfPeakBytes)})`,
        );
      for (const f of r.failures) console.log(`  batch ${f.batchSize}: FAILED ${f.message}`);
    } catch (e) {
      sampler.stop();
      const message = e instanceof Error ? e.message : String(e);
      unavailable.push({ backend, message });
      console.log(`  ${backend}: not available here: ${message}`);
    }
  }
  expect(
    results.some((r) => r.rows.length > 0),
    'no backend trained',
  ).toBe(true);

  const best = bestAt(results, 512);
  if (best)
    console.log(
      `fastest at batch 512: ${best.backend}, ${fmt(best.row.impressionsPerSec)} impressions/s (used by the comparison bench)`,
    );
  const torch = torchComparison(results);
  for (const line of torch.lines) console.log(line);

  writeResult('browser-training.json', {
    date: new Date().toISOString(),
    machine,
    chromium: browser.version(),
    webgpuAdapter: adapter,
    crossOriginIsolated: isolated,
    config: {
      grouping: 'joint-5task',
      model: config.model,
      train: config.train,
      seed: config.seed,
      data: config.data,
    },
    plan: Object.fromEntries(BACKENDS.map((b) => [b, PLAN[b]])),
    backends: results,
    unavailable,
    fastestAt512: best
      ? { backend: best.backend, impressionsPerSec: Math.round(best.row.impressionsPerSec) }
      : null,
    torch: torch.json,
  });
});

test('AP evaluation throughput on 1,000,000 rows (worker and main thread)', async ({ page }) => {
  console.log(machineLine(machineInfo()));
  await openApp(page, PAGE_BACKEND, true);
  const worker = await page.evaluate(([n, r]) => window.__cslBench!.apWorker(n, r, 1), [AP_ROWS, AP_REPEATS]);
  const main = await page.evaluate(
    ([n, r]) => window.__cslBench!.apMainThread(n, r, 1),
    [AP_ROWS, AP_REPEATS],
  );
  for (const [where, r] of [
    ['worker', worker],
    ['main thread', main],
  ] as const)
    console.log(
      `AP on ${fmt(r.rows)} rows (${fmt(r.positives)} positive) in the ${where}: median ${r.medianMs.toFixed(0)} ms of ${r.repeats} ` +
        `(${r.msEach.map((t) => t.toFixed(0)).join(', ')} ms) = ${fmt(r.rowsPerSec)} rows/s; AP ${r.ap.toFixed(4)}` +
        (where === 'worker' ? ` (target under ${AP_TARGET_MS} ms)` : ''),
    );
  expect(worker.ap).toBe(main.ap); // same seeded rows, same code
  writeResult('browser-ap.json', {
    date: new Date().toISOString(),
    machine: machineInfo(),
    rows: AP_ROWS,
    repeats: AP_REPEATS,
    targetMs: AP_TARGET_MS,
    worker,
    mainThread: main,
  });
});
