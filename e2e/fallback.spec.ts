import { expect, test } from '@playwright/test';

// Runs in the 'chromium-no-webgpu' project: Chromium started without --enable-unsafe-webgpu.
test('without WebGPU the quick preset completes on a fallback backend and the UI says which and why', async ({
  page,
}) => {
  await page.goto('/');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toBeVisible({ timeout: 60_000 });
  const backend = await badge.getAttribute('data-backend');
  expect(['webgl', 'wasm', 'cpu']).toContain(backend);
  await expect(page.getByTestId('backend-fallback-reason')).toContainText(/webgpu/i);
  await expect(page.getByTestId('backend-fallback-reason')).toContainText(backend!);
  await page.getByTestId('preset-quick').click();
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 480_000 });
  await expect(page.getByTestId('results-table')).toBeVisible();
  await expect(page.getByTestId('results-backend')).toContainText(backend!);
});
