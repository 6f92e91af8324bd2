/**
 * Reproducibility you can see (issue 18, item 5), on WebGPU in Chromium (SwiftShader here): the
 * same link run twice gives the same prediction fingerprint; a link carrying that fingerprint
 * (`fp=`) says the run reproduced it; the same link pinned to wasm says it differs by backend
 * arithmetic.
 */
import { expect, type Page, test } from '@playwright/test';

const TINY =
  'v=1&groupings=joint-5task&baseline=joint-5task&users=100&shows=30&days=5&per_day=200' +
  '&epochs=1&batch=512&emb=4&encoder=16&tower=8&bootstrap=0&autorun=1';

/** Opens `query`, waits for the autorun's results and returns the shown fingerprint. */
async function runLink(page: Page, query: string, backend: string): Promise<string> {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', backend, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 300_000 });
  const fp = page.getByTestId('results-fingerprint');
  await expect(fp).toHaveText(/^[0-9a-f]{16}$/);
  return (await fp.textContent()) ?? '';
}

test('a link run twice on WebGPU gives one fingerprint; fp= says whether a run reproduced it', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const first = await runLink(page, `${TINY}&backend=webgpu`, 'webgpu');
  await expect(page.getByTestId('reproduction-verdict')).toHaveCount(0); // nothing to check against
  await expect(page.getByText(/\(webgpu on .+\)/)).toBeVisible();

  const second = await runLink(page, `${TINY}&backend=webgpu&fp=${first}-webgpu`, 'webgpu');
  expect(second).toBe(first);
  await expect(page.getByTestId('reproduction-verdict')).toHaveAttribute('data-verdict', 'same');

  await runLink(page, `${TINY}&backend=wasm&fp=${first}-webgpu`, 'wasm');
  const verdict = page.getByTestId('reproduction-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'differs');
  await expect(verdict).toContainText('backend arithmetic: webgpu then, wasm now');
});
