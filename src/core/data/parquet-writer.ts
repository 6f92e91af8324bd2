/**
 * Writes an ImpressionTable as Parquet (impression file format, version 1) with hyparquet-writer:
 * the same columns, order and values as the CSV writer, typed so that readers (pandas, DuckDB,
 * this app) get numbers as numbers, and missing labels, tiers, numbers and categories are Parquet
 * nulls rather than NaN or ''.
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import { MISSING_LABEL, MISSING_TIER } from './schema';
import type { DictColumn, FeatureColumn, ImpressionTable } from './table';
import { epochDayToDate } from './table-builder-cells';

/**
 * Page compression. hyparquet-writer ships a snappy compressor and nothing else, so snappy (the
 * default) and UNCOMPRESSED need nothing; another codec needs its compressor, e.g. Node's
 * zlib.gzipSync for GZIP (the browser app has no synchronous gzip or zstd of its own).
 */
export type ParquetCompression =
  | 'SNAPPY'
  | 'UNCOMPRESSED'
  | { codec: 'GZIP' | 'ZSTD' | 'BROTLI' | 'LZ4_RAW'; compress: (bytes: Uint8Array) => Uint8Array };

export interface ParquetWriteOptions {
  /** Rows per row group (default hyparquet-writer's: 1,000 then 100,000 each). */
  readonly rowGroupSize?: number;
  readonly compression?: ParquetCompression;
}

const dictValues = (c: DictColumn): (string | null)[] =>
  Array.from(c.codes, (k) => (k < 0 ? null : c.dict[k]));
const nullableNumbers = (a: ArrayLike<number>, missing: (x: number) => boolean): (number | null)[] =>
  Array.from(a, (x) => (missing(x) ? null : x));

function featureSource(f: FeatureColumn): ColumnSource {
  switch (f.kind) {
    case 'numeric':
      return { name: f.name, type: 'DOUBLE', data: nullableNumbers(f.data, Number.isNaN) };
    case 'categorical':
      return { name: f.name, type: 'STRING', data: dictValues(f.data) };
    case 'multi': {
      const { offsets, codes, dict } = f.data;
      const data = Array.from({ length: offsets.length - 1 }, (_, i) =>
        offsets[i] === offsets[i + 1]
          ? null
          : Array.from(codes.subarray(offsets[i], offsets[i + 1]), (c) => dict[c]).join('|'),
      );
      return { name: f.name, type: 'STRING', data };
    }
  }
}

/**
 * The table as the bytes of a Parquet file (an ArrayBuffer). Columns as tableToCsvLines: source
 * STRING (`ad`/`promo`); day INT32, or STRING `YYYY-MM-DD` when the table came with dates
 * (`dayZeroDate`); user_id, podcast_id STRING; stream INT32; click, like, follow INT32 nullable;
 * then when present stream_tier INT32 nullable, show_streams_30d and cost DOUBLE nullable; then the
 * features: numeric DOUBLE, categorical STRING, multi STRING joined by `|`, all nullable.
 */
export function tableToParquet(table: ImpressionTable, opts: ParquetWriteOptions = {}): ArrayBuffer {
  const { labels, streamTier, showStreams30d, cost } = table;
  const label = (a: Uint8Array) => nullableNumbers(a, (v) => v === MISSING_LABEL);
  const zero = table.dayZeroDate ? Date.parse(`${table.dayZeroDate}T00:00:00Z`) / 86_400_000 : 0;
  const columns: ColumnSource[] = [
    {
      name: 'source',
      type: 'STRING',
      nullable: false,
      data: Array.from(table.source, (s) => (s === 1 ? 'ad' : 'promo')),
    },
    table.dayZeroDate
      ? {
          name: 'day',
          type: 'STRING',
          nullable: false,
          data: Array.from(table.day, (d) => epochDayToDate(zero + d)),
        }
      : { name: 'day', type: 'INT32', nullable: false, data: table.day },
    // '' for a missing id (never in a loaded table), as the CSV writer does.
    { name: 'user_id', type: 'STRING', nullable: false, data: dictValues(table.userId).map((v) => v ?? '') },
    {
      name: 'podcast_id',
      type: 'STRING',
      nullable: false,
      data: dictValues(table.podcastId).map((v) => v ?? ''),
    },
    { name: 'stream', type: 'INT32', nullable: false, data: Int32Array.from(labels.stream) },
    { name: 'click', type: 'INT32', data: label(labels.click) },
    { name: 'like', type: 'INT32', data: label(labels.like) },
    { name: 'follow', type: 'INT32', data: label(labels.follow) },
  ];
  if (streamTier)
    columns.push({
      name: 'stream_tier',
      type: 'INT32',
      data: nullableNumbers(streamTier, (t) => t === MISSING_TIER),
    });
  if (showStreams30d)
    columns.push({
      name: 'show_streams_30d',
      type: 'DOUBLE',
      data: nullableNumbers(showStreams30d, Number.isNaN),
    });
  if (cost) columns.push({ name: 'cost', type: 'DOUBLE', data: nullableNumbers(cost, Number.isNaN) });
  for (const f of table.features) columns.push(featureSource(f));

  const c = opts.compression ?? 'SNAPPY';
  return parquetWriteBuffer({
    columnData: columns,
    ...(typeof c === 'string' ? { codec: c } : { codec: c.codec, compressors: { [c.codec]: c.compress } }),
    ...(opts.rowGroupSize ? { rowGroupSize: opts.rowGroupSize } : {}),
  });
}
