import { expect, type Page, test } from '@playwright/test';
import type { CslTest } from '../src/app/test-hook';

/** Types a value into a config field and commits it with Enter. */
async function setField(page: Page, key: string, value: string) {
  const input = page.getByTestId(`field-${key}`);
  await input.fill(value);
  await input.press('Enter');
}

/**
 * Runs the quick preset (all six groupings on a tiny simulated dataset) and waits for results.
 * `tweak` changes fields after the preset is applied.
 */
async function runQuickPreset(page: Page, tweak?: (page: Page) => Promise<void>) {
  await page.getByTestId('preset-quick').click();
  await tweak?.(page);
  const start = page.getByTestId('start-run');
  await expect(start).toBeEnabled({ timeout: 60_000 });
  await start.click();
  await expect(page.getByTestId('run-status')).toHaveText(/running/, { timeout: 30_000 });
  // Progress is visible while it trains.
  await expect(page.locator('[data-testid^="progress-"][aria-valuenow]').first()).toBeVisible();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 480_000 });
}

async function tableAps(page: Page): Promise<number[]> {
  const cells = await page
    .getByTestId('results-table')
    .locator('[data-ap]')
    .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.ap)));
  return cells;
}

test('a new user runs the quick preset on WebGPU and gets the table and both tier charts', async ({
  page,
}) => {
  // Forced: on a software adapter the automatic trial would (rightly) pick wasm.
  await page.goto('/?backend=webgpu');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  await runQuickPreset(page);
  const table = page.getByTestId('results-table');
  await expect(table).toBeVisible();
  for (const id of ['promo-mtl', 'promo-stream', 'ads-stream', 'ads-anc', 'joint-5task', 'ads-stream-pooled'])
    await expect(table).toContainText(id);
  const aps = await tableAps(page);
  expect(aps.length).toBe(12);
  for (const ap of aps) expect(ap).toBeGreaterThan(0);
  for (const chart of ['tier-chart-promo', 'tier-chart-ad']) {
    const c = page.getByTestId(chart);
    await expect(c).toBeVisible();
    for (let t = 0; t < 8; t++) await expect(c.getByText(`Tier ${t}`, { exact: true })).toBeVisible();
  }
  await expect(page.getByTestId('results-backend')).toContainText('webgpu');
});

/**
 * Starts a study that the worker holds in `phase` (the `?testhooks=1` hook): the cancel then lands
 * in that phase for certain, however fast the run would otherwise be.
 */
async function startHeldIn(page: Page, phase: string) {
  await page.goto('/?testhooks=1');
  await expect(page.getByTestId('backend-badge')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => window.__cslTest !== undefined);
  await page.evaluate((p) => (window.__cslTest as CslTest).hold(p as never), phase);
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', phase, { timeout: 480_000 });
  await expect(page.getByTestId('run-status')).toHaveText('running');
}

for (const phase of ['training', 'bootstrap']) {
  test(`cancel during ${phase} ends the run as cancelled and leaves the app usable`, async ({ page }) => {
    await startHeldIn(page, phase);
    await page.getByTestId('cancel-run').click();
    await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 30_000 });
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', '');
    // Nothing was saved or shown as a result of the cancelled run.
    await expect(page.getByTestId('results-table')).toHaveCount(0);
    // The worker is free: the next run trains to the end.
    await page.getByTestId('start-run').click();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 480_000 });
  });
}

test('webgpu and cpu give the same APs for the same tiny config (to 1e-3)', async ({ page }) => {
  // One epoch on a larger test day: float32 differences between backends grow with every step
  // (and webgpu's scatter-add of embedding gradients sums in no fixed order), and with only a
  // handful of test positives one swapped rank moves AP by more than 1e-3.
  const tweak = async (p: Page) => {
    await setField(p, 'per_day', '1500');
    await setField(p, 'epochs', '1');
  };
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await runQuickPreset(page, tweak);
  // The tweak took: one test day of 1,500 impressions.
  await expect(page.getByTestId('results-panel')).toContainText('1,500 test rows');
  const cpu = await tableAps(page);
  await page.goto('/?backend=webgpu');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', {
    timeout: 60_000,
  });
  await runQuickPreset(page, tweak);
  await expect(page.getByTestId('results-panel')).toContainText('1,500 test rows');
  const gpu = await tableAps(page);
  expect(gpu.length).toBe(12);
  gpu.forEach((ap, i) =>
    expect(Math.abs(ap - cpu[i]), `AP ${i}: webgpu ${ap} vs cpu ${cpu[i]}`).toBeLessThan(1e-3),
  );
});
