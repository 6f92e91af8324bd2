/**
 * `npm run screenshots`: PNGs of the main views at 1280x800 and 1920x1080 in docs/screenshots/,
 * after a real run of the quick preset (nothing is mocked).
 */
import { expect, test } from '@playwright/test';

const SIZES = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1920x1080', width: 1920, height: 1080 },
];

for (const size of SIZES) {
  test(`screenshots at ${size.name}`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/');
    await expect(page.getByTestId('backend-badge')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('preset-quick').click();
    await page.getByTestId('build-dataset').click();
    await expect(page.getByTestId('dataset-summary')).toBeVisible({ timeout: 60_000 });
    const shot = async (view: string, testId: string) => {
      // Each view from its top, so the screenshots differ and show each panel's heading.
      await page.getByTestId(testId).evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `docs/screenshots/${view}-${size.name}.png` });
    };
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `docs/screenshots/overview-${size.name}.png` });
    await shot('dataset', 'dataset-panel');
    await shot('experiment', 'experiment-panel');
    await page.getByTestId('start-run').click();
    await expect
      .poll(
        async () =>
          Number(
            await page
              .locator('[data-testid^="progress-"][aria-valuenow]')
              .nth(1)
              .getAttribute('aria-valuenow'),
          ),
        {
          timeout: 300_000,
        },
      )
      .toBeGreaterThan(0);
    await shot('run', 'run-panel');
    await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 600_000 });
    await shot('results', 'results-panel');
    await page.getByTestId('tier-chart-ad').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `docs/screenshots/results-charts-${size.name}.png` });
  });
}
