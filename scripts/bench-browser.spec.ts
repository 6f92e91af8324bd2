/**
 * Browser part of `npm run bench`: runs the quick preset in headless Chromium (WebGPU on) and
 * reports the longest main-thread task during the run (PerformanceObserver 'longtask', tasks of
 * 50 ms or more), the run's wall time and the backend. Writes bench/results/browser-run.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

test('longest main-thread task while the quick preset trains', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const backend = process.env.BENCH_BACKEND ?? 'webgpu';
  await page.goto(`/?backend=${backend}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend, {
    timeout: 60_000,
  });
  await page.getByTestId('preset-quick').click();
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 120_000 });
  // Only tasks during training count: clear what loading the page produced.
  await page.evaluate(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
  });
  const t0 = Date.now();
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 900_000 });
  const wallS = (Date.now() - t0) / 1000;
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const badge = (await page.getByTestId('backend-badge').textContent()) ?? '';
  const result = {
    date: new Date().toISOString(),
    preset: 'quick',
    backend: badge.trim(),
    runWallSeconds: +wallS.toFixed(1),
    longTasks: tasks.length,
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
  };
  console.log(
    `browser (${result.backend}): quick preset in ${result.runWallSeconds} s; main-thread long tasks (>= 50 ms) during the run: ` +
      `${result.longTasks}, longest ${result.longestTaskMs.toFixed(0)} ms`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/browser-run-${backend}.json`, `${JSON.stringify(result, null, 2)}\n`);
});
