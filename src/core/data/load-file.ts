/**
 * One entry point for every accepted encoding: picks CSV, JSON Lines or Parquet from the file
 * name, else from a Content-Type, else from the first bytes, and reads the Blob with that
 * encoding's streaming loader. The dataset in use is never touched here: callers swap only
 * after an ok result, which is the spec's "read and checked whole".
 */
import { readImpressionCsvBlob } from './csv-reader';
import { readImpressionJsonl } from './jsonl-reader';
import type { StreamLoadOptions } from './load-types';
import { readImpressionParquet } from './parquet-reader';
import { type LoadResult, loadFailure } from './table-builder';

export type Encoding = 'csv' | 'jsonl' | 'parquet';

export const ENCODING_EXTENSIONS: Record<Encoding, readonly string[]> = {
  csv: ['.csv'],
  jsonl: ['.jsonl', '.ndjson'],
  parquet: ['.parquet', '.pq'],
};

/** The encoding a file name's extension says (case-insensitive; a URL's query is ignored). */
export function encodingOfName(name: string): Encoding | undefined {
  const path = name.split(/[?#]/)[0].toLowerCase();
  for (const [enc, exts] of Object.entries(ENCODING_EXTENSIONS) as [Encoding, readonly string[]][])
    if (exts.some((x) => path.endsWith(x))) return enc;
  return undefined;
}

/** The encoding an HTTP Content-Type names, if it names one. */
export function encodingOfContentType(type: string | null | undefined): Encoding | undefined {
  const t = (type ?? '').toLowerCase();
  if (t.includes('parquet')) return 'parquet';
  if (t.includes('ndjson') || t.includes('jsonl') || t.includes('json-seq')) return 'jsonl';
  if (t.includes('text/csv')) return 'csv';
  return undefined;
}

/** The encoding the first bytes suggest: Parquet's magic, a `{` line, or a comma-separated line. */
export function sniffEncoding(head: Uint8Array): Encoding | undefined {
  if (head.length >= 4 && String.fromCharCode(...head.subarray(0, 4)) === 'PAR1') return 'parquet';
  if (head.includes(0)) return undefined;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const first = text.trimStart();
  if (first.startsWith('{')) return 'jsonl';
  const line = first.split('\n')[0];
  if (line.includes(',') && !line.includes('\uFFFD')) return 'csv';
  return undefined;
}

/** Which encoding to read `blob` with; undefined = none of the three. */
export async function detectEncoding(
  blob: Blob,
  fileName: string,
  contentType?: string | null,
): Promise<Encoding | undefined> {
  return (
    encodingOfName(fileName) ??
    encodingOfContentType(contentType) ??
    sniffEncoding(new Uint8Array(await blob.slice(0, 4096).arrayBuffer()))
  );
}

/**
 * Reads an impression file of any accepted encoding. Fails with one message for an empty file
 * or an unknown encoding; otherwise gives that encoding's loader's result. Rejects only with
 * LoadCancelled (the signal was aborted).
 */
export async function readImpressionFile(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions = {},
  contentType?: string | null,
): Promise<LoadResult> {
  if (blob.size === 0) return loadFailure(fileName, `${fileName}: the file is empty`);
  const encoding = await detectEncoding(blob, fileName, contentType);
  if (!encoding) {
    const accepted = Object.values(ENCODING_EXTENSIONS).flat().join(', ');
    return loadFailure(
      fileName,
      `${fileName}: unknown encoding; the dashboard reads CSV, JSON Lines and Parquet files (${accepted})`,
    );
  }
  if (encoding === 'csv') return readImpressionCsvBlob(blob, fileName, opts);
  if (encoding === 'jsonl') return readImpressionJsonl(blob, fileName, opts);
  return readImpressionParquet(blob, fileName, opts);
}
