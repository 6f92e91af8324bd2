import { expect, test } from '@playwright/test';

test('the built app starts on the webgpu backend in Chromium with WebGPU on', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Cold-Start Lab' })).toBeVisible();
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toBeVisible({ timeout: 60_000 });
  await expect(badge).toHaveAttribute('data-backend', 'webgpu');
  // The adapter is named; on machines without a GPU it is SwiftShader, a software fallback.
  await expect(badge).toContainText(/webgpu · \S+/);
});

test('?backend=cpu forces the cpu backend', async ({ page }) => {
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
});

test('?backend=wasm starts the wasm backend from the served .wasm binaries', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
});
