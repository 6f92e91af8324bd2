import { expect, type Locator, type Page, test } from '@playwright/test';

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
