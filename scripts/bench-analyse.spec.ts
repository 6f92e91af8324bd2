/**
 * Browser part of the analyse benchmark (`TOOL=bench-analyse npx playwright test -c
 * playwright.tools.config.ts`, after `vite build`): the same synthetic predictions file as
 * scripts/bench-analyse.ts (BENCH_ROWS rows, default 1,000,000) analysed in headless Chromium
 * through "Analyse predictions", with the bootstrap off (`?bootstrap=0`: the resamples cost
 * O(rows) each and would dominate). Reports rows/s from the input's change to the summary, and
 * the renderer's resident memory (where the worker lives) before and at its peak, per row.
 * Writes bench/results/browser-analyse.json.
 */
import { statSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { predictionsFile } from './bench-analyse';
import {
  fmt,
  machineInfo,
  machineLine,
  mib,
  rssLine,
  sleep,
  startRssSampler,
  writeResult,
} from './bench-support';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

interface Marks {
  change?: number;
  done?: number;
}

/** When the predictions input changed and when the summary appeared (page clock). */
function pageProbe() {
  const w = window as unknown as { __bench: Marks };
  w.__bench = {};
  document.addEventListener(
    'change',
    (e) => {
      if ((e.target as HTMLElement | null)?.dataset?.testid === 'predictions-input')
        w.__bench.change = performance.now();
    },
    true,
  );
  const watch = () =>
    new MutationObserver((_, obs) => {
      if (w.__bench.change !== undefined && document.querySelector('[data-testid=analysis-summary]')) {
        w.__bench.done = performance.now();
        obs.disconnect();
      }
    }).observe(document.documentElement, { childList: true, subtree: true });
  if (document.documentElement) watch();
  else document.addEventListener('DOMContentLoaded', watch);
}

test(`analyse ${fmt(ROWS)} prediction rows in the browser: rows/s and renderer memory`, async ({ page }) => {
  test.setTimeout(30 * 60_000);
  const machine = machineInfo();
  console.log(machineLine(machine));
  const path = await predictionsFile(ROWS);
  const bytes = statSync(path).size;
  await page.addInitScript(pageProbe);
  await page.goto('/?v=2&bootstrap=0');
  await expect(page.locator('[data-testid=dataset-status][data-status=ready]')).toBeVisible({
    timeout: 300_000,
  });
  await page.getByTestId('tab-load').click();
  await sleep(2000); // let the start-up settle before the baseline
  const rss = startRssSampler();
  await page.getByTestId('predictions-input').setInputFiles(path);
  const done = page.locator('[data-testid=analysis-summary], [data-testid=analysis-error]').first();
  await done.waitFor({ timeout: 25 * 60_000 });
  const peaks = rss.stop();
  await expect(page.getByTestId('analysis-summary')).toContainText(`${fmt(ROWS)} rows, 2 models`);
  const marks = await page.evaluate(() => (window as unknown as { __bench: Marks }).__bench);
  const wallMs = (marks.done ?? Number.NaN) - (marks.change ?? Number.NaN);
  const rowsPerSec = ROWS / (wallMs / 1000);
  const perRow = peaks ? ((peaks.renderer.peakMiB - peaks.renderer.beforeMiB) * 2 ** 20) / ROWS : Number.NaN;
  console.log(
    `browser analyse, ${fmt(ROWS)} rows (${mib(bytes)} CSV), bootstrap 0: ${(wallMs / 1000).toFixed(1)} s from the ` +
      `file to the summary = ${fmt(rowsPerSec)} rows/s; ${rssLine(peaks)}; renderer peak ${fmt(perRow)} bytes/row over its start`,
  );
  writeResult('browser-analyse.json', {
    machine,
    rows: ROWS,
    fileBytes: bytes,
    bootstrap: 0,
    wallMs: Math.round(wallMs),
    rowsPerSec: Math.round(rowsPerSec),
    rss: peaks,
    rendererPeakBytesPerRow: Math.round(perRow),
  });
});
