import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { LoadCancelled, type LoadProgress } from './load-types';
import { base, decode, failed, file, loaded, read, simTable } from './parquet-test-files';
import { tableToParquet } from './parquet-writer';

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
