/**
 * The review deck on History seeded with one study of each kind (src/store/deck-fixture.ts, put
 * straight into IndexedDB, so no training is needed): an ablation grid presents its arms with
 * their intervals and its chart with error bars; a cold start its curves; three runs present as
 * one deck in the chosen order; and the standalone HTML export of the deck and of a single run
 * opens with no network request and holds the tables and the charts as SVG.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { openOffline } from './offline-html';
import { deckFixtureRecords } from '../src/store/deck-fixture';
import { outside } from './slide-fit';

const RECORDS = deckFixtureRecords();

async function openWithHistory(page: Page) {
  await page.goto('/?backend=cpu');
  const history = page.getByTestId('history-panel');
  await expect(history).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.evaluate(async (records) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('cold-start-lab');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('runs', 'readwrite');
      for (const r of records) tx.objectStore('runs').put(r);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, RECORDS);
  await page.reload();
  await expect(history).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('deck-history-run')).toHaveCount(RECORDS.length);
}

const row = (page: Page, id: string) => page.locator(`[data-testid="deck-history-run"][data-run-id="${id}"]`);
const title = (page: Page) => page.getByTestId('slide-title');

const CHART_SLIDES = new Set(['tiers', 'replay', 'diagnostics', 'chart', 'curves']);

/**
 * Every slide's kind and heading, walking the open presentation from its first slide to its
 * last; each slide, once its charts are drawn, must fit the window.
 */
async function walk(page: Page): Promise<{ kind: string; heading: string }[]> {
  const deck = page.getByTestId('presentation');
  const total = Number((await page.getByTestId('slide-counter').textContent())?.split('/')[1]);
  const seen: { kind: string; heading: string }[] = [];
  for (let n = 1; n <= total; n++) {
    await expect(deck).toHaveAttribute('data-slide', String(n));
    const kind = (await deck.getAttribute('data-slide-kind')) ?? '';
    if (CHART_SLIDES.has(kind))
      await expect(deck.locator('[data-testid^="slide-chart-"] svg').first()).toBeVisible();
    expect(await outside(page), `slide ${n}`).toEqual([]);
    seen.push({
      kind,
      heading: (await title(page).textContent()) ?? '',
    });
    await page.keyboard.press('ArrowRight');
  }
  return seen;
}

test('an ablation grid and a cold start from History present their own slides', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openWithHistory(page);

  await row(page, 'run-grid').getByTestId('deck-present-run').click();
  const deck = page.getByTestId('presentation');
  await expect(title(page)).toHaveText('Ablation grid: Grid of joint-5task');
  await page.keyboard.press('ArrowRight');
  await expect(title(page)).toHaveText('Grid of joint-5task: each arm against full');
  const arms = deck.locator('tr[data-arm]');
  await expect(arms).toHaveCount(3);
  // no-anc changes promotions AP by +5.0% [+2.0%, +8.0%] over seeds, bootstrap [+2.5%, +7.5%].
  const noAnc = deck.locator('tr[data-arm="no-anc"]');
  await expect(noAnc.locator('[data-channel="promo"]')).toHaveText('+5.0% [+2.0%, +8.0%]');
  await expect(noAnc).toContainText('[+2.5%, +7.5%]');
  await page.keyboard.press('ArrowRight');
  const chart = deck.getByTestId('slide-chart-ablation');
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  // Error bars on both channels of both changed arms.
  await expect(chart.locator('.recharts-errorBar')).toHaveCount(4);
  await page.keyboard.press('Escape');
  await expect(deck).toHaveCount(0);
  await expect(row(page, 'run-grid').getByTestId('deck-present-run')).toBeFocused();

  await row(page, 'run-cold').getByTestId('deck-present-run').click();
  await expect(title(page)).toHaveText('Cold start: Cold start of ad_stream');
  await page.keyboard.press('ArrowRight');
  for (const seg of ['all', 'less-streamed'])
    await expect(
      deck.getByTestId(`slide-chart-cold-start-${seg}`).locator('circle[data-series]'),
    ).toHaveCount(
      seg === 'all' ? 12 : 11, // finetune's less-streamed AP at 1% is undefined: drawn as n/a, not a dot
    );
  await page.keyboard.press('ArrowRight');
  await expect(deck.locator('td[data-method="finetune"][data-budget="1"]')).toHaveAttribute(
    'data-ap',
    '0.16',
  );
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

test('three runs present as one deck in the chosen order and export as one standalone HTML file', async ({
  page,
  browser,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 720 }); // a projector: every slide must fit it
  await openWithHistory(page);
  for (const id of ['run-cmp', 'run-cold', 'run-grid']) await row(page, id).getByTestId('deck-add').click();
  const items = page.getByTestId('deck-item');
  await items.filter({ hasText: 'Grid of joint-5task' }).getByTestId('deck-up').click();
  await expect(items.getByTestId('deck-run-name')).toHaveText([
    'Joint vs promotions',
    'Grid of joint-5task',
    'Cold start of ad_stream',
  ]);

  await page.getByTestId('deck-present').click();
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 18');
  const slides = await walk(page);
  expect(slides.filter((s) => s.kind === 'title').map((s) => s.heading)).toEqual([
    '1/3 · Comparison: Joint vs promotions',
    '2/3 · Ablation grid: Grid of joint-5task',
    '3/3 · Cold start: Cold start of ad_stream',
  ]);
  expect(slides.map((s) => s.kind).filter((k) => k === 'share')).toHaveLength(3);

  // One click in the show exports the deck it shows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('present-export-html').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^cold-start-lab-deck-3-runs-\d{4}-\d\d-\d\d\.html$/);
  const path = testInfo.outputPath('deck.html');
  await download.saveAs(path);
  const html = readFileSync(path, 'utf8');
  expect(html).not.toMatch(/<script/i);
  const links = [...html.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?v=2&/);

  const offline = await openOffline(browser, path);
  const doc = offline.page;
  await expect(doc.locator('section.deck-slide')).toHaveCount(18);
  await expect(doc.locator('section.deck-slide[data-kind$=":title"] > h2')).toHaveText(
    slides.filter((s) => s.kind === 'title').map((s) => s.heading),
  );
  await expect(doc.locator('section[data-kind="ablation:arms"] table tr[data-arm]')).toHaveCount(3);
  // The charts as SVG with their marks: tiers (2), replay, diagnostics, the grid's bars, the cold-start curves (2).
  // (Legend swatches are small SVGs too: a chart is one wider than 100px.)
  const charts = await doc.evaluate(() =>
    Array.from(document.querySelectorAll('section.deck-slide svg'))
      .filter((svg) => svg.getBoundingClientRect().width > 100)
      .map((svg) => svg.closest('section')?.getAttribute('data-kind')),
  );
  expect(charts).toEqual([
    'comparison:tiers',
    'comparison:tiers',
    'comparison:replay',
    'comparison:diagnostics',
    'ablation:chart',
    'cold-start:curves',
    'cold-start:curves',
  ]);
  // The grid's bars and their error bars (whiskers are lines) are in its SVG.
  expect(await doc.locator('section[data-kind="ablation:chart"] svg path').count()).toBeGreaterThan(4);
  await expect(doc.locator('section[data-kind="cold-start:curves"] svg circle[data-series]')).toHaveCount(23);
  expect(await doc.evaluate(() => document.scripts.length)).toBe(0);
  expect(offline.requests).toEqual([]);
  await offline.close();
});

test("a single cold start's report exports as one standalone HTML file", async ({
  page,
  browser,
}, testInfo) => {
  await openWithHistory(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row(page, 'run-cold').getByTestId('deck-export-run').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^cold-start-lab-cold-start-of-ad-stream-\d{4}-\d\d-\d\d\.html$/,
  );
  const path = testInfo.outputPath('cold-start.html');
  await download.saveAs(path);
  const offline = await openOffline(browser, path);
  const doc = offline.page;
  await expect(doc.locator('section.deck-slide')).toHaveCount(4);
  await expect(doc.locator('section[data-kind="cold-start:table"] table td[data-method]')).toHaveCount(12);
  await expect(doc.locator('section[data-kind="cold-start:curves"] svg circle[data-series]')).toHaveCount(23);
  expect(offline.requests).toEqual([]);
  await offline.close();
});
