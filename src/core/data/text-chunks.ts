/**
 * A Blob read as UTF-8 text in CHUNK_BYTES slices, for the CSV and JSON Lines loaders. Reading
 * slices (not one string) keeps a large file's memory to one chunk plus the parsed columns.
 * Decoding is strict: bytes that are not UTF-8 fail the load, so binary garbage is named as such
 * instead of being parsed into nonsense rows.
 */
import { betweenChunks, CHUNK_BYTES, type StreamLoadOptions } from './load-types';

/** Why a file is not text, for the loaders' one-line failure message. */
export class NotTextError extends Error {}

/**
 * Calls `onText` with consecutive pieces of the file's text (a leading BOM removed, multi-byte
 * characters never split), then `betweenChunks` with the bytes consumed and `rows()`.
 * Throws NotTextError on invalid UTF-8 or a NUL character (binary data).
 */
export async function forEachTextChunk(
  blob: Blob,
  opts: StreamLoadOptions,
  rows: () => number,
  onText: (text: string) => void,
): Promise<void> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  for (let at = 0; at < blob.size; at += CHUNK_BYTES) {
    const end = Math.min(blob.size, at + CHUNK_BYTES);
    const bytes = new Uint8Array(await blob.slice(at, end).arrayBuffer());
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: end < blob.size });
    } catch {
      throw new NotTextError(`is not UTF-8 text (invalid bytes between byte ${at} and ${end})`);
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0)
      throw new NotTextError(`is not text: it holds binary data (a NUL byte near byte ${at + nul})`);
    onText(text);
    await betweenChunks(opts, { bytesRead: end, bytesTotal: blob.size, rows: rows() });
  }
}
