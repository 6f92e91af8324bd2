/**
 * The committed samples (public/samples/, written by `npm run samples`): each loads, the three
 * encodings hold the same table, that table is what the script writes today, and it is
 * trainable with the default split.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImpressionCsv } from '../src/core/data/csv-reader';
import { tableToCsv } from '../src/core/data/csv-writer';
import { datasetFingerprint } from '../src/core/data/fingerprint';
import { readImpressionFile } from '../src/core/data/load-file';
import { prepareData } from '../src/core/data/prepare';
import { DEFAULT_SPLIT } from '../src/core/data/split';
import type { ImpressionTable } from '../src/core/data/table';
import { SAMPLE_DIR, SAMPLE_FILES, sampleTable } from './write-samples';

async function loadSample(file: string): Promise<ImpressionTable> {
  const r = await readImpressionFile(new Blob([readFileSync(join(SAMPLE_DIR, file))]), file);
  if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems.slice(0, 3))}`);
  expect(r.skippedCount).toBe(0);
  expect(r.ignoredColumns).toEqual([]);
  return r.table;
}

describe('public/samples', () => {
  it('each sample loads, under 2 MB, with the same rows and fingerprint in all three encodings', async () => {
    expect(SAMPLE_FILES.map((f) => f.split('.').pop())).toEqual(['csv', 'parquet', 'jsonl']);
    const tables = await Promise.all(SAMPLE_FILES.map(loadSample));
    for (const file of SAMPLE_FILES) expect(statSync(join(SAMPLE_DIR, file)).size, file).toBeLessThan(2e6);
    const [csv, ...others] = tables;
    expect(csv.n).toBeGreaterThanOrEqual(3000);
    for (const [k, t] of others.entries()) {
      expect(t.n, SAMPLE_FILES[k + 1]).toBe(csv.n);
      expect(datasetFingerprint(t), SAMPLE_FILES[k + 1]).toBe(datasetFingerprint(csv));
    }
  });

  it('is the table scripts/write-samples.ts writes (else run `npm run samples`)', async () => {
    const fresh = readImpressionCsv(tableToCsv(sampleTable()), 'fresh.csv');
    if (!fresh.ok) throw new Error(fresh.message);
    expect(datasetFingerprint(await loadSample(SAMPLE_FILES[0]))).toBe(datasetFingerprint(fresh.table));
  });

  it('is trainable with the default split: >= 3 days, a positive stream label per source in every split', async () => {
    const data = prepareData(await loadSample(SAMPLE_FILES[0]), { split: DEFAULT_SPLIT });
    const { summary } = data;
    expect(summary.rowsByDay.length).toBeGreaterThanOrEqual(3);
    expect(summary.warnings.filter((w) => w.kind === 'no-positive-stream' || w.kind === 'few-days')).toEqual(
      [],
    );
    expect(summary.warnings.map((w) => w.kind)).not.toContain('missing-source');
    for (const name of ['train', 'val', 'test'] as const) {
      const s = summary.split![name];
      expect(s.streamPositives.promo, `${name} promo`).toBeGreaterThan(0);
      expect(s.streamPositives.ad, `${name} ad`).toBeGreaterThan(0);
    }
  });
});
