import { expect, test } from '@playwright/test';
import type { StepsReport } from '../src/app/harness';

test('webgpu and cpu agree on a few training steps of the joint model in Chromium', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  const run = (backend: string) =>
    page.evaluate(
      (b) => window.coldStartHarness.trainSteps(b as 'cpu' | 'webgpu', 4),
      backend,
    ) as Promise<StepsReport>;
  const gpu = await run('webgpu');
  const cpu = await run('cpu');
  expect(gpu.backend).toBe('webgpu');
  expect(cpu.backend).toBe('cpu');
  expect(gpu.losses).toHaveLength(4);
  expect(cpu.losses).toHaveLength(4);
  for (let s = 0; s < 4; s++) {
    expect(gpu.losses[s]).toHaveLength(5);
    gpu.losses[s].forEach((l, t) => expect(Math.abs(l - cpu.losses[s][t])).toBeLessThan(1e-4));
  }
  expect(gpu.predictions.length).toBeGreaterThan(50);
  gpu.predictions.forEach((p, i) => expect(Math.abs(p - cpu.predictions[i])).toBeLessThan(1e-4));
  // Training must leave no tensor behind on either backend.
  expect(gpu.tensorsAfter).toBe(gpu.tensorsBefore);
  expect(cpu.tensorsAfter).toBe(cpu.tensorsBefore);
});
