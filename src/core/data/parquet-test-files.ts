/**
 * Shared pieces of the Parquet reader's tests (parquet.test.ts, parquet-failures.test.ts): read a
 * buffer through readImpressionParquet, a small simulated table, and hand-built files.
 */
import { type ColumnSource, parquetWriteBuffer, schemaFromColumnData } from 'hyparquet-writer';
import type { StreamLoadOptions } from './load-types';
import { readImpressionParquet } from './parquet-reader';
import { DEFAULT_SIM_CONFIG, simulate } from './simulator';
import type { DictColumn, ImpressionTable } from './table';
import type { LoadResult } from './table-builder';
import { dictValues } from './table-values';

export type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];

export const read = (
  buf: ArrayBuffer | Uint8Array<ArrayBuffer>,
  opts?: StreamLoadOptions,
  name = 'test.parquet',
) => readImpressionParquet(new Blob([buf]), name, opts);
export async function loaded(buf: ArrayBuffer, opts?: StreamLoadOptions): Promise<ImpressionTable> {
  const r = await read(buf, opts);
  if (!r.ok) throw new Error(`${r.message}: ${JSON.stringify(r.problems)}`);
  return r.table;
}
export const failed = (r: LoadResult) => {
  if (r.ok) throw new Error('expected the load to fail');
  return r;
};
export const decode = (c: DictColumn) => dictValues(c, '');

/** A small simulated table (4 days of 600 impressions). */
const cfg = { ...DEFAULT_SIM_CONFIG, users: 300, shows: 80, days: 4, impressionsPerDay: 600 };
export const simTable = simulate(cfg, 5);

/** The required columns for `n` valid rows, as hyparquet-writer column sources. */
export function base(n: number): ColumnSource[] {
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
export function file(
  n: number,
  cols: (ColumnSource & { schema?: SchemaElement[] })[],
  rowGroupSize?: number,
) {
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
