import { expect, test } from '@playwright/test';

test('the built app times WebGPU and wasm on the joint model and applies the choice rule to the figures', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Cold-Start Lab' })).toBeVisible();
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toBeVisible({ timeout: 120_000 });
  const speed = async (b: string) => Number(await page.getByTestId(`trial-${b}`).getAttribute('data-ips'));
  const [gpu, wasm] = [await speed('webgpu'), await speed('wasm')];
  expect(gpu).toBeGreaterThan(0);
  expect(wasm).toBeGreaterThan(0);
  // WebGPU unless clearly slower (below 75% of the fastest); on SwiftShader it is emulated on the CPU.
  await expect(badge).toHaveAttribute('data-backend', gpu >= 0.75 * Math.max(gpu, wasm) ? 'webgpu' : 'wasm');
  await expect(page.getByTestId('backend-trial')).toContainText(/timed trial \(joint model, batch 512/);
});

test('?backend=webgpu forces WebGPU without a trial and names the adapter', async ({ page }) => {
  await page.goto('/?backend=webgpu');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  // On machines without a GPU the adapter is SwiftShader, a software fallback.
  await expect(badge).toContainText(/webgpu · \S+/);
  await expect(page.getByTestId('backend-trial')).toHaveCount(0);
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
