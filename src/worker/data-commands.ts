/**
 * The worker's data commands: load a file or URL (with progress and cancel), and export the
 * current dataset as a file. The loaded table replaces the one in use only after it was read
 * and checked whole; a failed or cancelled load leaves everything as it was.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { tableToCsvLines } from '../core/data/csv-writer';
import { tableToJsonlLines } from '../core/data/jsonl-writer';
import { LoadCancelled } from '../core/data/load-types';
import { tableToParquet } from '../core/data/parquet-writer';
import { SplitError } from '../core/data/split';
import type { ImpressionTable } from '../core/data/table';
import type { DatasetCache } from './dataset-cache';
import { summaryOf } from './dataset-cache';
import { type LoadArgs, loadSource } from './load-data';
import type { ExportFormat, LoadSource, WorkerEvent } from './protocol';

export interface DataCommands {
  load(loadId: string, source: LoadSource, skipInvalidRows: boolean, config: ExperimentConfig): Promise<void>;
  /** Takes effect at the load's next chunk (or at once for a queued load). */
  cancelLoad(loadId: string): void;
  exportData(format: ExportFormat, config: ExperimentConfig): void;
  /** Loads the config's URL when it is not the loaded table (a shared link), then returns. */
  ensureLoaded(config: ExperimentConfig): Promise<boolean>;
}

/** Text lines joined into Blob parts of about 1 MB (one string per line would be slow). */
function textBlob(lines: Iterable<string>, type: string): Blob {
  const parts: string[] = [];
  let batch: string[] = [];
  let size = 0;
  for (const line of lines) {
    batch.push(line);
    size += line.length + 1;
    if (size > 1 << 20) {
      parts.push(`${batch.join('\n')}\n`);
      batch = [];
      size = 0;
    }
  }
  if (batch.length) parts.push(`${batch.join('\n')}\n`);
  return new Blob(parts, { type });
}

export function exportBlob(table: ImpressionTable, format: ExportFormat): Blob {
  if (format === 'csv') return textBlob(tableToCsvLines(table), 'text/csv');
  if (format === 'jsonl') return textBlob(tableToJsonlLines(table), 'application/x-ndjson');
  return new Blob([tableToParquet(table) as BlobPart], { type: 'application/vnd.apache.parquet' });
}

function preparedSummary(cache: DatasetCache, table: ImpressionTable, config: ExperimentConfig) {
  try {
    return cache.get(config).data.summary;
  } catch (e) {
    if (e instanceof SplitError) return summaryOf(table, config);
    throw e;
  }
}

export function createDataCommands(
  post: (e: WorkerEvent) => void,
  cache: DatasetCache,
  fetchImpl?: LoadArgs['fetch'],
): DataCommands {
  const aborts = new Map<string, AbortController>();
  const cancelledEarly = new Set<string>();

  async function load(
    loadId: string,
    source: LoadSource,
    skipInvalidRows: boolean,
    config: ExperimentConfig,
  ) {
    if (cancelledEarly.delete(loadId)) return post({ status: 'load-cancelled', loadId });
    const abort = new AbortController();
    aborts.set(loadId, abort);
    try {
      const outcome = await loadSource(source, {
        skipInvalidRows,
        signal: abort.signal,
        fetch: fetchImpl,
        onProgress: (phase, p) => post({ status: 'load-progress', loadId, phase, ...p }),
      });
      if (!outcome.ok) return post({ status: 'load-failed', loadId, failure: outcome.failure });
      const data = source.kind === 'file' ? { kind: 'file' as const, name: source.file.name } : source;
      const fingerprint = cache.setLoaded(data, outcome.table);
      // Prepared once here and held (this also frees the previous prepared dataset), so the run
      // that follows does not encode a million rows again.
      const summary = preparedSummary(cache, outcome.table, { ...config, data });
      post({ status: 'loaded', loadId, report: outcome.report, summary, fingerprint });
    } catch (e) {
      if (e instanceof LoadCancelled) return post({ status: 'load-cancelled', loadId });
      throw e;
    } finally {
      aborts.delete(loadId);
    }
  }

  return {
    load,
    cancelLoad(loadId) {
      const abort = aborts.get(loadId);
      if (abort) abort.abort();
      else cancelledEarly.add(loadId);
    },
    exportData(format, config) {
      const table = cache.table(config);
      const base = config.data.kind === 'sim' ? `simulated-seed${config.seed}` : 'dataset';
      post({ status: 'export-ready', fileName: `${base}.${format}`, blob: exportBlob(table, format) });
    },
    async ensureLoaded(config) {
      if (config.data.kind !== 'url' || cache.has(config)) return true;
      const loadId = `auto-${Date.now().toString(36)}`;
      await load(loadId, config.data, false, config);
      return cache.has(config);
    },
  };
}
