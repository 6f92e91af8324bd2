/**
 * Browser against PyTorch, head to head (part of `npm run bench`; alone: `npm run
 * bench:head-to-head`): rounds that train the joint-5task model in the app's worker on wasm and
 * then in PyTorch (scripts/bench-torch.ts, 1 thread) at the same batch size, back to back, and
 * the median of the rounds' ratios (bench-head-to-head.ts says why). Both sides run one thread:
 * the page is cross-origin isolated, and its wasm reports the threads it runs (1 on this 2-core
 * machine). Writes bench/results/head-to-head.json. Needs PyTorch (`apt-get install -y
 * python3-torch libopenblas0-pthread`); without it, says so and writes nothing.
 */
import { expect, test } from '@playwright/test';
import { fmt, machineInfo, machineLine, openApp, writeResult } from './bench-support';
import { type HeadToHead, type Round, summarise } from './bench-head-to-head';
import { runTorchBench } from './bench-torch';

/** Batch size -> rounds, warm-up and timed steps per side (the Node and browser benches' plans). */
const PLAN = [
  { batchSize: 512, rounds: 5, warmup: 10, steps: 50 },
  { batchSize: 4096, rounds: 5, warmup: 3, steps: 30 },
] as const;

test('browser wasm against PyTorch, interleaved rounds', async ({ page, browser }) => {
  test.setTimeout(30 * 60_000);
  const machine = machineInfo();
  console.log(machineLine(machine));
  await openApp(page, 'wasm', true);
  const results: HeadToHead[] = [];
  let torchVersion = '';
  let threads: number | undefined;
  for (const p of PLAN) {
    const rounds: Round[] = [];
    for (let i = 0; i < p.rounds; i++) {
      const b = await page.evaluate((req) => window.__cslBench!.training(req), {
        backend: 'wasm' as const,
        batchSizes: [p.batchSize],
        warmupSteps: p.warmup,
        timedSteps: p.steps,
      });
      expect(b.wasmSimdKernels, 'the SIMD kernels ran').toBe(true);
      threads = b.wasmThreads;
      const t = await runTorchBench({
        batchSizes: [p.batchSize],
        threads: [1],
        warmup: p.warmup,
        steps: p.steps,
      });
      if ('skipped' in t) {
        console.log(`head to head: ${t.skipped}`);
        return;
      }
      torchVersion = t.torchVersion;
      const round = { browser: b.rows[0]!.impressionsPerSec, torch: t.rows[0]!.impressionsPerSec };
      rounds.push(round);
      console.log(
        `  batch ${p.batchSize} round ${i + 1}: browser ${fmt(round.browser)} / PyTorch ${fmt(round.torch)} impressions/s = ${(round.browser / round.torch).toFixed(3)}`,
      );
    }
    const s = summarise(p.batchSize, rounds);
    results.push(s);
    console.log(
      `batch ${p.batchSize}: browser wasm (${threads} thread(s)) / PyTorch ${torchVersion} (1 thread), ${s.rounds.length} interleaved rounds: ` +
        `median ${s.medianRatio.toFixed(3)} (range ${s.minRatio.toFixed(3)}-${s.maxRatio.toFixed(3)})`,
    );
  }
  writeResult('head-to-head.json', {
    date: new Date().toISOString(),
    machine,
    chromium: browser.version(),
    torchVersion,
    browserBackend: 'wasm',
    browserThreads: threads,
    torchThreads: 1,
    plan: PLAN,
    results,
  });
});
