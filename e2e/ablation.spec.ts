/**
 * The rigor features in the browser on tiny data: the ablation grid of joint-5task (preview,
 * run, one table row per arm against the unchanged model, the interval chart), and a comparison
 * repeated over two training seeds (progress per seed, intervals in the rigor Table 1).
 * wasm keeps the many small trainings quick; the backends' agreement is dashboard.spec.ts's job.
 */
import { expect, type Page, test } from '@playwright/test';

/** Tiny data where both channels have test positives (6 days: 4 train, 1 validation, 1 test). */
const TINY =
  'v=1&groupings=promo-mtl,joint-5task&users=200&shows=40&days=6&per_day=300' +
  '&epochs=1&batch=64&emb=4&encoder=16&tower=8&experts=2&expert_units=8&bootstrap=50&backend=wasm';

/** What ablationGrid gives joint-5task on simulated data (every feature group present). */
const ARMS = [
  'full',
  'no-anc',
  'no-mask',
  'natural',
  'encoder-mmoe',
  'encoder-ple',
  'balancing-uncertainty',
  'balancing-gradnorm',
  'balancing-pcgrad',
  'anc-weight-x0.25',
  'anc-weight-x4',
  'drop-user',
  'drop-content',
  'drop-context',
  'drop-creative',
];

async function openTiny(page: Page, extra = '') {
  await page.goto(`/?${TINY}${extra}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
}

test('the ablation grid previews its arms, trains them and compares each to the unchanged model', async ({
  page,
}) => {
  await openTiny(page);
  const panel = page.getByTestId('ablation-panel');
  const preview = panel.getByTestId('ablation-preview');
  // Another target, another grid: promo-mtl trains on one source, so there is no sampling arm.
  await panel.getByTestId('ablation-target').selectOption('promo-mtl');
  await expect(panel.getByTestId('ablation-skipped')).toContainText(
    'sampling: the target trains on one source',
  );
  await panel.getByTestId('ablation-target').selectOption('joint-5task');
  const previewArms = await preview
    .locator('[data-arm]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-arm')));
  expect(previewArms).toEqual(ARMS);

  const run = page.getByTestId('ablation-run');
  await expect(run).toBeEnabled({ timeout: 60_000 });
  await run.click();
  await expect(page.getByTestId('run-repeat')).toHaveText(
    new RegExp(`^Ablation grid \\(${ARMS.length} arms\\)`),
  );
  await expect(run).toBeDisabled();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 540_000 });

  const table = page.getByTestId('ablation-table');
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-arm')))).toEqual(ARMS);
  // full is the reference: marked, and without a change against itself.
  const full = table.locator('tr[data-arm="full"]');
  await expect(full).toHaveAttribute('data-reference', 'true');
  await expect(full).toContainText('(reference)');
  await expect(table.locator('tr[data-reference]')).toHaveCount(1);
  // Every arm has a defined AP in [0, 1] on both channels.
  const aps = await table
    .locator('[data-ap]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-ap')));
  expect(aps).toHaveLength(2 * ARMS.length);
  for (const ap of aps) {
    expect(Number(ap), `AP ${ap}`).toBeGreaterThanOrEqual(0);
    expect(Number(ap), `AP ${ap}`).toBeLessThanOrEqual(1);
  }
  // Other arms: a signed change, a bootstrap interval and a p-value per channel.
  const noAnc = await table.locator('tr[data-arm="no-anc"] td').allTextContents();
  expect(noAnc[1]).toBe('ancillary heads off');
  for (const k of [3, 7]) expect(noAnc[k]).toMatch(/^[+-]\d+\.\d%$/);
  for (const k of [4, 8]) expect(noAnc[k]).toMatch(/^\[[+-]\d+\.\d%, [+-]\d+\.\d%\]$/);
  for (const k of [5, 9]) expect(noAnc[k]).toMatch(/^(<0\.001|[01]\.\d{3})$/);

  const chart = page.getByTestId('ablation-chart');
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('95% paired bootstrap interval');
  expect(await chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
  // The grid is not a comparison: it leaves the results step alone; History keeps it as a grid.
  await expect(page.getByTestId('results-table')).toHaveCount(0);
  await expect(page.getByTestId('history-run')).toHaveCount(1);
  await expect(page.getByTestId('history-kind')).toHaveText('Ablation grid');
  await expect(run).toBeEnabled();
});

test('a comparison over two training seeds shows the seed it is on and intervals in Table 1', async ({
  page,
}) => {
  await openTiny(page, '&repeats=2');
  await expect(page.getByTestId('rigor-repeats').locator('input')).toHaveValue('2');
  await expect(page.getByTestId('rigor-note')).toContainText('2× as long');
  await page.getByTestId('start-run').click();
  // One seed after the other ('seed 2 of 2' at the end), or both at once on a machine with 2+
  // cores, where the study's own seed reports for both ('seeds 1–2 of 2 at once').
  await expect(page.getByTestId('run-repeat')).toHaveText(/^(seed [12] of 2|seeds 1–2 of 2 at once)( · |$)/);
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 300_000 });
  await expect(page.getByTestId('run-repeat')).toHaveText(/^(seed 2 of 2|seeds 1–2 of 2 at once)$/);
  const rigor = page.getByTestId('rigor-table1');
  await expect(rigor).toBeVisible();
  await expect(rigor).toContainText('[');

  // The replay at another buy share comes back without retraining, and buys more per show.
  const bought = async () =>
    Number(
      /bought per model: ([\d,]+) impressions in all/
        .exec((await page.getByTestId('replay-panel').textContent()) ?? '')?.[1]
        ?.replaceAll(',', ''),
    );
  const at30 = await bought();
  expect(at30).toBeGreaterThan(0);
  const q = page.getByTestId('replay-buy-share').locator('input[type="text"]');
  await q.fill('0.6');
  await q.press('Enter');
  await expect(page.getByTestId('replay-rule')).toContainText('60%');
  await expect.poll(bought).toBeGreaterThan(at30);
  await expect(page.getByTestId('run-status')).toHaveText(/done/);
});
