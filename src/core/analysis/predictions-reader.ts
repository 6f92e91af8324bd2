/**
 * Reads a predictions file (CSV or Parquet, by name, Content-Type or first bytes) with the same
 * streaming loaders as impression files: chunk by chunk, with progress and cancel, and a result
 * that is either every row or a failure listing the bad rows and columns (nothing half-loaded).
 */
import { readCsvBlob } from '../data/csv-reader';
import { detectEncoding } from '../data/load-file';
import type { StreamLoadOptions } from '../data/load-types';
import { readParquetRows } from '../data/parquet-reader';
import { loadFailure } from '../data/table-builder';
import { PredictionsBuilder, type PredictionsLoadResult } from './predictions-builder';

/**
 * Reads `blob` named `fileName` as a predictions file. Rejects only with LoadCancelled; an empty
 * file, a JSON Lines or unknown encoding, a header that does not fit and bad cells are results.
 */
export async function readPredictionsFile(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions = {},
  contentType?: string | null,
): Promise<PredictionsLoadResult> {
  if (blob.size === 0) return loadFailure(fileName, `${fileName}: the file is empty`);
  const encoding = await detectEncoding(blob, fileName, contentType);
  if (encoding === 'csv') return readCsvBlob(blob, fileName, opts, PredictionsBuilder.start);
  // Every column of a predictions file is used (metadata or a score), so every one is decoded.
  if (encoding === 'parquet')
    return readParquetRows(blob, fileName, opts, PredictionsBuilder.start, () => true);
  return loadFailure(
    fileName,
    `${fileName}: ${encoding === 'jsonl' ? 'is JSON Lines' : 'has an unknown encoding'}; predictions are read from CSV (.csv) or Parquet (.parquet, .pq) files`,
  );
}
