/**
 * What every streaming loader (CSV, JSON Lines, Parquet) shares: progress, cancellation and
 * options. Loaders read a Blob (a browser File, a fetched body, or Node's fs.openAsBlob) chunk by
 * chunk, so a large file never has to be one string, and report progress between chunks.
 */
import type { LoadOptions } from './table-builder';

/** Bytes of the file consumed so far (of `bytesTotal`) and data rows seen so far. */
export interface LoadProgress {
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly rows: number;
}

export interface StreamLoadOptions extends LoadOptions {
  /** Called after each chunk (about every CHUNK_BYTES bytes or one Parquet row group). */
  readonly onProgress?: (p: LoadProgress) => void;
  /** Aborting makes the loader reject with LoadCancelled at its next chunk. */
  readonly signal?: AbortSignal;
  /** Awaited after each chunk (the worker yields a macrotask so a cancel message is seen). */
  readonly yieldBetweenChunks?: () => Promise<void>;
}

/** Bytes read per step: big enough that per-chunk overhead is negligible, small for progress. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** Thrown by a loader whose signal was aborted. */
export class LoadCancelled extends Error {
  constructor() {
    super('the load was cancelled');
    this.name = 'LoadCancelled';
  }
}

/** Between chunks: report progress, yield if asked, then stop if cancelled. */
export async function betweenChunks(opts: StreamLoadOptions, p: LoadProgress): Promise<void> {
  opts.onProgress?.(p);
  if (opts.yieldBetweenChunks) await opts.yieldBetweenChunks();
  if (opts.signal?.aborted) throw new LoadCancelled();
}
