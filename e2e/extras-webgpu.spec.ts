/**
 * Issue 8's encoders and loss balancing train on WebGPU in the browser: one tiny comparison per
 * balancing method with joint-5task on MMoE and ads-anc on PLE (promo-mtl stays the paper's
 * shared bottom). The exported results carry what each grouping trained with, the weights it
 * learned and the gradient cosines, and the diagnostics section draws them.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { ExperimentResults } from '../src/core/results/results';

const TINY =
  'v=1&backend=webgpu&groupings=joint-5task&baseline=joint-5task' +
  '&users=100&shows=30&days=5&per_day=200&epochs=1&batch=512&emb=4&encoder=16&tower=8' +
  '&experts=2&task_experts=1&expert_units=8,8&bootstrap=0';

/** One run per balancing method; the encoders take turns (MMoE, PLE, MMoE). */
const RUNS = [
  { balancing: 'uncertainty', encoder: 'mmoe' },
  { balancing: 'gradnorm', encoder: 'ple' },
  { balancing: 'pcgrad', encoder: 'mmoe' },
] as const;

// One page for every run: the later runs reuse the compiled WebGPU kernels (SwiftShader here).
test('MMoE and PLE train on WebGPU with uncertainty weighting, GradNorm and PCGrad; weights and gradient cosines are recorded and drawn', async ({
  page,
}, info) => {
  test.setTimeout(600_000);
  await page.goto(`/?${TINY}`);
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu', {
    timeout: 60_000,
  });
  for (const { balancing, encoder } of RUNS) {
    await page.getByTestId('field-balancing').selectOption(balancing);
    await page.getByTestId('encoder-joint-5task').selectOption(encoder);
    await expect(page.getByTestId('start-run')).toBeEnabled({ timeout: 60_000 });
    await page.getByTestId('start-run').click();
    await expect(page.getByTestId('run-status')).toHaveText(/running/, { timeout: 30_000 });
    await expect(page.getByTestId('run-status')).toHaveText(/done/, { timeout: 300_000 });

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-results-json').click(),
    ]);
    const path = info.outputPath(`results-${balancing}.json`);
    await file.saveAs(path);
    const results = JSON.parse(readFileSync(path, 'utf8')) as ExperimentResults;
    expect(results.backend).toBe('webgpu');
    const [g] = results.groupings;
    expect([g.id, g.encoder, g.balancing]).toEqual(['joint-5task', encoder, balancing]);
    expect(g.promoAp).not.toBeNull(); // it trained and scored
    expect(g.adAp).not.toBeNull();
    const last = g.history[g.history.length - 1];
    const w = g.heads.map((h) => last.taskWeights![h]!);
    for (const x of w) expect(Number.isFinite(x) && x > 0).toBe(true);
    if (balancing === 'gradnorm') expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(g.heads.length, 3);
    if (balancing === 'pcgrad') expect(w).toEqual(g.heads.map(() => 1));
    if (balancing === 'uncertainty') expect(w.some((x) => Math.abs(x - 1) > 1e-4)).toBe(true);
    const pairs = last.gradCosine ?? [];
    expect(pairs).toHaveLength(10); // 5 heads
    const defined = pairs.filter((p) => p.cosine !== null);
    expect(defined.length).toBeGreaterThan(0);
    for (const p of defined) expect(Math.abs(p.cosine!)).toBeLessThanOrEqual(1);
    // The diagnostics section draws the learned weights and the conflict heat map.
    const section = page.getByTestId('diagnostics-joint-5task');
    await expect(section).toBeVisible({ timeout: 30_000 });
    await expect(section.getByTestId('conflict-heatmap-joint-5task')).toBeVisible();
    await expect(section.getByTestId('weights-chart-joint-5task').locator('svg').first()).toBeVisible();
  }
});
