/**
 * Analysing predictions without training, in the browser: another tool's predictions file
 * (test-fixtures/predictions/other-tool.csv, written by scripts/other_tool_predictions.py from numpy
 * logistic regressions) is read in the worker and shown like a run's results: Table 1 with the APs
 * Node computes from the same file, the tier charts, the verdicts, History, another baseline, the
 * slides; and a file with a bad cell is refused by row and column.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { analyseSteps } from '../src/core/analysis/analyse';
import { readPredictionsFile } from '../src/core/analysis/predictions-reader';
import { runSteps } from '../src/core/data/steps';

const FIXTURE = 'test-fixtures/predictions/other-tool.csv';

/** The analysis Node makes of the fixture against `baseline` (the app's default rigor settings). */
async function expected(baseline: string) {
  const read = await readPredictionsFile(new Blob([readFileSync(FIXTURE)]), 'other-tool.csv');
  if (!read.ok) throw new Error(read.message);
  const opts = { file: 'other-tool.csv', baseline, buyShare: 0.3, bootstrap: 0, seed: 1, createdAt: '' };
  return runSteps(analyseSteps(read.predictions, opts));
}

async function openLoadTab(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  await page.getByTestId('tab-load').click();
}

test('another tool’s predictions are analysed without training: Table 1, tiers, verdicts, History, baseline, slides', async ({
  page,
}) => {
  await openLoadTab(page);
  await page.getByTestId('predictions-input').setInputFiles(FIXTURE);
  const summary = page.getByTestId('analysis-summary');
  await expect(summary).toContainText('Analysed other-tool.csv: 1,143 rows, 3 models, 3 seeds', {
    timeout: 60_000,
  });
  await expect(summary).toContainText('Shown in the results step and saved to History');
  // The dataset in use is still the simulated one.
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-kind', 'sim');

  const results = page.getByTestId('results-panel');
  await expect(results.getByTestId('results-analysis')).toContainText('predictions other-tool.csv');
  const want = await expected('show_rate');
  const table = results.getByTestId('results-table');
  for (const g of want.groupings) {
    const row = table.locator(`tr[data-grouping="${g.id}"]`);
    await expect(row.locator('td[data-ap]').nth(0)).toHaveAttribute('data-ap', String(g.promoAp));
    await expect(row.locator('td[data-ap]').nth(1)).toHaveAttribute('data-ap', String(g.adAp));
  }
  await expect(table.locator('tr[data-grouping="show_rate"]')).toContainText('baseline');
  for (const c of ['promo', 'ad'])
    await expect(results.getByTestId(`tier-chart-${c}`).locator('svg').first()).toBeVisible();
  const verdicts = results.getByTestId('verdicts');
  await expect(verdicts).toContainText('logreg_split');
  await expect(verdicts.locator('li')).toHaveCount(8); // 2 models x 2 channels x (all, less-streamed)

  const history = page.getByTestId('history-run').first();
  await expect(history).toContainText('2 models vs show_rate · predictions other-tool.csv');

  // Another baseline: the same file again, without reading it anew.
  await page.getByTestId('analysis-baseline').selectOption('logreg');
  await expect(table.locator('tr[data-grouping="logreg"]')).toContainText('baseline', { timeout: 30_000 });
  const rebased = await expected('logreg');
  const split = rebased.groupings.find((g) => g.id === 'logreg_split');
  await expect(table.locator('tr[data-grouping="logreg_split"] td[data-ap]').nth(1)).toHaveAttribute(
    'data-ap',
    String(split?.adAp),
  );

  // The slides: title, Table 1, segments and tiers per channel, verdicts, replay; no share link.
  await page.getByTestId('present-open').click();
  const deck = page.getByTestId('presentation');
  await expect(deck).toContainText('Analysed without training');
  const counter = page.getByTestId('slide-counter');
  await expect(counter).toHaveText('1 / 8');
  const titles: string[] = [];
  for (let n = 1; n <= 8; n++) {
    await expect(counter).toHaveText(`${n} / 8`);
    titles.push((await page.getByTestId('slide-title').textContent()) ?? '');
    if (titles[n - 1].includes('AP change by stream tier'))
      await expect(page.locator('[data-testid^="slide-chart-"] svg').first()).toBeVisible();
    await page.keyboard.press('ArrowRight');
  }
  expect(titles[1]).toBe('Table 1: AP by channel');
  expect(titles.some((t) => t.includes('stream tier'))).toBe(true);
  expect(titles.some((t) => t.toLowerCase().includes('reproduce'))).toBe(false);
  await page.keyboard.press('Escape');
});

test('a predictions file with a bad cell is refused by row and column, and nothing is shown', async ({
  page,
}) => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const header = lines[0].split(',');
  const cells = lines[5].split(',');
  cells[header.indexOf('logreg')] = 'high';
  lines[5] = cells.join(',');
  const path = join(tmpdir(), 'cold-start-lab-bad-predictions.csv');
  writeFileSync(path, lines.join('\n'));

  await openLoadTab(page);
  await page.getByTestId('predictions-input').setInputFiles(path);
  await expect(page.getByTestId('analysis-error')).toContainText(
    'cold-start-lab-bad-predictions.csv: 1 invalid value in 1 row',
    { timeout: 60_000 },
  );
  const problems = page.getByTestId('analysis-problems');
  await expect(problems).toContainText('logreg');
  await expect(problems).toContainText('high');
  await expect(problems).toContainText('a score must be a finite number');
  await expect(page.getByTestId('results-panel')).toContainText('No results yet');
});
