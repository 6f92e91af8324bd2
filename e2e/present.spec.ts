/**
 * Presentation mode on imported results (the unit tests' sample, so no training is needed): the
 * keys move through the slides, Esc leaves, the last slide holds the share link, and at 1280x720
 * and 1920x1080 nothing on any slide leaves the screen and table text is large.
 */
import { expect, type Page, test } from '@playwright/test';
import { decodeConfig } from '../src/core/config/url-codec';
import { resultsToJson } from '../src/core/results/results-io';
import { SAMPLE_CONFIG, sampleResults } from '../src/core/results/results-sample';
import { rigorFixture } from '../src/core/results/rigor-fixture';
import { outside } from './slide-fit';

/** The sample with a rigor section, so the deck has its budget-replay slide too. */
const SAMPLE = { ...sampleResults(), rigor: rigorFixture({ expected: true }) };
const SLIDE_COUNT = 9; // with the verdicts and the budget-replay slides

async function importSample(page: Page) {
  await page.goto('/?backend=cpu');
  await expect(page.getByTestId('backend-badge')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('import-results-input').setInputFiles({
    name: 'sample.json',
    mimeType: 'application/json',
    buffer: Buffer.from(resultsToJson(SAMPLE)),
  });
  await expect(page.getByTestId('import-status')).toContainText('(6 groupings)');
}

test('the keys move through the slides, Esc leaves, and the last slide gives the share link', async ({
  page,
}) => {
  await importSample(page);
  await page.getByTestId('present-open').click();
  const deck = page.getByTestId('presentation');
  const counter = page.getByTestId('slide-counter');
  await expect(counter).toHaveText(`1 / ${SLIDE_COUNT}`);
  const moves: [string, number][] = [
    ['ArrowRight', 2],
    ['Space', 3],
    ['PageDown', 4],
    ['ArrowLeft', 3],
    ['PageUp', 2],
    ['End', SLIDE_COUNT],
    ['ArrowRight', SLIDE_COUNT],
    ['Home', 1],
    ['ArrowLeft', 1],
  ];
  for (const [key, slide] of moves) {
    await page.keyboard.press(key);
    await expect(counter).toHaveText(`${slide} / ${SLIDE_COUNT}`);
  }
  // A click on Next, then Space: one slide each (the button does not keep the focus and fire again).
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(counter).toHaveText(`2 / ${SLIDE_COUNT}`);
  await page.keyboard.press('Space');
  await expect(counter).toHaveText(`3 / ${SLIDE_COUNT}`);
  await page.keyboard.press('End');
  const link = (await page.getByTestId('slide-share-link').textContent()) ?? '';
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?v=2&/);
  expect(decodeConfig(link).config).toEqual(SAMPLE_CONFIG);
  await page.keyboard.press('Escape');
  await expect(deck).toHaveCount(0);
  await expect(page.getByTestId('present-open')).toBeFocused();
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`every slide fits ${size.width}x${size.height} with large table text`, async ({ page }) => {
    await page.setViewportSize(size);
    await importSample(page);
    await page.getByTestId('present-open').click();
    for (let n = 1; n <= SLIDE_COUNT; n++) {
      await expect(page.getByTestId('slide-counter')).toHaveText(`${n} / ${SLIDE_COUNT}`);
      if ([5, 6, 8].includes(n))
        await expect(page.locator('[data-testid^="slide-chart-"] svg').first()).toBeVisible();
      expect(await outside(page), `slide ${n}`).toEqual([]);
      const cellPx = await page
        .getByTestId('presentation')
        .locator('td')
        .evaluateAll((tds) => tds.map((td) => Number.parseFloat(getComputedStyle(td).fontSize)));
      if (size.width === 1920)
        for (const px of cellPx) expect(px, `slide ${n} table text`).toBeGreaterThanOrEqual(24);
      await page.keyboard.press('ArrowRight');
    }
  });
}
