/**
 * Sharing a configuration by link: a link copied in one browser context restores the config in a
 * fresh one, starts by itself and gives the same APs on the same backend; hostile and broken
 * links load with defaults and a notice, and nothing in them is ever run or rendered as HTML.
 */
import { expect, type Page, test } from '@playwright/test';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';

async function setField(page: Page, key: string, value: string) {
  const input = page.getByTestId(`field-${key}`);
  await input.fill(value);
  await input.press('Enter');
}

/** The full-precision APs of the results table, as printed in its data-ap attributes. */
const tableAps = (page: Page) =>
  page
    .getByTestId('results-table')
    .locator('[data-ap]')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.ap ?? ''));

const OTHERS = ['promo-stream', 'ads-stream', 'ads-anc', 'ads-stream-pooled'];

test('a shared link restores the config in a fresh context, runs by itself and gives the same APs', async ({
  browser,
}) => {
  const t0 = Date.now();
  const a = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await a.newPage();
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  await page.getByTestId('preset-quick').click();
  await setField(page, 'seed', '7');
  await setField(page, 'epochs', '1');
  await setField(page, 'users', '500');
  for (const id of OTHERS) await page.getByTestId(`grouping-${id}`).uncheck();
  // The address follows the edits (config and the forced backend; never autorun or results).
  // Writes are debounced, so poll until the last edit has landed.
  await expect
    .poll(() => new URL(page.url()).search)
    .toMatch(/^\?v=2&seed=7&groupings=promo-mtl,joint-5task&.*&epochs=1&.*&users=500&.*&backend=wasm$/);

  await page.getByTestId('share-button').click();
  await page.getByTestId('share-autorun').check();
  await page.getByTestId('share-pin-backend').check();
  await page.getByTestId('share-copy').click();
  await expect(page.getByTestId('share-copy-status')).toHaveAttribute('data-state', 'copied');
  const link = await page.getByTestId('share-link').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const keys = [...new URL(link).searchParams.keys()];
  expect(keys).toEqual(['v', 'seed', 'groupings', 'encoder', 'tower', 'expert_units', 'diag_batches', 'batch', 'epochs', 'patience',
    'loss_every', 'repeats', 'users', 'shows', 'days', 'per_day', 'autorun', 'backend']); // prettier-ignore
  await expect(page.getByTestId('share-data-note')).toContainText('simulator settings and the seed');

  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 120_000 });
  const apsA = await tableAps(page);
  const tA = Date.now();

  const b = await browser.newContext();
  const other = await b.newPage();
  await other.goto(link);
  for (const [key, value] of [
    ['seed', '7'],
    ['epochs', '1'],
    ['users', '500'],
    ['batch', '256'],
  ])
    await expect(other.getByTestId(`field-${key}`)).toHaveValue(value);
  await expect(other.getByTestId('grouping-joint-5task')).toBeChecked();
  for (const id of OTHERS) await expect(other.getByTestId(`grouping-${id}`)).not.toBeChecked();
  await expect(other.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm', {
    timeout: 60_000,
  });
  // Nobody clicks Start here: autorun does.
  await expect(other.getByTestId('run-status')).toHaveText(/done/, { timeout: 120_000 });
  const apsB = await tableAps(other);
  expect(new URL(other.url()).searchParams.has('autorun')).toBe(false); // a reload will not run again
  expect(apsA).toHaveLength(4);
  expect(apsB).toEqual(apsA);
  await expect(other.getByTestId('notices')).toHaveCount(0);
  console.log(
    `share round trip: A ${(tA - t0) / 1000}s, B ${(Date.now() - tA) / 1000}s; APs ${apsA.join(' ')}`,
  );
  await a.close();
  await b.close();
});

const PWN_IMG = '"><img src=x onerror="window.__pwned=1">';
const PWN_SCRIPT = '<script>window.__pwned=1</script>';
const PWN_JS = 'javascript:window.__pwned=1';
const enc = encodeURIComponent;

const DEFAULTS = {
  seed: String(DEFAULT_CONFIG.seed),
  lr: String(DEFAULT_CONFIG.train.learningRate),
  epochs: String(DEFAULT_CONFIG.train.maxEpochs),
  emb: String(DEFAULT_CONFIG.model.embeddingDim),
  users: DEFAULT_CONFIG.data.kind === 'sim' ? String(DEFAULT_CONFIG.data.sim.users) : '',
};
const { seed, lr, epochs, emb, users } = DEFAULTS;

/**
 * [what, query, a notice that must show, what the fields must show]: the default for a value
 * that is not a number; the range's bound for a number out of range (the "clamped").
 */
const HOSTILE: [string, string, RegExp, Record<string, string>][] = [
  ['script and markup in values', `v=2&seed=${enc(PWN_SCRIPT)}&groupings=${enc(PWN_IMG)}&lr=${enc(PWN_JS)}`, /seed=<script>window\.__pwned=1<\/script>: not a finite number/, { seed, lr }],
  ['NaN, Infinity and a number too big for a double', 'v=2&seed=1e999&lr=NaN&epochs=Infinity&emb=-Infinity', /seed=1e999: not a finite number/, { seed, lr, epochs, emb }],
  ['huge numbers and negative sizes are clamped', 'v=2&batch=1e12&users=-5&epochs=99999999999999999999', /batch: clamped to 8192/, { batch: '8192', users: '10', epochs: '100' }],
  ['unknown groupings only, and markup as a key', `v=2&groupings=nope,zzz&${enc(PWN_IMG)}=1`, /groupings=nope,zzz: no known value/, {}],
  ['an old version', 'v=0&seed=7&autorun=1', /has version 0; this app reads v=1 and v=2, so defaults are used[\s\S]*not started by itself/, { seed }],
  ['an unknown version and a hostile backend', `v=3&seed=7&backend=${enc(PWN_IMG)}`, /has version 3/, { seed }],
  ['a dataset URL that is script', `v=2&data=${enc(PWN_JS)}&seed=${enc(PWN_IMG)}`, /data URL must start with https/, { seed }],
  ['malformed percent-encoding', 'v=2&seed=%E0%A4%A&lr=%zz&%=%', /seed=\S*: not a finite number/, { seed, lr }],
  ['a 100 KB parameter', `v=2&seed=${'9'.repeat(100_000)}&users=${enc(PWN_SCRIPT)}`, /seed is 100000 characters long; using the default/, { seed, users }],
]; // prettier-ignore

test('hostile and broken links load with defaults and a notice, and nothing from them runs', async ({
  page,
  baseURL,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  let longest = 0;
  // Node's HTTP server refuses request lines over 16 KB, so the page for such a link is served
  // from '/' here; the browser still has the whole link in its address.
  await page.route(
    (url) => url.search.length > 16_000,
    async (route) => {
      longest = Math.max(longest, route.request().url().length);
      await route.fulfill({ response: await route.fetch({ url: `${baseURL}/` }) });
    },
  );
  for (const [what, query, notice, fields] of HOSTILE) {
    await test.step(what, async () => {
      await page.goto(`/?${query}`);
      const notices = page.getByTestId('notices');
      await expect(notices).toBeVisible({ timeout: 30_000 });
      await expect(notices).toContainText(notice);
      for (const [key, value] of Object.entries(fields))
        await expect(page.getByTestId(`field-${key}`)).toHaveValue(value);
      for (const id of DEFAULT_CONFIG.groupings)
        await expect(page.getByTestId(`grouping-${id}`)).toBeChecked();
      await expect(page.getByTestId('backend-badge')).toBeVisible({ timeout: 60_000 });
      // Nothing from the link became an element, a handler or a script that ran.
      const injected = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        imgs: document.querySelectorAll('img').length,
        inlineScripts: Array.from(document.scripts).filter((s) => s.text.includes('pwned')).length,
      }));
      expect(injected).toEqual({ pwned: null, handlers: 0, imgs: 0, inlineScripts: 0 });
      await expect(page.getByTestId('run-status')).not.toHaveText(/running/);
      // The address now holds the config in use, not the link's debris.
      expect(decodeURIComponent(page.url())).not.toMatch(/pwned|autorun|zzz|9{50}/);
      await page.getByTestId('dismiss-notices').click();
      await expect(notices).toHaveCount(0);
    });
  }
  expect(dialogs).toEqual([]);
  expect(longest).toBeGreaterThan(100_000); // the browser did open the 100 KB link
});

test('a local file is named in the link, not carried; where copying is refused the link is selected to copy by hand', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await page.goto('/');
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  await page.getByTestId('tab-load').click();
  await page.getByTestId('file-input').setInputFiles('public/samples/impressions-small.csv');
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-kind', 'file', { timeout: 60_000 });
  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-copy-status')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByTestId('share-copy-status')).toContainText('copy it by hand');
  const field = page.getByTestId('share-link');
  await expect(field).toBeFocused();
  const link = await field.inputValue();
  expect(await field.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe(
    link.length,
  );
  expect(new URL(link).searchParams.get('file')).toBe('impressions-small.csv');
  await expect(page.getByTestId('share-data-note')).toContainText(
    'local file impressions-small.csv, which a link cannot carry',
  );
  // Whoever opens the link is told which file to open, and the simulated data is used meanwhile.
  await page.goto(link);
  await expect(page.getByTestId('notices')).toContainText(
    'the shared dataset was a local file, impressions-small.csv, which a link cannot carry',
  );
  await expect(page.getByTestId('dataset-status')).toHaveAttribute('data-kind', 'sim');
});
