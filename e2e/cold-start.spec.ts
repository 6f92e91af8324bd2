/**
 * The new-objective cold start end to end on tiny data: the quick preset with one epoch, one
 * seed and two label budgets; the experiment runs in the worker and both charts (all test rows,
 * less-streamed shows) draw every method at every budget, with the same numbers as the table.
 * wasm keeps the small trainings quick; the backends' agreement is dashboard.spec.ts's job.
 */
import { expect, type Locator, test } from '@playwright/test';

const METHODS = ['scratch', 'direct', 'finetune'] as const;
const SEGMENTS = ['all', 'less-streamed'] as const;
const BUDGETS = [5, 50];

/** data-ap of every element under `root` that has one, keyed 'method/segment/budget'. */
async function apsBy(root: Locator, selector: string, segment?: string): Promise<Map<string, string>> {
  const entries = await root.locator(selector).evaluateAll(
    (els, seg) =>
      els.map((e) => {
        const d = (e as HTMLElement | SVGElement).dataset;
        return [`${d.method ?? d.series}/${d.segment ?? seg}/${d.budget}`, d.ap ?? ''] as const;
      }),
    segment,
  );
  return new Map(entries);
}

test('the new-objective cold start runs on tiny data and charts AP against label budget', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const t0 = Date.now();
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await page.getByTestId('preset-quick').click();
  const epochs = page.getByTestId('field-epochs');
  await epochs.fill('1');
  await epochs.press('Enter');
  const repeats = page.getByTestId('rigor-repeats').locator('input');
  await repeats.fill('1');
  await repeats.press('Enter');

  const panel = page.getByTestId('cold-start-panel');
  await panel.getByTestId('field-new_task').selectOption('ad_stream');
  const budgets = panel.getByTestId('field-budgets');
  await budgets.fill('50, 5');
  await budgets.press('Enter');
  await expect(budgets).toHaveValue(/^5,\s?50$/); // kept ascending
  await expect(page).toHaveURL(/budgets=5(%2C|,)50/);
  await expect(panel.getByTestId('cold-start-note')).toContainText('one training seed');

  const start = panel.getByTestId('start-cold-start');
  await expect(start).toBeEnabled({ timeout: 60_000 });
  await start.click();
  const status = panel.getByTestId('cold-start-status');
  // Wait for the end, whatever it is, so a failure shows its message ("failed: ...") at once.
  await expect(status).toHaveAttribute('data-status', /^(done|error|cancelled)$/, { timeout: 150_000 });
  expect(await status.textContent()).toBe('done');
  console.log(`cold start done after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // The table: one row per budget, labels kept growing with the budget, every AP in [0, 1] or n/a.
  const table = panel.getByTestId('cold-start-table');
  await expect(table.locator('tbody tr[data-budget]')).toHaveCount(BUDGETS.length);
  const labels = (
    await table.locator('[data-labels]').evaluateAll((els) => els.map((e) => e.getAttribute('data-labels')))
  ).map(Number);
  expect(labels).toHaveLength(2);
  expect(labels[0]).toBeGreaterThan(0);
  expect(labels[1]).toBeGreaterThan(labels[0]);
  const cells = table.locator('td[data-method]');
  await expect(cells).toHaveCount(METHODS.length * SEGMENTS.length * BUDGETS.length);
  for (const cell of await cells.all()) {
    const ap = await cell.getAttribute('data-ap');
    const text = (await cell.textContent())?.trim() ?? '';
    if (ap === 'null') expect(text).toBe('n/a');
    else {
      expect(Number(ap), `AP ${ap}`).toBeGreaterThanOrEqual(0);
      expect(Number(ap), `AP ${ap}`).toBeLessThanOrEqual(1);
      expect(text.startsWith(Number(ap).toFixed(4)), `${text} shows ${ap}`).toBe(true);
    }
  }
  // On all test rows of the task every method has a defined AP.
  expect(await table.locator('td[data-segment="all"][data-ap="null"]').count()).toBe(0);
  const tableAps = await apsBy(table, 'td[data-method]');

  // The charts: a line per method, a dot (or an n/a mark) per method and budget, the table's numbers.
  for (const segment of SEGMENTS) {
    const chart = page.getByTestId(`cold-start-chart-${segment}`);
    await expect(chart).toBeVisible({ timeout: 30_000 });
    await expect(chart.locator('.recharts-legend-item')).toHaveCount(METHODS.length);
    const marks = chart.locator('[data-series][data-budget]');
    await expect(marks).toHaveCount(METHODS.length * BUDGETS.length);
    const chartAps = await apsBy(chart, '[data-series][data-budget]', segment);
    for (const method of METHODS)
      for (const budget of BUDGETS) {
        const key = `${method}/${segment}/${budget}`;
        expect(chartAps.get(key), key).toBe(tableAps.get(key));
      }
    // A line is drawn for each method whose two points are defined.
    const drawn = METHODS.filter((m) =>
      BUDGETS.every((b) => chartAps.get(`${m}/${segment}/${b}`) !== 'null'),
    );
    expect(await chart.locator('path.recharts-line-curve').count()).toBeGreaterThanOrEqual(drawn.length);
    // Applied directly, the joint model uses no labels: the same AP at every budget.
    expect(chartAps.get(`direct/${segment}/5`)).toBe(chartAps.get(`direct/${segment}/50`));
  }
  await expect(page.getByTestId('cold-start-results')).toContainText('New task ad_stream');
  // Not a comparison: the results step stays empty, and History keeps it as a cold start.
  await expect(page.getByTestId('results-table')).toHaveCount(0);
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  await expect(page.getByTestId('history-kind')).toHaveText('Cold start');
});
