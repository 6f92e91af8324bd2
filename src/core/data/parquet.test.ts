import { gzipSync, brotliCompressSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { type ColumnSource, parquetWriteBuffer, schemaFromColumnData } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readImpressionCsv } from './csv-reader';
import { tableToCsv } from './csv-writer';
import { LoadCancelled, type LoadProgress, type StreamLoadOptions } from './load-types';
import { readImpressionParquet } from './parquet-reader';
import { type ParquetCompression, tableToParquet } from './parquet-writer';
import { MISSING_LABEL } from './schema';
import { DEFAULT_SIM_CONFIG, simulate } from './simulator';
import { dictValues, featureValues, tableValues } from './table-values';
import type { DictColumn, ImpressionTable } from './table';
import type { LoadResult } from './table-builder';

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

const read = (buf: ArrayBuffer | Uint8Array<ArrayBuffer>, opts?: StreamLoadOptions, name = 'test.parquet') =>
  readImpressionParquet(new Blob([buf]), name, opts);
async function loaded(buf: ArrayBuffer, opts?: StreamLoadOptions): Promise<ImpressionTable> {
  const r = await read(buf, opts);
  if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems)}`);
  return r.table;
}
const failed = (r: LoadResult) => {
  if (r.ok) throw new Error('expected the load to fail');
  return r;
};
const decode = (c: DictColumn) => dictValues(c, '');
const decodeFeature = featureValues;
const feature = (t: ImpressionTable, name: string) => t.features.find((f) => f.name === name)!;

/** Every column of `b` equals `a`'s (dictionary codes may be renumbered, so compare values). */
function expectSame(b: ImpressionTable, a: ImpressionTable): void {
  expect(tableValues(b)).toEqual(tableValues(a));
}

const cfg = { ...DEFAULT_SIM_CONFIG, users: 300, shows: 80, days: 4, impressionsPerDay: 600 };
const simTable = simulate(cfg, 5);
const viaCsv = (t: ImpressionTable) => {
  const r = readImpressionCsv(tableToCsv(t), 'same.csv');
  if (!r.ok) throw new Error(r.message);
  return r.table;
};
const codecOf = (buf: ArrayBuffer) => parquetMetadata(buf).row_groups[0].columns[0].meta_data?.codec;
const rowGroupsOf = (buf: ArrayBuffer) => parquetMetadata(buf).row_groups.map((g) => Number(g.num_rows));

const identity = (b: Uint8Array): Uint8Array => b;

/**
 * A zstd frame of raw (stored) blocks (RFC 8878 sections 3.1.1, 3.1.1.2): valid zstd that any
 * decoder reads. Node 20 has no zstd encoder and no library here writes one, so this tests the
 * reader's ZSTD path (codec dispatch, fzstd framing), not entropy-coded blocks.
 */
function zstdStored(input: Uint8Array): Uint8Array {
  const MAX = 1 << 17; // largest block
  const blocks = Math.max(1, Math.ceil(input.length / MAX));
  const out = new Uint8Array(9 + 3 * blocks + input.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xfd2fb528, true); // magic
  out[4] = 0xa0; // 4-byte content size, single segment, no checksum, no dictionary
  view.setUint32(5, input.length, true);
  let at = 9;
  for (let b = 0; b < blocks; b++) {
    const part = input.subarray(b * MAX, (b + 1) * MAX);
    const h = (part.length << 3) | (b === blocks - 1 ? 1 : 0); // type 0 = raw, bit 0 = last
    out.set([h & 255, (h >> 8) & 255, h >> 16], at);
    out.set(part, at + 3);
    at += 3 + part.length;
  }
  return out;
}

describe('Parquet round trip', () => {
  it('simulate -> tableToParquet -> readImpressionParquet keeps every value, as the CSV path does', async () => {
    const buf = tableToParquet(simTable);
    expect(codecOf(buf)).toBe('SNAPPY');
    const back = await loaded(buf);
    expectSame(back, simTable);
    expectSame(back, viaCsv(simTable));
    expect(back.truth).toBeUndefined();
    expect(back.features.map((f) => f.kind)).toContain('multi');
    expect(back.labels.click.includes(MISSING_LABEL)).toBe(true);
  });

  it('keeps rows in order across many row groups, and writes dates back as dates', async () => {
    const dated: ImpressionTable = { ...simTable, dayZeroDate: '2024-02-27' };
    const buf = tableToParquet(dated, { rowGroupSize: 500 });
    expect(rowGroupsOf(buf)).toEqual([500, 500, 500, 500, 400]);
    const back = await loaded(buf);
    expect(back.dayZeroDate).toBe('2024-02-27');
    expectSame(back, dated);
    expectSame(back, viaCsv(dated));
    expect(Math.max(...back.day)).toBe(3); // 2024-03-01: leap-year arithmetic is UTC calendar days
  });

  const codecs: [string, ParquetCompression][] = [
    ['UNCOMPRESSED', 'UNCOMPRESSED'],
    ['GZIP', { codec: 'GZIP', compress: (b) => gzipSync(b) }],
    ['ZSTD', { codec: 'ZSTD', compress: zstdStored }],
    ['BROTLI', { codec: 'BROTLI', compress: (b) => brotliCompressSync(b) }],
  ];
  it.each(codecs)('reads %s pages', async (name, compression) => {
    const buf = tableToParquet(simTable, { compression, rowGroupSize: 1000 });
    expect(codecOf(buf)).toBe(name);
    expectSame(await loaded(buf), simTable);
  });

  it('fails with a message naming a codec it cannot decode', async () => {
    const buf = parquetWriteBuffer({
      columnData: base(2),
      codec: 'LZO',
      compressors: { LZO: identity },
    });
    const r = failed(await read(buf, {}, 'lzo.parquet'));
    expect(r.message).toMatch(/^lzo\.parquet: column "source" uses the Parquet compression codec LZO/);
    expect(r.problemCount).toBe(0);
  });
});

/** The required columns for `n` valid rows, as hyparquet-writer column sources. */
function base(n: number): ColumnSource[] {
  return [
    { name: 'source', type: 'STRING', data: Array.from({ length: n }, (_, i) => (i % 2 ? 'ad' : 'promo')) },
    { name: 'day', type: 'INT32', data: Array.from({ length: n }, (_, i) => i % 3) },
    { name: 'user_id', type: 'STRING', data: Array.from({ length: n }, (_, i) => `u${i}`) },
    { name: 'podcast_id', type: 'STRING', data: Array.from({ length: n }, (_, i) => `p${i % 2}`) },
    { name: 'stream', type: 'INT32', data: Array.from({ length: n }, (_, i) => i % 2) },
  ];
}

/**
 * A Parquet file of `base(n)` with columns replaced or added by name. A column given `schema`
 * gets those schema elements (a DATE, a LIST), which BasicType has no name for.
 */
function file(n: number, cols: (ColumnSource & { schema?: SchemaElement[] })[], rowGroupSize?: number) {
  const columnData = base(n).filter((b) => !cols.some((c) => c.name === b.name));
  columnData.push(...cols.map(({ schema: _, ...c }) => c));
  const auto = schemaFromColumnData({ columnData });
  const schema: SchemaElement[] = [auto[0]];
  columnData.forEach((c, k) =>
    schema.push(...(cols.find((x) => x.name === c.name)?.schema ?? [auto[k + 1]])),
  );
  const untyped = columnData.map(({ type: _, nullable: __, ...c }) => c);
  return parquetWriteBuffer({ columnData: untyped, schema, ...(rowGroupSize ? { rowGroupSize } : {}) });
}

describe('readImpressionParquet on Parquet types this project does not write', () => {
  it('reads DATE, TIMESTAMP and INT64 day columns', async () => {
    const days = [19783, 19785, 19784]; // 2024-03-01, 03-03, 03-02
    const date = await loaded(
      file(3, [
        {
          name: 'day',
          data: days,
          schema: [{ name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' }],
        },
      ]),
    );
    expect(date.dayZeroDate).toBe('2024-03-01');
    expect(Array.from(date.day)).toEqual([0, 2, 1]);
    const ts = await loaded(
      file(3, [
        { name: 'day', type: 'TIMESTAMP', data: days.map((d) => new Date(d * 86_400_000 + 3_600_000)) },
      ]),
    );
    expect(ts.dayZeroDate).toBe('2024-03-01');
    expect(Array.from(ts.day)).toEqual([0, 2, 1]);
    const int64 = await loaded(file(3, [{ name: 'day', type: 'INT64', data: [5n, 0n, 9n] }]));
    expect(int64.dayZeroDate).toBeUndefined();
    expect(Array.from(int64.day)).toEqual([5, 0, 9]);
  });

  it('reads binary as text, lists as multi values, NaN as missing, and does not read ignored columns', async () => {
    const enc = new TextEncoder();
    const t = await loaded(
      file(3, [
        { name: 'user_id', type: 'BYTE_ARRAY', data: ['a', 'b', 'ä'].map((s) => enc.encode(s)) },
        { name: 'user_profile', type: 'JSON', data: [{ x: 1 }, null, 7] },
        {
          name: 'notes', // hyparquet cannot decode INTERVAL: reading it would fail the load
          data: [0, 1, 2].map(() => new Uint8Array(12)),
          schema: [
            { name: 'notes', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 12, converted_type: 'INTERVAL' },
          ],
        },
        { name: 'content_score', type: 'DOUBLE', data: [0.5, Number.NaN, null] },
        { name: 'click', type: 'BOOLEAN', data: [true, null, false] },
        {
          name: 'content_tags',
          data: [['news', 'comedy'], [], null],
          schema: [
            { name: 'content_tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
            { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
            { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
          ],
        },
      ]),
    );
    expect(decode(t.userId)).toEqual(['a', 'b', 'ä']);
    expect(decodeFeature(feature(t, 'content_score'))).toEqual([0.5, Number.NaN, Number.NaN]);
    expect(Array.from(t.labels.click)).toEqual([1, MISSING_LABEL, 0]);
    expect(feature(t, 'content_tags').kind).toBe('multi');
    expect(decodeFeature(feature(t, 'content_tags'))).toEqual([['news', 'comedy'], [], []]);
    expect(t.ignoredColumns).toEqual(['notes']);
    expect(feature(t, 'user_profile').kind).toBe('categorical'); // a JSON object is its JSON text
    expect(decodeFeature(feature(t, 'user_profile'))).toEqual(['{"x":1}', '', '7']);
  });

  it('matches column names with surrounding spaces as the builder does', async () => {
    const cols = base(2).map((c) => (c.name === 'stream' ? { ...c, name: ' stream ' } : c));
    const t = await loaded(parquetWriteBuffer({ columnData: cols }));
    expect(Array.from(t.labels.stream)).toEqual([0, 1]);
  });

  it('reports a struct in a required column as a bad value', async () => {
    const r = failed(
      await read(file(2, [{ name: 'source', type: 'JSON', data: [{ s: 'ad' }, 'promo'] }]), {}, 's.parquet'),
    );
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([[1, 'source', '{"s":"ad"}']]);
  });
});

describe('readImpressionParquet failures', () => {
  it('lists values of the wrong Parquet type with row, column, value and reason', async () => {
    const r = failed(
      await read(
        file(4, [
          { name: 'stream', type: 'STRING', data: ['0', 'yes', '1', 'no'] },
          { name: 'day', type: 'DOUBLE', data: [0, 1.5, 2, 3] },
          { name: 'source', type: 'INT32', data: [1, 0, 1, 0] },
        ]),
        {},
        'types.parquet',
      ),
    );
    expect(r.file).toBe('types.parquet');
    expect(r.message).toBe('types.parquet: 7 invalid values in 4 rows');
    expect(r.problemCount).toBe(7);
    expect(r.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [1, 'source', '1'],
      [2, 'source', '0'],
      [2, 'day', '1.5'],
      [2, 'stream', 'yes'],
      [3, 'source', '1'],
      [4, 'source', '0'],
      [4, 'stream', 'no'],
    ]);
    expect(r.problems[0].reason).toMatch(/source must be ad or promo/);
    expect(r.problems[2].reason).toMatch(/day must be an integer >= 0 or a date/);
    expect(r.problems[3].reason).toMatch(/stream must be 0 or 1/);
  });

  it('with skipInvalidRows keeps the good rows and reports the skipped ones, across row groups', async () => {
    const stream = Array.from({ length: 10 }, (_, i) => (i === 2 || i === 7 ? 'x' : String(i % 2)));
    const r = await read(file(10, [{ name: 'stream', type: 'STRING', data: stream }], 4), {
      skipInvalidRows: true,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.n).toBe(8);
    expect(decode(r.table.userId)).toEqual(['u0', 'u1', 'u3', 'u4', 'u5', 'u6', 'u8', 'u9']);
    expect(r.skippedCount).toBe(2);
    expect(r.skipped.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'stream', 'x'],
      [8, 'stream', 'x'],
    ]);
  });

  it('fails with one message naming the file for a missing column, non-Parquet bytes and no rows', async () => {
    const noPod = parquetWriteBuffer({ columnData: base(2).filter((c) => c.name !== 'podcast_id') });
    expect(failed(await read(noPod, {}, 'nopod.parquet')).message).toBe(
      'nopod.parquet: required column "podcast_id" missing',
    );
    const garbage = new TextEncoder().encode('source,day\nad,1\n'.repeat(10));
    expect(failed(await read(garbage, {}, 'g.parquet')).message).toBe(
      'g.parquet: is not a readable Parquet file (no PAR1 magic)',
    );
    expect(failed(await read(new Uint8Array(5), {}, 'e.parquet')).message).toBe(
      'e.parquet: is not a readable Parquet file (5 bytes is too short)',
    );
    const empty = parquetWriteBuffer({ columnData: base(0) });
    expect(failed(await read(empty, {}, 'z.parquet')).message).toBe(
      'z.parquet: has a header but no data rows',
    );
  });

  it('fails without throwing on a truncated file and on corrupt metadata or pages', async () => {
    const buf = new Uint8Array(tableToParquet(simTable, { rowGroupSize: 1000 }));
    const half = failed(await read(buf.slice(0, buf.length >> 1), {}, 'half.parquet'));
    expect(half.message).toBe('half.parquet: is not a readable Parquet file (no PAR1 magic)');

    const badMeta = buf.slice();
    badMeta.fill(0xff, buf.length - 60, buf.length - 8);
    expect(failed(await read(badMeta, {}, 'meta.parquet')).message).toMatch(
      /^meta\.parquet: is not a readable Parquet file \(bad metadata: /,
    );

    const meta = parquetMetadata(buf.buffer);
    const badPages = buf.slice();
    const at = Number(meta.row_groups[1].columns[0].meta_data!.data_page_offset);
    badPages.fill(0xff, at, at + 40);
    expect(failed(await read(badPages, {}, 'pages.parquet')).message).toMatch(
      /^pages\.parquet: could not decode the Parquet data \(.+\)$/,
    );
  });
});

describe('readImpressionParquet progress and cancel', () => {
  it('reports once per row group with growing rows and bytes within the file', async () => {
    const buf = tableToParquet(simTable, { rowGroupSize: 700 });
    const seen: LoadProgress[] = [];
    await loaded(buf, { onProgress: (p) => seen.push(p) });
    expect(seen.map((p) => p.rows)).toEqual([700, 1400, 2100, 2400]);
    for (const [k, p] of seen.entries()) {
      expect(p.bytesTotal).toBe(buf.byteLength);
      expect(p.bytesRead).toBeLessThanOrEqual(p.bytesTotal);
      expect(p.bytesRead).toBeGreaterThan(k === 0 ? 0 : seen[k - 1].bytesRead);
    }
  });

  it('rejects with LoadCancelled when the signal is aborted between row groups', async () => {
    const buf = tableToParquet(simTable, { rowGroupSize: 700 });
    const ctl = new AbortController();
    let calls = 0;
    const p = read(buf, {
      signal: ctl.signal,
      onProgress: () => {
        calls++;
        ctl.abort();
      },
    });
    await expect(p).rejects.toBeInstanceOf(LoadCancelled);
    expect(calls).toBe(1);
  });
});
