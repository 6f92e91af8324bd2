/**
 * Reads the impression file format from Parquet (one table; any row-group size; snappy, gzip,
 * zstd, brotli, lz4 or uncompressed). Decoding is hyparquet's, with hyparquet-compressors for the
 * codecs hyparquet lacks; validation and typed columns are the format-neutral TableBuilder's.
 * The file is read one row group at a time and one column at a time (parquetScan), so memory
 * holds one row group's decoded columns, never one object per row, and progress and cancel are
 * checked between row groups.
 */
import {
  type AsyncBuffer,
  type FileMetaData,
  parquetMetadataAsync,
  parquetScan,
  parquetSchema,
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { betweenChunks, LoadCancelled, type StreamLoadOptions } from './load-types';
import { featureGroupOf, OPTIONAL_LABEL_COLUMNS, REQUIRED_COLUMNS, SEGMENT_COLUMNS } from './schema';
import {
  isLoadFailure, type LoadFailure, type LoadResult, loadFailure, type RawCell, type StartRows, TableBuilder,
} from './table-builder'; // prettier-ignore
import { cellText } from './table-builder-cells';

const MAGIC = 0x31524150; // "PAR1", little-endian, at both ends of every Parquet file
const KNOWN: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_LABEL_COLUMNS, ...SEGMENT_COLUMNS];
const utf8 = new TextDecoder();

/** JSON that tolerates bigint (INT64 inside a struct), for values the builder should reject. */
const json = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? String(x) : x));

/**
 * A decoded Parquet value as a cell. NaN is missing (pandas writes missing floats as NaN); binary
 * without a UTF8 annotation is text; a list is a multi value `a|b`; any other object is its JSON,
 * which the builder reports as a bad value where a column needs a scalar.
 */
function toCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return v;
    case 'number':
      return Number.isNaN(v) ? null : v;
  }
  if (v instanceof Date) return v;
  if (v instanceof Uint8Array) return utf8.decode(v);
  if (Array.isArray(v)) return v.map((x) => cellText(toCell(x))).join('|');
  return json(v);
}

/** Why a Blob is not a Parquet file we can parse, or its metadata. */
async function readMetadata(file: AsyncBuffer, blob: Blob): Promise<FileMetaData | string> {
  if (blob.size < 12) return `${blob.size} bytes is too short`;
  const head = new DataView(await blob.slice(0, 4).arrayBuffer());
  const tail = new DataView(await blob.slice(blob.size - 4).arrayBuffer());
  if (head.getUint32(0, true) !== MAGIC || tail.getUint32(0, true) !== MAGIC) return 'no PAR1 magic';
  try {
    return await parquetMetadataAsync(file);
  } catch (e) {
    return `bad metadata: ${(e as Error).message}`;
  }
}

/**
 * Reads a Parquet Blob named `fileName` into an ImpressionTable (see readImpressionCsv for the
 * outcomes). The header is the schema's top-level column names; row numbers in problems are
 * 1-based over the whole file. Rejects only with LoadCancelled; every other problem is a result.
 */
export function readImpressionParquet(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions = {},
): Promise<LoadResult> {
  // Ignored columns are never read, so an exotic type there cannot fail the load.
  const wanted = (name: string) => KNOWN.includes(name) || featureGroupOf(name) !== undefined;
  return readParquetRows(blob, fileName, opts, TableBuilder.start, wanted);
}

/**
 * A Parquet Blob, one row group at a time, into the sink `start` gives for its header; only the
 * columns `wanted` names (trimmed) are decoded, the others are left to the sink to report.
 */
export async function readParquetRows<R>(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions,
  start: StartRows<R>,
  wanted: (name: string) => boolean,
): Promise<R | LoadFailure> {
  const file: AsyncBuffer = { byteLength: blob.size, slice: (s, e) => blob.slice(s, e).arrayBuffer() };
  const metadata = await readMetadata(file, blob);
  if (typeof metadata === 'string')
    return loadFailure(fileName, `${fileName}: is not a readable Parquet file (${metadata})`);

  const header = parquetSchema(metadata).children.map((c) => c.element.name);
  const started = start(fileName, header, opts);
  if (isLoadFailure(started)) return started;
  const builder = started;

  // The sink trims names; the Parquet column keeps its own.
  const used = header.flatMap((name, at) => (wanted(name.trim()) ? [{ name, at }] : []));
  const names = new Set(used.map((u) => u.name));
  for (const group of metadata.row_groups)
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (!meta || !names.has(meta.path_in_schema[0])) continue;
      if (meta.codec !== 'UNCOMPRESSED' && !compressors[meta.codec])
        return loadFailure(
          fileName,
          `${fileName}: column "${meta.path_in_schema.join('.')}" uses the Parquet compression codec ${meta.codec}, which cannot be decoded here (snappy, gzip, zstd, brotli, lz4 or uncompressed can)`,
        );
    }

  try {
    const scan = await parquetScan({ file, metadata, compressors, columns: [...names] });
    const cells: RawCell[] = new Array(header.length).fill(null);
    let rowStart = 0;
    let bytesRead = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      if (rowEnd === rowStart) continue;
      const cols = await Promise.all(used.map((u) => scan.readColumn({ column: u.name, rowStart, rowEnd })));
      for (let i = 0; i < rowEnd - rowStart; i++) {
        for (let k = 0; k < used.length; k++) cells[used[k].at] = toCell(cols[k][i]);
        builder.addRow(cells, rowStart + i + 1);
      }
      // Bytes consumed so far: the furthest end of this row group's column chunks.
      for (const c of group.columns) {
        const m = c.meta_data;
        if (m)
          bytesRead = Math.max(
            bytesRead,
            Number((m.dictionary_page_offset || m.data_page_offset) + m.total_compressed_size),
          );
      }
      bytesRead = Math.min(bytesRead, blob.size);
      rowStart = rowEnd;
      await betweenChunks(opts, { bytesRead, bytesTotal: blob.size, rows: rowStart });
    }
  } catch (e) {
    if (e instanceof LoadCancelled) throw e;
    return loadFailure(fileName, `${fileName}: could not decode the Parquet data (${(e as Error).message})`);
  }
  return builder.finish();
}
