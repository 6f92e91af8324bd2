/**
 * The browser console stays free of errors on first load (no missing favicon or asset, no
 * warning promoted to an error) and through a whole run of the opening preset on the default
 * backend; no response fails.
 */
import { expect, test } from '@playwright/test';

test('first load and a run log no console error and no failed request', async ({ page }) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 120_000,
  });
  expect(errors, 'on first load').toEqual([]);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 240_000 });
  await expect(page.getByTestId('results-table')).toBeVisible();
  expect(errors, 'through a run').toEqual([]);
});
