/**
 * Study links end to end on tiny data: a link with `study=ablation&ablate=...&arms=...&autorun=1`
 * trains that grid (an unknown arm is dropped with a notice, and such a link waits for Start), and one with `study=cold-start` the
 * cold start; after a reload each is in History under its kind, presents its own slides (the
 * grid's arms with their intervals), and exports as one standalone HTML file that opens with no
 * network request and holds its table and its charts as SVG. The console stays free of errors
 * throughout. wasm keeps the small trainings quick.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { chartKinds, openOffline } from './offline-html';
import { watchErrors } from './watch-errors';

/** Tiny simulated data where both channels have test positives (6 days: 4 train, 1 val, 1 test). */
const TINY =
  'v=1&groupings=promo-mtl,joint-5task&users=200&shows=40&days=6&per_day=300' +
  '&epochs=1&batch=64&emb=4&encoder=16&tower=8&experts=2&expert_units=8&bootstrap=50&backend=wasm';

/** Reloads the page (the address no longer asks to autorun) and waits for History. */
async function reloadToHistory(page: Page) {
  await page.reload();
  await expect(page.getByTestId('history-panel')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  // Not started again: a reload keeps the study in the address but never autorun.
  await expect(page.getByTestId('run-status')).toHaveText('idle');
}

/** Exports History's only run as standalone HTML, saved under the test's output. */
async function exportRun(page: Page, path: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('deck-history-run').getByTestId('deck-export-run').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  await download.saveAs(path);
  const html = readFileSync(path, 'utf8');
  expect(html).not.toMatch(/<script/i);
  return html;
}

test('an ablation study link runs its grid, keeps it in History, presents and exports it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(480_000);
  const errors = watchErrors(page);
  const link = `/?${TINY}&repeats=2&study=ablation&ablate=joint-5task&arms=no-anc,drop-user`;
  // An unknown arm is dropped with a notice; a link with a problem never starts by itself.
  await page.goto(`${link},bogus&autorun=1`);
  await expect(page.getByTestId('notice')).toContainText([
    'arms: ignored unknown bogus',
    /not started by itself/,
  ]);
  // The panel shows the link's grid: its target, and only the named arms ticked (full always).
  const panel = page.getByTestId('ablation-panel');
  await expect(panel.getByTestId('ablation-target')).toHaveValue('joint-5task');
  await expect(panel.locator('[data-arm][data-trains="1"]')).toHaveCount(3);
  await expect(page.getByTestId('run-status')).toHaveText('idle');

  await page.goto(`${link}&autorun=1`);
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 420_000 });
  const rows = page.getByTestId('ablation-table').locator('tbody tr');
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-arm')))).toEqual([
    'full',
    'no-anc',
    'drop-user',
  ]);

  await reloadToHistory(page);
  await expect(page.getByTestId('history-kind')).toHaveText('Ablation grid');
  await page.getByTestId('history-present').click();
  const deck = page.getByTestId('presentation');
  await expect(page.getByTestId('slide-title')).toHaveText(/^Ablation grid: /);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slide-title')).toHaveText(/each arm against full$/);
  await expect(deck.locator('tr[data-arm]')).toHaveCount(3);
  // Each changed arm: its change per channel with the interval over the two seeds, and the bootstrap's.
  for (const arm of ['no-anc', 'drop-user']) {
    const tr = deck.locator(`tr[data-arm="${arm}"]`);
    for (const c of ['promo', 'ad'])
      await expect(tr.locator(`[data-channel="${c}"]`)).toHaveText(
        /^[+-]\d+\.\d% \[[+-]\d+\.\d%, [+-]\d+\.\d%\]$/,
      );
    await expect(tr).toContainText(/bootstrap \[[+-]\d+\.\d%, [+-]\d+\.\d%\]/);
  }
  await page.keyboard.press('ArrowRight');
  await expect(deck.getByTestId('slide-chart-ablation').locator('.recharts-errorBar').first()).toBeVisible();
  await page.keyboard.press('Escape');

  const path = testInfo.outputPath('grid.html');
  const html = await exportRun(page, path);
  // The share link in the file reproduces the study, not just the config.
  expect(html).toMatch(/study=ablation/);
  const offline = await openOffline(browser, path);
  await expect(offline.page.locator('section[data-kind="ablation:arms"] table tr[data-arm]')).toHaveCount(3);
  expect(await chartKinds(offline.page)).toEqual(['ablation:chart']);
  expect(offline.requests).toEqual([]);
  await offline.close();
  expect(errors).toEqual([]);
});

test('a cold-start study link runs the cold start, keeps it in History, presents and exports it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(480_000);
  const errors = watchErrors(page);
  await page.goto(`/?${TINY}&study=cold-start&new_task=ad_stream&budgets=5,50&autorun=1`);
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 420_000 });
  await expect(page.getByTestId('cold-start-results')).toContainText('New task ad_stream');

  await reloadToHistory(page);
  await expect(page.getByTestId('history-kind')).toHaveText('Cold start');
  await page.getByTestId('history-present').click();
  await expect(page.getByTestId('slide-title')).toHaveText(/^Cold start: /);
  await page.keyboard.press('ArrowRight');
  await expect(
    page.getByTestId('slide-chart-cold-start-all').locator('circle[data-series]').first(),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  const path = testInfo.outputPath('cold-start.html');
  const html = await exportRun(page, path);
  expect(html).toMatch(/study=cold-start/);
  const offline = await openOffline(browser, path);
  // Three methods at two budgets in the table; both curves (all rows, less-streamed) as SVG.
  await expect(
    offline.page.locator('section[data-kind="cold-start:table"] table td[data-method]'),
  ).toHaveCount(6);
  expect(await chartKinds(offline.page)).toEqual(['cold-start:curves', 'cold-start:curves']);
  expect(offline.requests).toEqual([]);
  await offline.close();
  expect(errors).toEqual([]);
});

test('a tuning link tries the same recipes per grouping on validation, then shows the trials, the verdicts and the report', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const errors = watchErrors(page);
  await page.goto(`/?${TINY}&repeats=2&tune=3&autorun=1`);
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 420_000 });
  const panel = page.getByTestId('tuning-panel');
  await expect(panel).toContainText('3 recipes per grouping by successive halving in rungs of 3, 2 recipes');
  const rows = page.getByTestId('tuning-table').locator('tbody tr');
  await expect(rows).toHaveCount(6); // 2 groupings x 3 trials
  await expect(page.getByTestId('tuning-table').locator('tbody tr[data-chosen="true"]')).toHaveCount(2);
  await expect(page.getByTestId('chart-tuning').locator('svg').first()).toBeVisible();
  // Each grouping's trial 0 is the link's own recipe (1 epoch, width 4).
  await expect(rows.nth(0)).toContainText('1 ep, emb 4');
  // Two seeds: every verdict names its evidence.
  await expect(page.getByTestId('verdicts').locator('li')).toHaveCount(4);
  await expect(page.getByTestId('verdicts').locator('li').first()).toContainText('seeds 95%');
  await expect(page.getByTestId('rigor-tune').locator('input')).toHaveValue('3');
  expect(errors).toEqual([]);
});
