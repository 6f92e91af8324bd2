/**
 * Repeats trained at once (issue 17): `?repeatWorkers=2` makes the training worker start a nested
 * repeat worker for the second seed. The same link trained one seed after another gives the same
 * prediction fingerprint (same backend, same seeds, same numbers); a cancel while the helper trains
 * ends the run as cancelled and closes the helper. Forced to wasm: deterministic on any machine.
 */
import { expect, type Page, type Worker as PageWorker, test } from '@playwright/test';
import type { CslTest } from '../src/app/test-hook';

const TINY =
  'v=1&groupings=joint-5task,promo-mtl&baseline=promo-mtl&users=100&shows=30&days=5&per_day=200' +
  '&epochs=1&batch=512&emb=4&encoder=16&tower=8&bootstrap=0&repeats=2&backend=wasm';

/** The repeat workers this page starts, as they start and close. */
function watchRepeatWorkers(page: Page) {
  const started: PageWorker[] = [];
  const closed: PageWorker[] = [];
  page.on('worker', (w) => {
    if (!w.url().includes('repeat.worker')) return;
    started.push(w);
    w.on('close', () => closed.push(w));
  });
  return { started, closed };
}

/** Runs `query` to its results and returns the shown prediction fingerprint. */
async function fingerprintOf(page: Page, query: string): Promise<string> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 120_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done|error/, { timeout: 300_000 });
  const fp = page.getByTestId('results-fingerprint');
  await expect(fp).toHaveText(/^[0-9a-f]{16}$/);
  return (await fp.textContent()) ?? '';
}

test('two seeds trained at once give the fingerprint of two seeds trained in turn', async ({ page }) => {
  test.setTimeout(600_000);
  const helpers = watchRepeatWorkers(page);
  const inTurn = await fingerprintOf(page, `${TINY}&repeatWorkers=1`);
  expect(helpers.started).toHaveLength(0);
  await expect(page.getByTestId('run-repeat')).toHaveText('seed 2 of 2');
  const atOnce = await fingerprintOf(page, `${TINY}&repeatWorkers=2`);
  expect(helpers.started).toHaveLength(1);
  // The panel says both seeds trained together, not that the run stopped at seed 1.
  await expect(page.getByTestId('run-repeat')).toHaveText('seeds 1–2 of 2 at once');
  expect(atOnce).toBe(inTurn);
  // The helper is gone once its repeat is back.
  await expect.poll(() => helpers.closed.length).toBe(1);
});

test('a cancel while a repeat worker trains ends the run as cancelled and closes the worker', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const helpers = watchRepeatWorkers(page);
  // The default config (two seeds of six groupings): the helper trains for a minute or more.
  await page.goto('/?testhooks=1&repeatWorkers=2&backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await page.waitForFunction(() => window.__cslTest !== undefined);
  // The study's own repeat waits at its first training checkpoint; the helper has started by then.
  await page.evaluate(() => (window.__cslTest as CslTest).hold('training'));
  await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 300_000 });
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-phase', 'training', {
    timeout: 300_000,
  });
  await expect.poll(() => helpers.started.length, { timeout: 60_000 }).toBe(1);
  expect(helpers.closed).toHaveLength(0);
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 30_000 });
  await expect.poll(() => helpers.closed.length, { timeout: 30_000 }).toBe(1);
  await expect(page.getByTestId('results-table')).toHaveCount(0);
});
