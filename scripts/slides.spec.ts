/**
 * `npm run screenshots` (or TOOL=slides alone): every presentation slide at 1920x1080 and
 * 1280x720 in docs/screenshots/slide-<n>-<size>.png, after a real run of the quick preset. The
 * tool also fails when anything on a slide reaches outside the window (cut off).
 */
import { expect, test } from '@playwright/test';

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1280x720', width: 1280, height: 720 },
];

test('presentation slides', async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await page.goto('/');
  await expect(page.getByTestId('backend-badge')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('preset-quick').click();
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 600_000 });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.getByTestId('present-open').click();
    await page.mouse.move(0, 0); // off the charts: a hover tooltip is not part of a slide
    const counter = page.getByTestId('slide-counter');
    const total = Number(/\/ (\d+)/.exec((await counter.textContent()) ?? '')?.[1]);
    for (let n = 1; n <= total; n++) {
      await expect(counter).toHaveText(`${n} / ${total}`);
      const chart = page.locator('[data-testid^="slide-chart-"] .recharts-wrapper > svg');
      if ((await page.locator('[data-testid^="slide-chart-"]').count()) > 0)
        await expect(chart).toBeVisible();
      const cut = await page.getByTestId('presentation').evaluate(
        (root) =>
          Array.from(root.querySelectorAll('*')).filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width + r.height > 0 && (r.right > innerWidth + 1 || r.bottom > innerHeight + 1);
          }).length,
      );
      expect(cut, `slide ${n} at ${size.name}: elements outside the window`).toBe(0);
      await page.screenshot({ path: `docs/screenshots/slide-${n}-${size.name}.png` });
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('presentation')).toHaveCount(0);
  }
});
