import { expect, test } from '@playwright/test';
import type { StepsReport } from '../src/app/harness';

const STEPS = 4;

test('webgpu, webgl and wasm agree with cpu on a few training steps of the joint model in Chromium', async ({
  page,
}) => {
  await page.goto('/harness.html');
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
  const run = (backend: string) =>
    page.evaluate(
      ([b, n]) => window.coldStartHarness.trainSteps(b as 'cpu', n as number),
      [backend, STEPS],
    ) as Promise<StepsReport>;
  const cpu = await run('cpu');
  expect(cpu.backend).toBe('cpu');
  expect(cpu.losses).toHaveLength(STEPS);
  expect(cpu.predictions.length).toBeGreaterThan(50);
  for (const backend of ['webgpu', 'webgl', 'wasm']) {
    const other = await run(backend);
    expect(other.backend).toBe(backend);
    expect(other.losses).toHaveLength(STEPS);
    for (let s = 0; s < STEPS; s++) {
      expect(other.losses[s]).toHaveLength(5);
      other.losses[s].forEach((l, t) =>
        expect(Math.abs(l - cpu.losses[s][t]), `${backend} step ${s} task ${t}`).toBeLessThan(1e-4),
      );
    }
    other.predictions.forEach((p, i) =>
      expect(Math.abs(p - cpu.predictions[i]), `${backend} row ${i}`).toBeLessThan(1e-4),
    );
    // Training must leave no tensor behind.
    expect(other.tensorsAfter).toBe(other.tensorsBefore);
  }
  expect(cpu.tensorsAfter).toBe(cpu.tensorsBefore);
});
