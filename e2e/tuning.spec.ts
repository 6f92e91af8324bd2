/**
 * Tuning as a study kind, end to end on tiny simulated data (2 groupings, 2 recipes each, one
 * repeat, wasm): a `study=tuning` link sets the run step's picker to Tuning with the link's
 * budget; Start runs the search and the comparison; the results lead with the trials table (one
 * chosen row per grouping) and its chart, before Table 1; History keeps it as Tuning; the deck
 * opens with the tuning slide; and the share link carries `study=tuning&tune=2`, which opens as
 * the same study. The console stays free of errors throughout.
 */
import { expect, test } from '@playwright/test';
import { outside } from './slide-fit';
import { watchErrors } from './watch-errors';

const TINY =
  'v=2&groupings=promo-mtl,joint-5task&users=200&shows=40&days=6&per_day=300&epochs=1&batch=64' +
  '&emb=4&encoder=16&tower=8&experts=2&expert_units=8&repeats=1&bootstrap=50&backend=wasm';

test('a tuning link runs the search and the comparison, leads with the trials, and shares as tuning', async ({
  page,
}) => {
  test.setTimeout(480_000);
  const errors = watchErrors(page);
  await page.goto(`/?${TINY}&study=tuning&tune=2`);
  await expect(page.getByTestId('run-study')).toHaveValue('tuning');
  await expect(page.getByTestId('run-tune').locator('input')).toHaveValue('2');
  await expect(page.getByTestId('run-tune-note')).toContainText('rungs of 2: 2 trainings each');
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-repeat')).toContainText('Tuning (2 recipes per grouping)');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 420_000 });

  // The results lead with the search: its table and chart come before Table 1.
  const results = page.getByTestId('results-panel');
  const panel = results.getByTestId('tuning-panel');
  await expect(panel).toContainText('2 recipes per grouping by successive halving in rungs of 2 recipes');
  const rows = panel.getByTestId('tuning-table').locator('tbody tr');
  await expect(rows).toHaveCount(4); // 2 groupings x 2 trials
  const chosen = panel.getByTestId('tuning-table').locator('tbody tr[data-chosen="true"]');
  await expect(chosen).toHaveCount(2);
  expect((await chosen.allInnerTexts()).map((t) => t.split('\t')[0].trim()).sort()).toEqual([
    'joint-5task',
    'promo-mtl',
  ]);
  await expect(panel.getByTestId('chart-tuning').locator('svg').first()).toBeVisible();
  await expect(results.getByTestId('tuning-panel')).toHaveCount(1);
  const leads = await results.evaluate((root) => {
    const tuning = root.querySelector('[data-testid="tuning-panel"]');
    const table1 = Array.from(root.querySelectorAll('h3')).find((h) => h.textContent?.startsWith('Table 1'));
    return (
      !!tuning && !!table1 && !!(tuning.compareDocumentPosition(table1) & Node.DOCUMENT_POSITION_FOLLOWING)
    );
  });
  expect(leads).toBe(true);
  await expect(results.getByTestId('export-bar-tuning')).toBeVisible();

  // History keeps it under its kind.
  const run = page.getByTestId('history-run');
  await expect(run).toHaveCount(1, { timeout: 30_000 });
  await expect(run.getByTestId('history-kind')).toHaveText('Tuning');

  // The deck of the shown results opens with the tuning slide: one row per grouping, each with
  // its chosen recipe, all of it inside a small screen.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('present-open').click();
  const deck = page.getByTestId('presentation');
  await page.keyboard.press('ArrowRight');
  await expect(deck).toHaveAttribute('data-slide-kind', 'tuning');
  await expect(deck).toHaveAttribute('data-study', 'tuning');
  await expect(deck.locator('tr[data-grouping]')).toHaveCount(2);
  await expect(deck.getByTestId('tuning-slide-recipe').first()).toContainText('lr ');
  expect(await outside(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The share link carries the kind and its budget, and opens as the same study.
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-study')).toHaveValue('tuning');
  const link = await page.getByTestId('share-link').inputValue();
  const params = new URL(link).searchParams;
  expect(params.get('study')).toBe('tuning');
  expect(params.get('tune')).toBe('2');
  await page.goto(link);
  await expect(page.getByTestId('run-study')).toHaveValue('tuning');
  await expect(page.getByTestId('run-tune').locator('input')).toHaveValue('2');
  await expect(page.getByTestId('run-status')).toHaveText('idle');
  expect(errors).toEqual([]);
});
