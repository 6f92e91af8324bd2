import { gzipSync, brotliCompressSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readImpressionCsv } from './csv-reader';
import { tableToCsv } from './csv-writer';
import { type ParquetCompression, tableToParquet } from './parquet-writer';
import { MISSING_LABEL } from './schema';
import { featureValues, tableValues } from './table-values';
import type { ImpressionTable } from './table';
import { base, decode, failed, file, loaded, read, simTable } from './parquet-test-files';

const decodeFeature = featureValues;
const feature = (t: ImpressionTable, name: string) => t.features.find((f) => f.name === name)!;

/** Every column of `b` equals `a`'s (dictionary codes may be renumbered, so compare values). */
function expectSame(b: ImpressionTable, a: ImpressionTable): void {
  expect(tableValues(b)).toEqual(tableValues(a));
}

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
