/**
 * One table, three encodings: tableToCsv / tableToParquet / tableToJsonl, then readImpressionFile
 * on each, must give the same table (every decoded column and the same datasetFingerprint) as
 * each other and as the table written. Also the encoding detection for names without extension.
 */
import { describe, expect, it } from 'vitest';
import { readImpressionCsv } from './csv-reader';
import { tableToCsv } from './csv-writer';
import { datasetFingerprint } from './fingerprint';
import { tableToJsonl } from './jsonl-writer';
import { detectEncoding, type Encoding, readImpressionFile, sniffEncoding } from './load-file';
import { tableToParquet } from './parquet-writer';
import { DEFAULT_SIM_CONFIG, simulate } from './simulator';
import { tableValues } from './table-values';
import type { ImpressionTable } from './table';

/** The three encodings of `t`, as the bytes a user would download. */
function encodings(t: ImpressionTable): Record<Encoding, Blob> {
  return {
    csv: new Blob([tableToCsv(t)]),
    parquet: new Blob([tableToParquet(t)]),
    jsonl: new Blob([tableToJsonl(t)]),
  };
}

const EXT: Record<Encoding, string> = { csv: 'x.csv', parquet: 'x.parquet', jsonl: 'x.jsonl' };

async function loadOk(blob: Blob, name: string, contentType?: string): Promise<ImpressionTable> {
  const r = await readImpressionFile(blob, name, {}, contentType);
  if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems.slice(0, 3))}`);
  expect(r.skippedCount).toBe(0);
  expect(r.ignoredColumns).toEqual([]);
  return r.table;
}

const cfg = { ...DEFAULT_SIM_CONFIG, users: 300, shows: 80, days: 4, impressionsPerDay: 600 };
const simTable = simulate(cfg, 5);

/** simTable written with YYYY-MM-DD days and loaded back: a table as a user's dated CSV gives. */
function datedTable(): ImpressionTable {
  const csv = tableToCsv({ ...simTable, dayZeroDate: '2024-02-27' });
  expect(csv.split('\n')[1]).toMatch(/^(ad|promo),2024-02-2[7-9],/);
  const r = readImpressionCsv(csv, 'dated.csv');
  if (!r.ok) throw new Error(r.message);
  expect(r.table.dayZeroDate).toBe('2024-02-27');
  expect(Math.max(...r.table.day)).toBe(3); // 2024-03-01: Feb 29 counted
  return r.table;
}

describe('CSV, Parquet and JSON Lines give the same table', () => {
  const tables: [string, () => ImpressionTable][] = [
    ['a simulated table (integer days)', () => simTable],
    ['a table loaded from a CSV with YYYY-MM-DD days', datedTable],
  ];

  it.each(tables)('%s', async (_, make) => {
    const t = make();
    const want = tableValues(t);
    const blobs = encodings(t);
    const loaded = {} as Record<Encoding, ImpressionTable>;
    for (const enc of ['csv', 'parquet', 'jsonl'] as const) {
      loaded[enc] = await loadOk(blobs[enc], EXT[enc]);
      expect(loaded[enc].n, enc).toBe(t.n);
      expect(tableValues(loaded[enc]), enc).toEqual(want);
      expect(loaded[enc].truth).toBeUndefined();
    }
    // Every feature kind is exercised, and missing labels and tiers survive each encoding.
    expect(new Set(t.features.map((f) => f.kind))).toEqual(new Set(['numeric', 'categorical', 'multi']));
    const fp = datasetFingerprint(loaded.csv);
    expect(datasetFingerprint(loaded.parquet)).toBe(fp);
    expect(datasetFingerprint(loaded.jsonl)).toBe(fp);
    if (!t.truth) expect(datasetFingerprint(t)).toBe(fp); // a loaded table has no simulator truth
  });
});

describe('encoding detection without a file extension', () => {
  it('sniffs each encoding from its first bytes, and the load gives the same table', async () => {
    const blobs = encodings(simTable);
    const want = datasetFingerprint(await loadOk(blobs.csv, 'x.csv'));
    for (const enc of ['csv', 'parquet', 'jsonl'] as const) {
      const head = new Uint8Array(await blobs[enc].slice(0, 4096).arrayBuffer());
      expect(sniffEncoding(head), enc).toBe(enc);
      expect(await detectEncoding(blobs[enc], 'download'), enc).toBe(enc);
      expect(datasetFingerprint(await loadOk(blobs[enc], 'download')), enc).toBe(want);
    }
  });

  it('takes a Content-Type over sniffing, and a file extension over both', async () => {
    const blobs = encodings(simTable);
    const want = datasetFingerprint(await loadOk(blobs.csv, 'x.csv'));
    const types: Record<Encoding, string> = {
      csv: 'text/csv; charset=utf-8',
      parquet: 'application/vnd.apache.parquet',
      jsonl: 'application/x-ndjson',
    };
    for (const enc of ['csv', 'parquet', 'jsonl'] as const) {
      expect(await detectEncoding(blobs[enc], 'data?v=2', types[enc])).toBe(enc);
      expect(datasetFingerprint(await loadOk(blobs[enc], 'data?v=2', types[enc])), enc).toBe(want);
      // A misleading Content-Type (a server's generic octet-stream or text/plain) loses to the name.
      expect(await detectEncoding(blobs[enc], EXT[enc], 'text/plain')).toBe(enc);
    }
    // The Content-Type wins over the bytes: Parquet bytes announced as CSV are read as CSV, and fail.
    const r = await readImpressionFile(blobs.parquet, 'data', {}, 'text/csv');
    expect(!r.ok && r.message).toMatch(/^data: is not (UTF-8 )?text/);
    // Neither a name, a type nor recognisable bytes: unknown encoding.
    const zip = new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 8, 0])]);
    const unknown = await readImpressionFile(zip, 'archive');
    expect(!unknown.ok && unknown.message).toMatch(/^archive: unknown encoding/);
  });
});
