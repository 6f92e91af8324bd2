/**
 * Reads a load's source into a checked ImpressionTable: a picked File as it is, a URL fetched
 * first (streamed, with download progress) and then read like a file. Every failure becomes a
 * LoadFailureInfo whose message says what to do; only a cancel rejects (LoadCancelled).
 */
import { detectEncoding, readImpressionFile } from '../core/data/load-file';
import { LoadCancelled, type LoadProgress } from '../core/data/load-types';
import { nextMacrotask } from '../core/data/macrotask';
import type { ImpressionTable } from '../core/data/table';
import type { LoadFailure } from '../core/data/table-builder';
import type { LoadFailureInfo, LoadReport, LoadSource } from './protocol';

export type LoadOutcome =
  | { readonly ok: true; readonly table: ImpressionTable; readonly report: LoadReport }
  | { readonly ok: false; readonly failure: LoadFailureInfo };

export interface LoadArgs {
  readonly skipInvalidRows: boolean;
  readonly signal: AbortSignal;
  readonly onProgress: (phase: 'download' | 'read', p: LoadProgress) => void;
  /** The fetch to use (tests pass a fake). */
  readonly fetch?: typeof fetch;
}

/** The file name a URL's path ends in (decoded), or the host when the path has none. */
export function fileNameOfUrl(url: string): string {
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : u.host;
  } catch {
    return url;
  }
}

const fileFailure = (file: string, message: string): LoadOutcome => ({
  ok: false,
  failure: { file, message, problems: [], problemCount: 0, skippable: false },
});

async function download(
  url: string,
  args: Pick<LoadArgs, 'signal' | 'onProgress' | 'fetch'>,
): Promise<{ blob: Blob; contentType: string | null } | LoadOutcome> {
  const name = fileNameOfUrl(url);
  let response: Response;
  try {
    response = await (args.fetch ?? fetch)(url, { signal: args.signal, mode: 'cors', credentials: 'omit' });
  } catch (e) {
    if (args.signal.aborted) throw new LoadCancelled();
    return fileFailure(
      name,
      `Could not fetch ${url}: the server could not be reached, or it does not allow this page to read it ` +
        `(CORS: the response needs an Access-Control-Allow-Origin header). Download the file and open it ` +
        `with "Open file" instead, or ask the server's owner to allow cross-origin requests. ` +
        `(${(e as Error).message})`,
    );
  }
  if (!response.ok)
    return fileFailure(
      name,
      `Could not fetch ${url}: the server answered ${response.status} ${response.statusText}. Check the link.`,
    );
  const total = Number(response.headers.get('content-length') ?? 0) || 0;
  const parts: Uint8Array[] = [];
  let read = 0;
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        read += value.byteLength;
        args.onProgress('download', { bytesRead: read, bytesTotal: Math.max(total, read), rows: 0 });
      }
    } catch (e) {
      if (args.signal.aborted) throw new LoadCancelled();
      return fileFailure(
        name,
        `The download of ${url} broke off after ${read} bytes: ${(e as Error).message}`,
      );
    }
  } else parts.push(new Uint8Array(await response.arrayBuffer()));
  return { blob: new Blob(parts as BlobPart[]), contentType: response.headers.get('content-type') };
}

/** A source's bytes, its name and (fetched) Content-Type; a failed download is a failure outcome. */
export async function sourceBlob(
  source: LoadSource,
  args: Pick<LoadArgs, 'signal' | 'onProgress' | 'fetch'>,
): Promise<{ blob: Blob; name: string; contentType: string | null } | (LoadOutcome & { ok: false })> {
  if (source.kind === 'file') return { blob: source.file, name: source.file.name, contentType: null };
  const got = await download(source.url, args);
  if ('ok' in got) return got as LoadOutcome & { ok: false };
  return { ...got, name: fileNameOfUrl(source.url) };
}

/** A refused read as the failure the store shows (skippable when it is row problems). */
export function failureInfo(r: LoadFailure): LoadFailureInfo {
  const { file, message, problems, problemCount } = r;
  return { file, message, problems, problemCount, skippable: problemCount > 0 };
}

/** Reads `source` whole and checks it; the caller swaps datasets only on `ok`. */
export async function loadSource(source: LoadSource, args: LoadArgs): Promise<LoadOutcome> {
  const t0 = performance.now();
  const got = await sourceBlob(source, args);
  if ('ok' in got) return got;
  const { blob, name, contentType } = got;
  const result = await readImpressionFile(
    blob,
    name,
    {
      skipInvalidRows: args.skipInvalidRows,
      signal: args.signal,
      onProgress: (p) => args.onProgress('read', p),
      yieldBetweenChunks: nextMacrotask,
    },
    contentType,
  );
  if (!result.ok) return { ok: false, failure: failureInfo(result) };
  return {
    ok: true,
    table: result.table,
    report: {
      name,
      url: source.kind === 'url' ? source.url : null,
      encoding: (await detectEncoding(blob, name, contentType)) ?? 'unknown',
      bytes: blob.size,
      rows: result.table.n,
      skippedCount: result.skippedCount,
      skippedProblemCount: result.skippedProblemCount,
      skipped: result.skipped,
      ignoredColumns: result.ignoredColumns,
      ms: performance.now() - t0,
    },
  };
}
