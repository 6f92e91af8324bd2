/**
 * Browser part of `npm run bench` (TOOL=bench), after bench-browser.spec.ts: time to result of
 * the default six-grouping comparison in the dashboard (default config, default simulated
 * dataset), from the click on Start to the run status reading done (training, the test-set
 * metrics, intervals, bootstrap and replay), on the fastest backend at batch 512 from
 * bench/results/browser-training.json (or BENCH_COMPARISON_BACKEND; wasm when neither says).
 * Also the longest main-thread task during the run (PerformanceObserver 'longtask', >= 50 ms)
 * and the peak renderer and GPU process RSS. Writes bench/results/browser-comparison.json.
 * BENCH_REPEAT_WORKERS=N forces how many repeats train at once (`?repeatWorkers=N`; default: the
 * app's own choice from the logical cores) and writes browser-comparison-workers-N.json instead,
 * so runs with 1 and 2 can be compared; each records the prediction fingerprint, which must match.
 * Also recorded: when each study phase began (seconds from Start: the training ends where
 * 'intervals' begins, and the bootstrap runs from 'bootstrap' to 'replay'), and the main thread's
 * busy seconds over the run (Chromium's Performance.getMetrics): on 2 cores every second the page
 * spends is taken from training. BENCH_MAIN_PROFILE=file writes a CPU profile of the main thread;
 * BENCH_QUERY=&key=value adds to the page's address (e.g. a config field to compare).
 * Several minutes on a 2-core machine: BENCH_SKIP_COMPARISON=1 skips it.
 */
import { writeFileSync } from 'node:fs';
import { type CDPSession, expect, type Page, test } from '@playwright/test';
import {
  machineInfo,
  machineLine,
  openApp,
  probeLongTasks,
  readResult,
  rssLine,
  sleep,
  startRssSampler,
  writeResult,
} from './bench-support';

const BACKENDS = new Set(['webgpu', 'webgl', 'wasm', 'cpu']);
const LONG_TASK_TARGET_MS = 200;

/** The backend to run on, and why that one. */
function chooseBackend(): { backend: string; why: string } {
  const forced = process.env.BENCH_COMPARISON_BACKEND;
  if (forced && BACKENDS.has(forced)) return { backend: forced, why: 'BENCH_COMPARISON_BACKEND' };
  const fastest = (readResult('browser-training.json') as { fastestAt512?: { backend?: unknown } } | null)
    ?.fastestAt512?.backend;
  if (typeof fastest === 'string' && BACKENDS.has(fastest))
    return { backend: fastest, why: 'fastest at batch 512 in browser-training.json' };
  return { backend: 'wasm', why: 'no browser-training.json: the fastest CPU backend measured before' };
}

/** BENCH_REPEAT_WORKERS as a count of at least 1, or undefined. */
function repeatWorkers(): number | undefined {
  const n = Number(process.env.BENCH_REPEAT_WORKERS);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** Chromium's cumulative main-thread seconds: all tasks, script, layout, style recalculation. */
async function mainThreadSeconds(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const keep = new Set(['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration']);
  return Object.fromEntries(metrics.filter((m) => keep.has(m.name)).map((m) => [m.name, m.value]));
}

/** Records when the run status's phase (data-phase) first takes each value, from now on. */
async function watchPhases(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __phases: Record<string, number> };
    w.__phases = {};
    const t0 = performance.now();
    const note = () => {
      const phase = document.querySelector('[data-testid=run-status]')?.getAttribute('data-phase');
      if (phase && !(phase in w.__phases)) w.__phases[phase] = (performance.now() - t0) / 1000;
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-phase'],
    });
  });
}

/** Seconds from the watch's start to each phase's first appearance, in order. */
async function phaseTimes(page: Page): Promise<Record<string, number>> {
  const phases = await page.evaluate(
    () => (window as unknown as { __phases: Record<string, number> }).__phases,
  );
  return Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, +v.toFixed(1)]));
}

test('time to result of the default six-grouping comparison', async ({ page, browser }) => {
  test.skip(process.env.BENCH_SKIP_COMPARISON === '1', 'BENCH_SKIP_COMPARISON=1');
  // About 7 minutes in Node on wasm; a busy 2-core machine can double that.
  test.setTimeout(30 * 60_000);
  const machine = machineInfo();
  console.log(machineLine(machine));
  const { backend, why } = chooseBackend();
  await probeLongTasks(page);
  const workers = repeatWorkers();
  const dataset = await openApp(
    page,
    backend,
    false,
    `${workers ? `&repeatWorkers=${workers}` : ''}${process.env.BENCH_QUERY ?? ''}`,
  );
  const badge = ((await page.getByTestId('backend-badge').textContent()) ?? '').trim();
  console.log(`chromium ${browser.version()}; ${badge} (${why}); default config; ${dataset}`);
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 120_000 });
  await sleep(1000); // let start-up settle before the memory baseline
  // Only tasks during the run count: clear what opening the page produced.
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
  });
  const sampler = startRssSampler(1000);
  // Main-thread busy time over the run (Chromium's own counters): on 2 cores every second the page
  // spends rendering is a second the training workers do not get.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await mainThreadSeconds(cdp);
  // BENCH_MAIN_PROFILE=file: also a sampling CPU profile of the main thread over the run.
  const profilePath = process.env.BENCH_MAIN_PROFILE;
  if (profilePath) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await watchPhases(page);
  const t0 = Date.now();
  await page.getByTestId('start-run').click();
  // Ends on any final status, so a failed run stops the bench at once with its reason.
  await expect(page.getByTestId('run-status')).toHaveText(/done|error|cancelled/, { timeout: 29 * 60_000 });
  const wallS = (Date.now() - t0) / 1000;
  const after = await mainThreadSeconds(cdp);
  const phases = await phaseTimes(page);
  if (profilePath) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
  }
  const mainThread = Object.fromEntries(
    Object.entries(after).map(([k, v]) => [k, +(v - (before[k] ?? 0)).toFixed(2)]),
  );
  const status = (await page.getByTestId('run-status').textContent()) ?? '';
  if (status !== 'done') {
    const reason = await page
      .getByTestId('run-error')
      .textContent({ timeout: 5000 })
      .catch(() => '');
    throw new Error(`the run ended ${status}: ${reason}`);
  }
  const groupings = await page.locator('[data-testid^=progress-]').count();
  const fingerprint = ((await page.getByTestId('results-fingerprint').textContent()) ?? '').trim();
  await sleep(1000); // long-task entries arrive after their task ends
  const rss = sampler.stop();
  const tasks = (
    await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
  ).sort((a, b) => b - a);
  const longest = tasks[0] ?? 0;
  const over = tasks.filter((d) => d > LONG_TASK_TARGET_MS).length;
  const min = Math.floor(wallS / 60);
  const phaseLine = Object.entries(phases)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const layoutAndStyle = (mainThread.LayoutDuration ?? 0) + (mainThread.RecalcStyleDuration ?? 0);
  const mainLine = `main thread busy ${mainThread.TaskDuration} s (script ${mainThread.ScriptDuration} s, layout and style ${layoutAndStyle.toFixed(2)} s)`;
  console.log(
    `${groupings}-grouping comparison on ${backend}: ${wallS.toFixed(1)} s (${min} min ${(wallS - 60 * min).toFixed(0)} s) from Start to done; ` +
      `repeats at once: ${workers ?? 'default'}; fingerprint ${fingerprint}; phases from Start (s): ${phaseLine}; ${mainLine}; ` +
      `main-thread long tasks: ${tasks.length}, longest ${longest.toFixed(0)} ms, over ${LONG_TASK_TARGET_MS} ms: ${over}; ${rssLine(rss)}`,
  );
  writeResult(workers ? `browser-comparison-workers-${workers}.json` : 'browser-comparison.json', {
    date: new Date().toISOString(),
    machine,
    chromium: browser.version(),
    backend,
    backendWhy: why,
    badge,
    config: 'default (?v=2: six groupings, default simulated dataset)',
    dataset,
    groupings,
    repeatWorkers: workers ?? 'default',
    predictionFingerprint: fingerprint,
    wallSeconds: +wallS.toFixed(1),
    mainThreadSeconds: mainThread,
    phaseStartSeconds: phases,
    longTasks: tasks.length,
    longestTaskMs: Math.round(longest),
    longTasksOver200Ms: over,
    topLongTasksMs: tasks.slice(0, 10).map(Math.round),
    rss,
  });
});
