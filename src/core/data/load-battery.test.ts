/**
 * The loader battery: every case of test-fixtures/load/cases.json (written by
 * scripts/write-load-fixtures.ts) read from disk through readImpressionFile, with its expected
 * outcome checked exactly: messages, problem rows, columns and values, counts, and the retry
 * with skipInvalidRows.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadCase, ProblemExpect } from '../../../scripts/write-load-fixtures';
import { CsvFeeder } from './csv-reader';
import { datasetFingerprint } from './fingerprint';
import { readImpressionFile } from './load-file';
import { MISSING_LABEL, MISSING_TIER } from './schema';
import type { DictColumn, FeatureColumn, ImpressionTable } from './table';
import { type LoadResult, MAX_PROBLEMS, type RowProblem, TableBuilder } from './table-builder';

const DIR = join(import.meta.dirname, '..', '..', '..', 'test-fixtures', 'load');
const cases = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as LoadCase[];

const load = (c: LoadCase, opts = {}): Promise<LoadResult> =>
  readImpressionFile(new Blob([readFileSync(join(DIR, c.file))]), c.name ?? c.file, opts, c.contentType);

const dict = (c: DictColumn, i: number): string | null => (c.codes[i] < 0 ? null : c.dict[c.codes[i]]);
const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

function featureValues(f: FeatureColumn): unknown[] {
  if (f.kind === 'numeric') return Array.from(f.data, orNull);
  if (f.kind === 'categorical') return Array.from(f.data.codes, (_, i) => dict(f.data, i));
  const { offsets, codes, dict: d } = f.data;
  return Array.from({ length: offsets.length - 1 }, (_, i) =>
    Array.from(codes.subarray(offsets[i], offsets[i + 1]), (k) => d[k]),
  );
}

/** A column decoded per row as cases.json writes it (see LoadExpect.columns). */
function columnValues(t: ImpressionTable, name: string): unknown[] {
  const rows = Array.from({ length: t.n }, (_, i) => i);
  const label = (a: Uint8Array) => Array.from(a, (v) => (v === MISSING_LABEL ? null : v));
  switch (name) {
    case 'source':
      return Array.from(t.source, (s) => (s === 1 ? 'ad' : 'promo'));
    case 'day':
      return Array.from(t.day);
    case 'user_id':
      return rows.map((i) => dict(t.userId, i));
    case 'podcast_id':
      return rows.map((i) => dict(t.podcastId, i));
    case 'stream':
    case 'click':
    case 'like':
    case 'follow':
      return label(t.labels[name]);
    case 'stream_tier':
      return t.streamTier
        ? Array.from(t.streamTier, (v) => (v === MISSING_TIER ? null : v))
        : rows.map(() => null);
    case 'show_streams_30d':
      return t.showStreams30d ? Array.from(t.showStreams30d, orNull) : rows.map(() => null);
    case 'cost':
      return t.cost ? Array.from(t.cost, orNull) : rows.map(() => null);
  }
  const f = t.features.find((x) => x.name === name);
  if (!f) throw new Error(`no column ${name}; features are ${t.features.map((x) => x.name).join(', ')}`);
  return featureValues(f);
}

function expectProblems(got: readonly RowProblem[], want: readonly ProblemExpect[]): void {
  expect(got.map((p) => ({ row: p.row, column: p.column }))).toEqual(
    want.map((p) => ({ row: p.row, column: p.column })),
  );
  want.forEach((w, k) => {
    if (w.value !== undefined) expect(got[k].value, `problem ${k} value`).toBe(w.value);
    expect(got[k].reason, `problem ${k} reason`).toContain(w.reasonIncludes);
  });
}

const fingerprints = new Map<string, string>();
async function fingerprintOf(file: string): Promise<string> {
  let fp = fingerprints.get(file);
  if (fp === undefined) {
    const r = await readImpressionFile(new Blob([readFileSync(join(DIR, file))]), file);
    if (!r.ok) throw new Error(r.message);
    fp = datasetFingerprint(r.table);
    fingerprints.set(file, fp);
  }
  return fp;
}

describe('load battery (test-fixtures/load/cases.json)', () => {
  it('has the cases the issue asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const files = new Set(cases.map((c) => c.file));
    for (const f of ['empty.csv', 'long-line.csv', 'broken.jsonl', 'wrong-type.parquet', 'unknown.xlsx'])
      expect(files).toContain(f);
  });

  const label = (c: LoadCase) =>
    `${c.name ? `${c.file} as "${c.name}"${c.contentType ? ` (${c.contentType})` : ''}` : c.file}: ${c.note}`;

  it.each(cases.map((c) => [label(c), c] as const))('%s', async (_, c) => {
    const name = c.name ?? c.file;
    const want = c.expect;
    const first = await load(c);
    let table: ImpressionTable;
    let ignoredColumns: string[];

    if (!want.ok) {
      if (first.ok) throw new Error(`${name} loaded; expected: ${want.message}`);
      expect(first.file).toBe(name);
      expect(first.message.startsWith(`${name}: `), first.message).toBe(true);
      if (want.message !== undefined) expect(first.message).toContain(want.message);
      if (want.problemCount !== undefined) expect(first.problemCount).toBe(want.problemCount);
      expect(first.problems.length).toBe(Math.min(first.problemCount, MAX_PROBLEMS));
      if (want.problems) expectProblems(first.problems, want.problems);

      const retry = await load(c, { skipInvalidRows: true });
      if (want.skippedCount === undefined) {
        if (retry.ok) throw new Error(`${name} loaded with skipInvalidRows; expected it to fail`);
        expect(retry.message).toContain(want.retryMessage ?? want.message ?? '');
        expect(retry.message.startsWith(`${name}: `)).toBe(true);
        return;
      }
      if (!retry.ok) throw new Error(`${name} with skipInvalidRows: ${retry.message}`);
      expect(retry.skippedCount).toBe(want.skippedCount);
      expect(retry.skipped.length).toBe(Math.min(first.problemCount, MAX_PROBLEMS));
      if (want.skipped) expectProblems(retry.skipped, want.skipped);
      table = retry.table;
      ignoredColumns = retry.ignoredColumns;
    } else {
      if (!first.ok) throw new Error(`${name}: ${first.message}: ${JSON.stringify(first.problems)}`);
      expect(first.skippedCount).toBe(0);
      expect(first.skipped).toEqual([]);
      table = first.table;
      ignoredColumns = first.ignoredColumns;
    }

    if (want.rows !== undefined) expect(table.n).toBe(want.rows);
    if (want.ignoredColumns) {
      expect(ignoredColumns).toEqual(want.ignoredColumns);
      expect(table.ignoredColumns).toEqual(want.ignoredColumns);
    }
    if (want.dayZeroDate !== undefined) expect(table.dayZeroDate ?? null).toBe(want.dayZeroDate);
    if (want.features)
      expect(table.features.map((f) => ({ name: f.name, group: f.group, kind: f.kind }))).toEqual(
        want.features,
      );
    for (const [column, values] of Object.entries(want.columns ?? {}))
      expect(columnValues(table, column), column).toEqual(values);
    if (want.longValue) {
      const { column, index, length, sha256, head, tail } = want.longValue;
      const v = columnValues(table, column)[index];
      if (typeof v !== 'string') throw new Error(`${column}[${index}] is not a string`);
      expect(v.length).toBe(length);
      expect(v.slice(0, head.length)).toBe(head);
      expect(v.slice(-tail.length)).toBe(tail);
      expect(createHash('sha256').update(v).digest('hex')).toBe(sha256);
    }
    if (want.sameTableAs) expect(datasetFingerprint(table)).toBe(await fingerprintOf(want.sameTableAs));
    expect(table.truth).toBeUndefined();
  });
});

describe('CSV records split across reads', () => {
  // Blobs are read CHUNK_BYTES (4 MiB) at a time, so these pieces stand for chunks: a record
  // with a quoted newline, then a chunk with neither quote nor line feed (a value over 4 MiB).
  // The feeder once cut at the quoted newline there, breaking the record in two.
  it('never cuts a record at a line feed inside a quoted value that closed in an earlier chunk', () => {
    const feeder = new CsvFeeder('pieces.csv', {}, TableBuilder.start);
    const pieces = [
      'source,day,user_id,podcast_id,stream,content_x,content_y\nad,0,u1,p1,1,"x\ny',
      '",',
      'zz',
      'zz\npromo,1,u2,p2,0,w,v\n',
    ];
    for (const p of pieces) feeder.push(p);
    const r = feeder.end();
    if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems)}`);
    expect(r.table.n).toBe(2);
    expect(columnValues(r.table, 'content_x')).toEqual(['x\ny', 'w']);
    expect(columnValues(r.table, 'content_y')).toEqual(['zzzz', 'v']);
  });
});
