/**
 * Bringing your own data, in the browser: URL and sample loading, cancel, drag and drop, export
 * round trips, and training on a loaded file. The malformed-file battery is in
 * data-battery.spec.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { readImpressionFile } from '../src/core/data/load-file';

const SAMPLE_ROWS = () => {
  const text = readFileSync('public/samples/impressions-small.csv', 'utf8');
  return text.trimEnd().split('\n').length - 1;
};
const fmt = (n: number) => n.toLocaleString('en-US');

/** Opens the app and waits for the first (simulated) dataset. */
async function open(page: Page, search = '') {
  await page.goto(`/${search}`);
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
}

const inUse = (page: Page) => page.getByTestId('dataset-status');

test('?data= loads a dataset URL at startup; an unreachable one says what to do and keeps the simulated data', async ({
  page,
  baseURL,
}) => {
  const url = `${baseURL}/samples/impressions-small.csv`;
  await page.goto(`/?data=${encodeURIComponent(url)}`);
  await expect(page.getByTestId('load-report')).toContainText(`${fmt(SAMPLE_ROWS())} rows`, {
    timeout: 60_000,
  });
  await expect(inUse(page)).toContainText(`In use: impressions-small.csv data, ${fmt(SAMPLE_ROWS())} rows`);
  await expect(page.getByTestId('load-report')).toContainText(url);

  await open(page, `?data=${encodeURIComponent('https://data.invalid/impressions.csv')}`);
  const error = page.getByTestId('load-error');
  await expect(error).toContainText('Could not fetch https://data.invalid/impressions.csv', {
    timeout: 30_000,
  });
  await expect(error).toContainText('Access-Control-Allow-Origin');
  await expect(error).toContainText('Open file');
  await expect(inUse(page)).toHaveAttribute('data-kind', 'sim');

  await open(page, `?data=${encodeURIComponent('javascript:alert(1)')}`);
  await expect(page.getByTestId('load-error')).toContainText('must start with https://');
  await expect(inUse(page)).toHaveAttribute('data-kind', 'sim');
});

test('a load can be cancelled while it reads, and the dataset in use stays', async ({ page }) => {
  // About 40 MB of valid rows: several 4 MiB chunks, so the cancel lands mid-file.
  const path = join(tmpdir(), 'cold-start-lab-e2e-big.csv');
  const lines = ['source,day,user_id,podcast_id,stream,user_note_text'];
  const pad = 'x'.repeat(120);
  for (let i = 0; i < 300_000; i++)
    lines.push(`${i % 2 ? 'ad' : 'promo'},${i % 7},u${i % 5000},p${i % 300},${i % 11 === 0 ? 1 : 0},${pad}`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  await open(page);
  const before = await inUse(page).textContent();
  await page.getByTestId('tab-load').click();
  await page.getByTestId('file-input').setInputFiles(path);
  await expect(page.getByTestId('load-progress-text')).toContainText(/Reading: .* rows/, { timeout: 30_000 });
  await page.getByTestId('cancel-load').click();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-status', 'cancelled', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('load-status')).toContainText('the dataset in use did not change');
  expect(await inUse(page).textContent()).toBe(before);
});

test('a file dropped on the drop zone loads', async ({ page }) => {
  await open(page);
  await page.getByTestId('tab-load').click();
  const text = readFileSync('public/samples/impressions-small.csv', 'utf8');
  const dataTransfer = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.csv', { type: 'text/csv' }));
    return dt;
  }, text);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(inUse(page)).toContainText(`In use: dropped.csv data, ${fmt(SAMPLE_ROWS())} rows`, {
    timeout: 60_000,
  });
});

test('the simulated dataset downloads as CSV and Parquet that load back with the same rows and fingerprint', async ({
  page,
}) => {
  await open(page);
  const status = (await inUse(page).textContent()) ?? '';
  const rows = Number(/([\d,]+) rows/.exec(status)?.[1].replaceAll(',', ''));
  expect(rows).toBeGreaterThan(1000);
  const fingerprints: string[] = [];
  for (const format of ['csv', 'parquet'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`export-${format}`).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^simulated-seed\\d+\\.${format}$`));
    const path = join(tmpdir(), `cold-start-lab-e2e-export.${format}`);
    await download.saveAs(path);
    const r = await readImpressionFile(new Blob([readFileSync(path)]), `export.${format}`);
    if (!r.ok) throw new Error(r.message);
    expect(r.table.n).toBe(rows);
    // Loading the download in the dashboard gives the same table whatever the encoding.
    await page.getByTestId('tab-load').click();
    await page.getByTestId('file-input').setInputFiles(path);
    await expect(inUse(page)).toContainText(`export.${format} data, ${fmt(rows)} rows`, { timeout: 60_000 });
    fingerprints.push(/fingerprint (\w+)/.exec((await inUse(page).textContent()) ?? '')?.[1] ?? '');
    await page.getByTestId('tab-simulated').click();
    await expect(inUse(page)).toHaveAttribute('data-kind', 'sim', { timeout: 60_000 });
    await expect(inUse(page)).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  }
  expect(fingerprints[0]).toMatch(/^[0-9a-f]{8}$/);
  expect(fingerprints[1]).toBe(fingerprints[0]);
});

test('the sample Parquet trains on WebGPU and the results name the loaded data', async ({ page }) => {
  await open(page, '?backend=webgpu'); // forced: the automatic trial picks wasm on a software adapter
  await page.getByTestId('tab-load').click();
  await page.getByRole('button', { name: 'Sample Parquet' }).click();
  await expect(inUse(page)).toContainText(`impressions-small.parquet data, ${fmt(SAMPLE_ROWS())} rows`, {
    timeout: 60_000,
  });
  await page.getByTestId('preset-quick').click(); // keeps the loaded data
  await expect(inUse(page)).toHaveAttribute('data-kind', 'url');
  const epochs = page.getByTestId('field-epochs');
  await epochs.fill('1');
  await epochs.press('Enter');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 480_000 });
  const aps = await page
    .getByTestId('results-table')
    .locator('[data-ap]')
    .evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.ap)));
  expect(aps.length).toBe(12);
  for (const ap of aps) expect(ap).toBeGreaterThan(0);
  await expect(page.getByTestId('results-data')).toHaveText(/\/samples\/impressions-small\.parquet$/);
  await expect(page.getByTestId('results-backend')).toContainText('webgpu');
});

test('a file with too few days loads, its summary says why, and Start stays disabled with the reason', async ({
  page,
}) => {
  await open(page);
  await page.getByTestId('tab-load').click();
  const text =
    'source,day,user_id,podcast_id,stream\nad,0,u1,p1,1\npromo,0,u2,p2,0\nad,1,u1,p2,0\npromo,1,u3,p1,1\n';
  await page
    .getByTestId('file-input')
    .setInputFiles({ name: 'two-days.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await expect(inUse(page)).toContainText('In use: two-days.csv data, 4 rows', { timeout: 30_000 });
  await expect(page.getByTestId('dataset-warnings')).toContainText('Only 2 distinct day(s)');
  await expect(page.getByTestId('start-blockers')).toContainText('The data has 2 distinct days');
  await expect(page.getByTestId('start-run')).toBeDisabled();
});
