import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import Papa from 'papaparse';
import { sampleColdStart } from '../src/core/results/cold-start-fixture';
import type { ColdStartMethod } from '../src/core/results/cold-start-types';
import { sampleGrid } from '../src/core/results/grid-fixture';
import { iv } from '../src/core/results/rigor-fixture';
import { resultsToJson } from '../src/core/results/results-io';
import { sampleResults } from '../src/core/results/results-sample';
import { parseStudyJson, type StudyFile, studyToJson } from '../src/core/results/study-io';

/** Types a value into a config field and commits it with Enter. */
async function setField(page: Page, key: string, value: string) {
  const input = page.getByTestId(`field-${key}`);
  await input.fill(value);
  await input.press('Enter');
}

type Aps = Record<string, { promo: string; ad: string }>;

/**
 * Runs a tiny experiment (the quick preset's data, one epoch, promo-mtl and joint-5task) with
 * `seed` and returns the results table's APs (full precision, from data-ap) per grouping.
 */
async function runTiny(page: Page, seed: number): Promise<Aps> {
  await page.getByTestId('preset-quick').click();
  for (const id of ['promo-stream', 'ads-stream', 'ads-anc', 'ads-stream-pooled'])
    await page.getByTestId(`grouping-${id}`).uncheck();
  await setField(page, 'epochs', '1');
  await setField(page, 'seed', String(seed));
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 120_000 });
  const aps: Aps = {};
  for (const row of await page.getByTestId('results-table').locator('tbody tr').all()) {
    const [promo, ad] = await row
      .locator('[data-ap]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-ap')!));
    aps[(await row.getAttribute('data-grouping'))!] = { promo, ad };
  }
  expect(Object.keys(aps)).toEqual(['promo-mtl', 'joint-5task']);
  return aps;
}

const runsOf = (page: Page): Locator => page.getByTestId('history-run');
const names = (page: Page) => runsOf(page).getByTestId('history-name').allTextContents();

async function openApp(page: Page) {
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('history-panel')).toHaveAttribute('data-status', 'ready');
}

test('run history survives reloads; runs are renamed, pinned, compared and deleted', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('history-empty')).toBeVisible();
  const first = await runTiny(page, 7);
  await expect(runsOf(page)).toHaveCount(1);
  const second = await runTiny(page, 8);
  await expect(runsOf(page)).toHaveCount(2);
  // Newest first, named by what they compare, the seed and the time; trained on wasm.
  expect(await names(page)).toEqual([
    expect.stringMatching(/^joint-5task vs promo-mtl · seed 8 · \d\d:\d\d$/),
    expect.stringMatching(/^joint-5task vs promo-mtl · seed 7 · \d\d:\d\d$/),
  ]);
  await expect(runsOf(page).getByTestId('history-backend')).toHaveText(['wasm', 'wasm']);

  const [newer, older] = [runsOf(page).nth(0), runsOf(page).nth(1)];
  // Escape leaves the name as it was; Enter keeps the new one.
  await newer.getByTestId('history-rename').click();
  await newer.getByTestId('history-name-input').fill('not this');
  await newer.getByTestId('history-name-input').press('Escape');
  await expect(newer.getByTestId('history-name')).toContainText('seed 8');
  await newer.getByTestId('history-rename').click();
  await newer.getByTestId('history-name-input').fill('second try (seed 8)');
  await newer.getByTestId('history-name-input').press('Enter');
  await older.getByTestId('history-pin').click();
  await expect(older.getByTestId('history-pinned')).toBeVisible();
  const [newerId, olderId] = [
    await newer.getAttribute('data-run-id'),
    await older.getAttribute('data-run-id'),
  ];

  // Reload keeps the history: both runs, their names and the pin.
  await page.reload();
  await expect(page.getByTestId('history-panel')).toHaveAttribute('data-status', 'ready');
  await expect(runsOf(page)).toHaveCount(2);
  expect(await names(page)).toEqual(['second try (seed 8)', expect.stringContaining('seed 7')]);
  const pins = await runsOf(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-pinned')));
  expect(pins).toEqual(['false', 'true']);
  await expect(runsOf(page).nth(1).getByTestId('history-pinned')).toBeVisible();

  // Compare both: the pinned (seed 7) run is the reference.
  await expect(page.getByTestId('compare-hint')).toBeVisible();
  await runsOf(page).nth(0).getByTestId('history-compare').check();
  await runsOf(page).nth(1).getByTestId('history-compare').check();
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(8); // 2 groupings x 2 channels x (all, less-streamed)
  await expect(page.getByTestId('compare-reference')).toContainText('pinned baseline');
  let numeric = 0;
  for (const grouping of ['promo-mtl', 'joint-5task'])
    for (const channel of ['promo', 'ad'] as const) {
      const row = table.locator(
        `tr[data-grouping="${grouping}"][data-channel="${channel}"][data-segment="all"]`,
      );
      const cell = (testId: string, id: string | null) =>
        row.locator(`[data-testid="${testId}"][data-run-id="${id}"]`);
      // The stored runs show exactly the APs their results tables showed before the reload.
      const refAp = await cell('compare-ap', olderId).getAttribute('data-ap');
      const ap = await cell('compare-ap', newerId).getAttribute('data-ap');
      expect([refAp, ap]).toEqual([first[grouping][channel], second[grouping][channel]]);
      const delta = await cell('compare-delta', newerId).getAttribute('data-delta');
      if (refAp === 'n/a' || ap === 'n/a') {
        expect(delta).toBe('n/a');
        continue;
      }
      expect(Number(delta)).toBeCloseTo(Number(ap) - Number(refAp), 12);
      // And the shown delta agrees with the shown (4-decimal) APs, to rounding.
      const shown = async (l: Locator) => Number((await l.textContent())!.replace('±', ''));
      const expected =
        (await shown(cell('compare-ap', newerId))) - (await shown(cell('compare-ap', olderId)));
      expect(Math.abs((await shown(cell('compare-delta', newerId))) - expected)).toBeLessThanOrEqual(1.01e-4);
      const rel = await cell('compare-rel', newerId).getAttribute('data-rel');
      expect(Number(rel)).toBeCloseTo((Number(ap) - Number(refAp)) / Number(refAp), 12);
      numeric++;
    }
  expect(numeric, 'cells with a defined AP in both runs').toBeGreaterThan(0);
  // Only the seed differs between the two configs.
  const diff = page.getByTestId('config-diff').locator('tbody tr');
  await expect(diff).toHaveCount(1);
  await expect(diff).toHaveAttribute('data-key', 'seed');
  await expect(diff.locator('td')).toHaveText([/seed/, '7', '8']);

  // Delete the renamed run (with confirmation); after a reload one run is left.
  await runsOf(page).nth(0).getByTestId('history-delete').click();
  await runsOf(page).nth(0).getByTestId('history-delete-confirm').click();
  await expect(runsOf(page)).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('history-panel')).toHaveAttribute('data-status', 'ready');
  await expect(runsOf(page)).toHaveCount(1);
  await expect(runsOf(page).nth(0)).toHaveAttribute('data-run-id', olderId!);
  await expect(runsOf(page).nth(0)).toHaveAttribute('data-pinned', 'true');
});

test('a full storage quota is reported with the figures, and the run can be saved after', async ({
  page,
}) => {
  // Every IndexedDB write fails as a full quota does, until the test lifts it.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    (window as unknown as { liftQuota: () => void }).liftQuota = () => {
      IDBObjectStore.prototype.put = put;
    };
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openApp(page);
  await runTiny(page, 3);
  const error = page.getByTestId('history-error');
  await expect(error).toContainText("Could not save the run: the browser's storage quota is full (");
  await expect(error).toContainText(/\d+\.\d MB used of \d+\.\d MB\); delete old runs/);
  await expect(page.getByTestId('history-empty')).toBeVisible();
  await page.evaluate(() => (window as unknown as { liftQuota: () => void }).liftQuota());
  await page.getByTestId('history-retry-save').click();
  await expect(error).toBeHidden();
  await expect(runsOf(page)).toHaveCount(1);
  await page.reload();
  await expect(runsOf(page)).toHaveCount(1);
});

/** Imports a study file through the results step's control and saves it to History. */
async function importAndSave(page: Page, name: string, text: string, kind: string) {
  await page.getByTestId('import-results-input').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(page.getByTestId('import-status')).toHaveAttribute('data-kind', kind);
  await page.getByTestId('import-save').click();
  await expect(page.getByTestId('import-saved')).toHaveText('Saved to History.');
}

/** Clicks a button that downloads, and returns the file's name and bytes. */
async function download(page: Page, testId: string, path: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

const META = { createdAt: '2026-05-06T07:08:09.000Z', backend: 'wasm', config: { seed: 5 } };

/** A second cold start: every AP on all test rows 0.02 higher. */
function laterColdStart() {
  const r = sampleColdStart();
  const up = (x: ReturnType<typeof iv>) => (x.mean === null ? x : iv(x.mean + 0.02, x.lo, x.hi, x.n));
  const bump = (m: ColdStartMethod) =>
    r.methods[m].map((p) => ({ ...p, ap: { all: up(p.ap.all), 'less-streamed': p.ap['less-streamed'] } }));
  const methods = { scratch: bump('scratch'), direct: bump('direct'), finetune: bump('finetune') };
  return { ...r, methods };
}

/** The sample comparison with gradient cosines between joint-5task's heads, so the heat map draws. */
function comparisonWithConflict() {
  const r = sampleResults();
  const cosines = [
    { a: 'promo_stream', b: 'ad_stream', cosine: -0.25 },
    { a: 'promo_stream', b: 'click', cosine: 0.4 },
    { a: 'ad_stream', b: 'click', cosine: null },
  ] as const;
  const groupings = r.groupings.map((g) =>
    g.id === 'joint-5task' ? { ...g, history: g.history.map((e) => ({ ...e, gradCosine: cosines })) } : g,
  );
  return { ...r, groupings };
}

test('studies of every kind are imported, saved, opened, compared and exported', async ({ page }, info) => {
  await openApp(page);
  const grid = sampleGrid();
  await importAndSave(page, 'grid.json', resultsToJson(grid), 'ablation');
  await expect(page.getByTestId('ablation-results')).toBeVisible();
  await importAndSave(
    page,
    'grid-seeds.json',
    resultsToJson(sampleGrid({ bootstrapResamples: 0 })),
    'ablation',
  );
  const coldFile: StudyFile = { kind: 'cold-start', results: sampleColdStart(), meta: META };
  await importAndSave(page, 'cold.json', studyToJson(coldFile), 'cold-start');
  await expect(page.getByTestId('cold-start-results')).toBeVisible();
  const later: StudyFile = { kind: 'cold-start', results: laterColdStart(), meta: META };
  await importAndSave(page, 'cold-later.json', studyToJson(later), 'cold-start');

  // Every kind is listed with its label and headline, and survives a reload.
  await page.reload();
  await expect(page.getByTestId('history-panel')).toHaveAttribute('data-status', 'ready');
  await expect(runsOf(page).getByTestId('history-kind')).toHaveText([
    'Cold start',
    'Cold start',
    'Ablation grid',
    'Ablation grid',
  ]);
  const oldestGrid = runsOf(page).nth(3);
  await expect(oldestGrid.locator('[data-channel="promo"] [data-extreme="best"]')).toHaveAttribute(
    'data-arm',
    'no-anc',
  );
  await expect(oldestGrid.locator('[data-channel="promo"] [data-extreme="worst"]')).toHaveAttribute(
    'data-change',
    '-0.6',
  );
  const newestCold = runsOf(page).nth(0);
  await expect(newestCold.locator('[data-method="finetune"]')).toHaveAttribute('data-ap', '0.27');
  // Rename and pin work on any kind.
  await newestCold.getByTestId('history-rename').click();
  await newestCold.getByTestId('history-name-input').fill('later cold start');
  await newestCold.getByTestId('history-name-input').press('Enter');
  await expect(newestCold.getByTestId('history-name')).toHaveText('later cold start');
  await oldestGrid.getByTestId('history-pin').click();
  await expect(oldestGrid.getByTestId('history-pinned')).toHaveText('pinned');

  // Open shows a saved grid in the ablation step.
  await oldestGrid.getByTestId('history-open').click();
  await expect(page.getByTestId('history-opened')).toHaveAttribute('data-kind', 'ablation');
  await expect(page.getByTestId('ablation-table').locator('tbody tr')).toHaveCount(3);

  // Two grids arm by arm; two cold starts overlaid.
  for (const i of [0, 1, 2, 3]) await runsOf(page).nth(i).getByTestId('history-compare').check();
  const changes = page
    .getByTestId('grid-compare-table')
    .locator('tr[data-arm="no-anc"] [data-channel="promo"]');
  await expect(changes).toHaveCount(2);
  expect(await changes.evaluateAll((els) => els.map((e) => e.getAttribute('data-change')))).toEqual([
    '0.05',
    '0.05',
  ]);
  await expect(changes).toHaveText(['+5.0% [+2.5%, +7.5%]', '+5.0% [+2.0%, +8.0%]']);
  const overlay = page.getByTestId('cold-start-compare-all');
  await expect(overlay.locator('circle[data-series]')).toHaveCount(2 * 3 * 3);
  const svg = await download(page, 'cold-start-compare-all-svg', info.outputPath('overlay.svg'));
  expect(svg.name).toMatch(/^cold-start-lab-cold-start-.*-compare-cold-starts-compared-all-test-rows\.svg$/);
  expect(svg.bytes.toString()).toContain('later cold start · finetune');

  // The opened cold start exports CSV with its numbers and JSON that reads back.
  await runsOf(page).nth(1).getByTestId('history-open').click();
  const csv = await download(page, 'export-cold-start-csv', info.outputPath('cold.csv'));
  expect(csv.name).toMatch(/^cold-start-lab-cold-start-\d{4}-\d\d-\d\d-\d{6}\.csv$/);
  const rows = Papa.parse<Record<string, string>>(csv.bytes.toString(), { header: true }).data;
  expect(rows.find((r) => r.method === 'finetune' && r.segment === 'all' && r.budget === '20')?.ap).toBe(
    '0.25',
  );
  const json = await download(page, 'export-cold-start-json', info.outputPath('cold.json'));
  const back = parseStudyJson(json.bytes.toString());
  expect(back.ok && back.file.results).toEqual(sampleColdStart());
  const png = await download(page, 'cold-start-chart-all-png', info.outputPath('cold.png'));
  expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  // The gradient-conflict heat map exports too (a plain SVG drawing, not a Recharts chart).
  await page.getByTestId('import-results-input').setInputFiles({
    name: 'comparison.json',
    mimeType: 'application/json',
    buffer: Buffer.from(resultsToJson(comparisonWithConflict())),
  });
  await expect(page.getByTestId('conflict-heatmap-joint-5task')).toBeVisible({ timeout: 30_000 });
  const heat = await download(page, 'conflict-heatmap-joint-5task-svg', info.outputPath('heat.svg'));
  expect(heat.name).toMatch(/gradient-conflict-between-the-heads-of-joint-5task-epoch-2\.svg$/);
  expect(heat.bytes.toString()).toContain('-0.25');
  const heatPng = await download(page, 'conflict-heatmap-joint-5task-png', info.outputPath('heat.png'));
  expect([...heatPng.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});
