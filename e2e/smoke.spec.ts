import { expect, test } from '@playwright/test';

test('the built app picks its backend by a timed trial of the joint model (WebGPU unless clearly slower; a software adapter is named, not timed)', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Cold-Start Lab' })).toBeVisible();
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toBeVisible({ timeout: 120_000 });
  const speed = async (b: string) => Number(await page.getByTestId(`trial-${b}`).getAttribute('data-ips'));
  const [gpu, wasm] = [await speed('webgpu'), await speed('wasm')];
  expect(wasm).toBeGreaterThan(0);
  if (gpu > 0) {
    // A real GPU: WebGPU unless clearly slower (below 75% of the fastest).
    await expect(badge).toHaveAttribute(
      'data-backend',
      gpu >= 0.75 * Math.max(gpu, wasm) ? 'webgpu' : 'wasm',
    );
  } else {
    // SwiftShader (no GPU here): a software adapter is named, not timed, and wasm wins.
    await expect(page.getByTestId('trial-webgpu')).toContainText('software adapter');
    await expect(badge).toHaveAttribute('data-backend', 'wasm');
  }
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

test('?backend=cpu forces the cpu backend; the menu switches to wasm, then back to the automatic trial', async ({
  page,
}) => {
  await page.goto('/?backend=cpu');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  const menu = page.getByTestId('backend-menu');
  await expect(menu).toHaveValue('cpu');
  await menu.selectOption('wasm');
  await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(badge).toContainText('(forced)');
  await menu.selectOption('auto');
  await expect(page.getByTestId('backend-trial')).toBeVisible({ timeout: 120_000 });
  await expect(badge).not.toContainText('(forced)');
  await expect(menu).toHaveValue('auto');
});

test('?backend=wasm starts the wasm backend from the served .wasm binaries', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
});
