/**
 * The browser's training throughput next to PyTorch's (bench/results/torch-training.json, written
 * earlier in the same `npm run bench` by the Node part; read defensively, as its shape is owned
 * there): impressions/s of the fastest browser backend over PyTorch's at the same batch size.
 */
import type { BenchTrainingResult } from '../src/worker/protocol';
import type { Throughput } from '../src/ml/train/throughput';
import { fmt, readResult } from './bench-support';

export interface Best {
  readonly backend: string;
  readonly row: Throughput;
  /** CPU threads the backend computes on; null for GPU backends (webgl, webgpu). */
  readonly threads: number | null;
}

/** Threads a backend computes on: wasm as it reports (1 unless cross-origin isolated), cpu 1. */
function threadsOf(r: BenchTrainingResult): number | null {
  if (r.backend === 'wasm') return r.wasmThreads ?? 1;
  return r.backend === 'cpu' ? 1 : null;
}

/** The fastest backend (impressions/s) at `batchSize`, or null when none ran it. */
export function bestAt(results: readonly BenchTrainingResult[], batchSize: number): Best | null {
  let best: Best | null = null;
  for (const r of results)
    for (const row of r.rows)
      if (row.batchSize === batchSize && (!best || row.impressionsPerSec > best.row.impressionsPerSec))
        best = { backend: r.backend, row, threads: threadsOf(r) };
  return best;
}

interface TorchRow {
  readonly threads: number | null;
  readonly batchSize: number;
  readonly impressionsPerSec: number;
}

/** The rows of torch-training.json that have a batch size and a positive impressions/s. */
function torchRows(json: unknown): TorchRow[] {
  const rows = (json as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) return [];
  const out: TorchRow[] = [];
  for (const r of rows as Record<string, unknown>[]) {
    const batchSize = Number(r?.batchSize);
    const impressionsPerSec = Number(r?.impressionsPerSec);
    const threads = Number(r?.threads);
    if (Number.isInteger(batchSize) && Number.isFinite(impressionsPerSec) && impressionsPerSec > 0)
      out.push({ batchSize, impressionsPerSec, threads: Number.isFinite(threads) ? threads : null });
  }
  return out;
}

const threadText = (t: number | null, backend: string) =>
  t === null
    ? `${backend}, a GPU backend (SwiftShader emulates the GPU on the CPU here)`
    : `${backend}, ${t} thread(s)`;

/** Printed lines and the JSON for browser-training.json. */
export function torchComparison(results: readonly BenchTrainingResult[]) {
  const json = readResult('torch-training.json');
  if (json === null)
    return {
      lines: [
        'PyTorch: bench/results/torch-training.json not found (the Node part did not write it); no ratio',
      ],
      json: null,
    };
  const rows = torchRows(json);
  const version = (json as { torchVersion?: unknown }).torchVersion;
  const lines: string[] = [];
  const ratios: Record<string, unknown>[] = [];
  for (const t of rows) {
    const best = bestAt(results, t.batchSize);
    if (!best) continue;
    const ratio = best.row.impressionsPerSec / t.impressionsPerSec;
    ratios.push({
      batchSize: t.batchSize,
      browserBackend: best.backend,
      browserThreads: best.threads,
      browserImpressionsPerSec: Math.round(best.row.impressionsPerSec),
      torchThreads: t.threads,
      torchImpressionsPerSec: Math.round(t.impressionsPerSec),
      ratio: +ratio.toFixed(3),
    });
    lines.push(
      `batch ${t.batchSize}: browser ${fmt(best.row.impressionsPerSec)} impressions/s (${threadText(best.threads, best.backend)}) / ` +
        `PyTorch${typeof version === 'string' ? ` ${version}` : ''} ${fmt(t.impressionsPerSec)} impressions/s ` +
        `(${t.threads ?? '?'} thread(s)) = ${ratio.toFixed(3)}`,
    );
  }
  if (lines.length === 0)
    lines.push(
      `PyTorch: no row of torch-training.json shares a batch size with the browser rows (${rows.length} rows read)`,
    );
  return { lines, json: { torchVersion: typeof version === 'string' ? version : null, ratios } };
}
