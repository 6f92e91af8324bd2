/**
 * The malformed-file battery in the browser: the same fixtures and expectations as the unit
 * battery (test-fixtures/load/cases.json), loaded through the file picker into the worker. Each
 * refused file must leave the dataset in use exactly as it was.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';

interface Problem {
  row: number;
  column: string;
  value?: string;
  reasonIncludes: string;
}
interface Case {
  file: string;
  expect: {
    ok: boolean;
    message?: string;
    problemCount?: number;
    problems?: Problem[];
    rows?: number;
    skippedCount?: number;
    retryMessage?: string;
  };
}

const DIR = 'test-fixtures/load';
const CASES: Case[] = JSON.parse(readFileSync(`${DIR}/cases.json`, 'utf8'));
/** A spread of formats and failure kinds (file-level, value-level, row-level, fine). */
const IN_BROWSER = [
  'missing-column.csv',
  'binary.csv',
  'duplicate-header.csv',
  'unknown.xlsx',
  'mixed.csv',
  'many-bad.csv',
  'broken.jsonl',
  'wrong-type.parquet',
  'crlf.csv',
  'long-line.csv',
];
const fmt = (n: number) => n.toLocaleString('en-US');

async function expectProblems(page: Page, testId: string, problems: Problem[], total: number) {
  const rows = page.getByTestId(testId).locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(problems.length, 20));
  for (const [i, p] of problems.slice(0, 20).entries()) {
    const cells = rows.nth(i).locator('td');
    await expect(cells.nth(0)).toHaveText(fmt(p.row));
    await expect(cells.nth(1)).toHaveText(p.column || '—');
    if (p.value !== undefined) await expect(cells.nth(2)).toHaveText(p.value === '' ? '(empty)' : p.value);
    await expect(cells.nth(3)).toContainText(p.reasonIncludes);
  }
  if (total > 20)
    await expect(page.getByText(`Showing the first 20 of ${fmt(total)} problems.`)).toBeVisible();
}

test('the malformed-file battery gets the same outcomes in the browser as in the unit tests', async ({
  page,
}) => {
  await page.goto('/');
  const inUse = page.getByTestId('dataset-status');
  await expect(inUse).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.getByTestId('tab-load').click();
  for (const name of IN_BROWSER) {
    const c = CASES.find((x) => x.file === name);
    if (!c) throw new Error(`${name} is not in cases.json`);
    await test.step(name, async () => {
      const before = await inUse.textContent();
      await page.getByTestId('file-input').setInputFiles(`${DIR}/${name}`);
      const e = c.expect;
      if (e.ok) {
        await expect(inUse).toContainText(`In use: ${name} data, ${fmt(e.rows ?? 0)} rows`, {
          timeout: 30_000,
        });
        return;
      }
      const error = page.getByTestId('load-error');
      await expect(error).toContainText(name, { timeout: 30_000 });
      if (e.message) await expect(error).toContainText(e.message);
      expect(await inUse.textContent()).toBe(before); // the dataset in use stays
      if (e.problems?.length) await expectProblems(page, 'load-problems', e.problems, e.problemCount ?? 0);
      const retry = page.getByTestId('retry-skipping');
      if (!e.problemCount) {
        await expect(retry).toHaveCount(0);
        return;
      }
      await retry.click();
      if (e.retryMessage) {
        await expect(page.getByTestId('load-error')).toContainText(e.retryMessage, { timeout: 30_000 });
        expect(await inUse.textContent()).toBe(before);
        return;
      }
      await expect(inUse).toContainText(`In use: ${name} data, ${fmt(e.rows ?? 0)} rows`, {
        timeout: 30_000,
      });
      const report = page.getByTestId('load-report');
      await expect(report).toContainText(`${fmt(e.skippedCount ?? 0)} invalid row`);
      if (e.problems?.length) await expectProblems(page, 'skipped-problems', e.problems, e.problemCount ?? 0);
    });
  }
});
