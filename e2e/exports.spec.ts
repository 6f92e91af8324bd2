/**
 * Results exports against a real run: the JSON imports back into the same table, the CSV and the
 * Markdown report carry the numbers the screen shows, and a chart downloads as SVG and PNG.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import Papa from 'papaparse';
import { parsePipeTables } from '../src/core/results/reports/markdown';
import { formatAp, formatRel } from '../src/core/results/reports/tables';

/** Clicks a button that downloads, and returns the file's name and text (or bytes). */
async function download(page: Page, testId: string, path: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/**
 * Each data row of a table as its cells' texts; n/a cells read as 'n/a' (the screen adds why).
 * Results sections mount one per task after a run, so it first waits for the table's `rows` rows.
 */
async function tableTexts(page: Page, testId: string, rows: number): Promise<string[][]> {
  await expect(page.getByTestId(testId).locator('tbody tr')).toHaveCount(rows, { timeout: 30_000 });
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td')).map((td) => {
          const t = (td.textContent ?? '').trim();
          return t.startsWith('n/a') ? 'n/a' : t;
        }),
      ),
    );
}

const dataAps = (page: Page) =>
  page
    .getByTestId('results-table')
    .locator('[data-ap]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.ap ?? ''));

test('results export as JSON (importable), CSV, Markdown and chart SVG/PNG with the numbers on screen', async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const t0 = Date.now();
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await page.getByTestId('preset-quick').click();
  const epochs = page.getByTestId('field-epochs');
  await epochs.fill('1');
  await epochs.press('Enter');
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 180_000 });
  console.log(`run done after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const aps = await dataAps(page);
  expect(aps).toHaveLength(12);
  const screenT1 = await tableTexts(page, 'results-table', aps.length / 2);
  const rowIds = await page
    .getByTestId('results-table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.grouping ?? ''));

  // CSV: parses back, and its full-precision numbers are the screen's data-ap and formatted cells.
  const csv = await download(page, 'export-results-csv', info.outputPath('results.csv'));
  expect(csv.name).toMatch(/^cold-start-lab-\d{4}-\d\d-\d\d-\d{6}\.csv$/);
  const parsed = Papa.parse<Record<string, string>>(csv.bytes.toString('utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  const csvRow = (g: string, c: string, s: string) =>
    parsed.data.find((r) => r.grouping === g && r.channel === c && r.segment === s)!;
  const metric = (s: string) => (s === '' ? null : Number(s));
  rowIds.forEach((id, i) => {
    const [promo, ad] = [csvRow(id, 'promo', 'all'), csvRow(id, 'ad', 'all')];
    expect([promo.ap || 'n/a', ad.ap || 'n/a']).toEqual([aps[2 * i], aps[2 * i + 1]]);
    expect([formatRel(metric(promo.rel)), formatRel(metric(ad.rel))]).toEqual([
      screenT1[i][2],
      screenT1[i][4],
    ]);
  });
  for (const c of ['promo', 'ad']) {
    const screen = await tableTexts(page, `segment-table-${c}`, rowIds.length);
    rowIds.forEach((id, i) => {
      const [less, high] = [csvRow(id, c, 'less-streamed'), csvRow(id, c, 'high-stream')];
      expect(screen[i].slice(1)).toEqual([
        formatAp(metric(less.ap)),
        formatRel(metric(less.rel)),
        formatAp(metric(high.ap)),
        formatRel(metric(high.rel)),
      ]);
    });
  }

  // Markdown: the Table 1 cells are the screen's cells, the baseline marked; a share link.
  const md = (await download(page, 'export-report-md', info.outputPath('report.md'))).bytes.toString('utf8');
  const t1 = parsePipeTables(md).find((t) => t.header[1] === 'Promotions AP');
  expect(t1?.rows.map((r) => r.slice(1))).toEqual(screenT1.map((r) => r.slice(1)));
  expect(t1?.rows[0][0]).toBe('promo-mtl (baseline)');
  expect(md).toMatch(/\n<http:\/\/127\.0\.0\.1:\d+\/\?v=2&[^>]*epochs=1[^>]*>\n/);
  // Copy report puts the same report on the clipboard (only the "report written" time differs).
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('copy-report').click();
  await expect(page.getByRole('status').filter({ hasText: 'Report copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const timeless = (text: string) => text.replace(/; report written [^.]+\./, '');
  expect(timeless(copied)).toBe(timeless(md));

  // A chart as SVG (well-formed, titled, with its tiers) and as PNG (2x, non-trivial).
  const svg = (await download(page, 'tier-chart-ad-svg', info.outputPath('chart.svg'))).bytes.toString(
    'utf8',
  );
  const check = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      width: Number(doc.documentElement.getAttribute('width')),
      texts: Array.from(doc.querySelectorAll('text')).map((t) => t.textContent),
    };
  }, svg);
  expect(check.error).toBeNull();
  expect(check.root).toBe('svg');
  expect(check.texts).toEqual(
    expect.arrayContaining(['Ads: AP change by stream tier', 'Tier 0', 'Tier 7', 'joint-5task']),
  );
  const png = await download(page, 'tier-chart-ad-png', info.outputPath('chart.png'));
  expect(png.name).toMatch(/ads-ap-change-by-stream-tier\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.readUInt32BE(16)).toBe(2 * check.width); // IHDR width: drawn at 2x
  expect(png.bytes.length).toBeGreaterThan(20_000);

  // JSON: reload (results are memory only), import the download, same table.
  const jsonPath = info.outputPath('results.json');
  await download(page, 'export-results-json', jsonPath);
  await page.reload();
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  // A broken file is refused with the field and the problem, and shows nothing.
  const broken = JSON.parse(readFileSync(jsonPath, 'utf8'));
  broken.groupings[0].promoAp = 'high';
  await page.getByTestId('import-results-input').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(page.getByTestId('import-errors')).toContainText(
    'groupings[0].promoAp: expected number, got "high"',
  );
  await page.getByTestId('import-results-input').setInputFiles(jsonPath);
  await expect(page.getByTestId('import-status')).toContainText('(6 groupings)');
  await expect(page.getByTestId('import-errors')).toHaveCount(0);
  expect(await dataAps(page)).toEqual(aps);
  expect(await tableTexts(page, 'results-table', screenT1.length)).toEqual(screenT1);
  console.log(`whole test ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});
