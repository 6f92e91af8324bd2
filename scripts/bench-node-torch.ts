/**
 * The Node bench's PyTorch comparison: runs scripts/bench-torch.ts (the same model, data and
 * batch rows in PyTorch) at batch 512 and each backend's best batch, prints its rows and the
 * ratio tfjs / PyTorch impressions/s at the same batch and thread count, and writes
 * bench/results/torch-training.json, which the browser bench (run next) reads for its own ratio.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { COMPARE_BATCH, type BackendResult, type RunFigure } from './bench-node-training';
import { compareGemmFloors, type GemmComparison } from './bench-gemm';
import { runTorchBench, type TorchBench, type TorchRow } from './bench-torch';

const fmt = (x: number, d = 0) =>
  x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

/** CPU threads a tfjs backend computes on in Node (wasm is started single-threaded), null for a GPU. */
const threadsOf = (backend: string): number | null => (backend === 'cpu' || backend === 'wasm' ? 1 : null);

export interface TorchRatio {
  readonly backend: string;
  readonly batchSize: number;
  readonly tfjsThreads: number | null;
  readonly torchThreads: number;
  readonly tfjsImpressionsPerSec: number;
  readonly torchImpressionsPerSec: number;
  /** tfjs impressions/s / PyTorch impressions/s (unitless). */
  readonly ratio: number;
}

export interface TorchSection {
  readonly torch: TorchBench | { skipped: string } | { error: string };
  readonly ratios: readonly TorchRatio[];
  /** torch on Debian's reference BLAS (what `apt-get install python3-torch` alone gives), 1 thread, batch 512. */
  readonly referenceBlas?: TorchRow;
  /** The step's GEMMs alone on wasm and in PyTorch, and the ratio they cap (bench-gemm.ts). */
  readonly gemm?: GemmComparison;
}

/** Debian's reference BLAS, chosen over the alternatives link by putting its folder first. */
const REFERENCE_BLAS_DIR = '/usr/lib/x86_64-linux-gnu/blas';

/**
 * The same PyTorch run on the reference BLAS when the system's is another (OpenBLAS): the figure
 * a bare `apt-get install python3-torch` gives, printed for context only (ratios use the system's).
 */
async function referenceBlasRow(opts: { warmup: number; steps: number }): Promise<TorchRow | undefined> {
  if (!existsSync(`${REFERENCE_BLAS_DIR}/libblas.so.3`)) return undefined;
  const env = {
    ...process.env,
    LD_LIBRARY_PATH: [REFERENCE_BLAS_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
  };
  const r = await runTorchBench({ batchSizes: [COMPARE_BATCH], threads: [1], ...opts }, env).catch(
    () => undefined,
  );
  if (!r || !('rows' in r) || !/blas\/libblas/.test(r.parallelInfo)) return undefined;
  const row = r.rows[0];
  console.log(
    `  for context, torch on Debian's reference BLAS (a bare \`apt-get install python3-torch\`), 1 thread, batch ${row.batchSize}: ` +
      `${fmt(row.impressionsPerSec)} impressions/s, ${fmt(row.msPerStep, 1)} ms/step`,
  );
  return row;
}

export async function torchSection(
  results: readonly BackendResult[],
  opts: { threads: number[]; warmup: number; steps: number },
  header: Record<string, unknown>,
): Promise<TorchSection> {
  const ok = results.flatMap((r) => ('error' in r ? [] : [r]));
  const batchSizes = [...new Set([COMPARE_BATCH, ...ok.map((r) => r.best.batchSize)])].sort((a, b) => a - b);
  console.log(
    `\nPyTorch (scripts/bench-torch.ts): threads ${opts.threads.join(',')}, batches ${batchSizes.join(',')}, ` +
      `${opts.warmup} warm-up + ${opts.steps} timed steps, same rows as tfjs`,
  );
  let torch: TorchSection['torch'];
  try {
    torch = await runTorchBench({ batchSizes, ...opts });
  } catch (e) {
    torch = { error: e instanceof Error ? e.message : String(e) };
  }
  // Written even when skipped or failed, so the browser bench reports why instead of reusing an
  // older run's figures from another machine.
  writeFileSync('bench/results/torch-training.json', `${JSON.stringify({ ...header, ...torch }, null, 2)}\n`);
  console.log('  wrote bench/results/torch-training.json');
  if ('skipped' in torch || 'error' in torch) {
    console.log(`  not run: ${'skipped' in torch ? torch.skipped : torch.error}`);
    return { torch, ratios: [] };
  }
  console.log(
    `  ${torch.python}, torch ${torch.torchVersion}, ${fmt(torch.tfjsParams)} parameters in both models\n  ${torch.parallelInfo}`,
  );
  if (/libblas\.so|blas\/libblas/.test(torch.parallelInfo) && !/openblas/i.test(torch.parallelInfo))
    console.log(
      '  NOTE: torch runs on the reference BLAS (slow); `apt-get install -y libopenblas0-pthread` gives it OpenBLAS',
    );
  for (const r of torch.rows)
    console.log(
      `  torch ${r.threads} thread(s) batch ${String(r.batchSize).padStart(4)}  ${fmt(r.stepsPerSec, 2).padStart(7)} steps/s  ` +
        `${fmt(r.impressionsPerSec).padStart(9)} impressions/s  ${fmt(r.msPerStep, 1).padStart(7)} ms/step  ` +
        `loss ${r.firstLoss.toFixed(3)} -> ${r.lastLoss.toFixed(3)} nats`,
    );
  const ratios: TorchRatio[] = [];
  for (const r of ok) {
    const tfjsThreads = threadsOf(r.backend);
    const byBatch = new Map<number, RunFigure>([r.fast, ...r.sweep].map((f) => [f.batchSize, f]));
    for (const t of torch.rows) {
      const f = byBatch.get(t.batchSize);
      // Like for like: single-threaded backends against 1-thread PyTorch; a GPU against every count.
      if (!f || (tfjsThreads !== null && t.threads !== tfjsThreads)) continue;
      ratios.push({
        backend: r.backend,
        batchSize: t.batchSize,
        tfjsThreads,
        torchThreads: t.threads,
        tfjsImpressionsPerSec: Math.round(f.impressionsPerSec),
        torchImpressionsPerSec: Math.round(t.impressionsPerSec),
        ratio: +(f.impressionsPerSec / t.impressionsPerSec).toFixed(3),
      });
    }
  }
  const reference = await referenceBlasRow(opts);
  console.log('tfjs / PyTorch impressions/s (fast step; same batch; cpu and wasm run one thread in Node):');
  for (const q of ratios) {
    const soft = ok.find((r) => r.backend === q.backend)?.adapter?.software ? ' [software-emulated GPU]' : '';
    console.log(
      `  ${q.backend.padEnd(6)} batch ${String(q.batchSize).padStart(4)}  ${fmt(q.tfjsImpressionsPerSec).padStart(9)} / ` +
        `torch ${q.torchThreads} thread(s) ${fmt(q.torchImpressionsPerSec).padStart(9)} = ${q.ratio.toFixed(3)}${soft}`,
    );
  }
  if (ratios.length === 0)
    console.log('  none: no tfjs figure shares a batch size and thread count with PyTorch');
  const wasm = ok.find((r) => r.gemm);
  const torchStep = torch.rows.find((t) => t.threads === 1 && t.batchSize === COMPARE_BATCH);
  const gemm =
    wasm?.gemm && torchStep ? compareGemmFloors(wasm.gemm, torch.python, torchStep.msPerStep) : undefined;
  return { torch, ratios, ...(reference ? { referenceBlas: reference } : {}), ...(gemm && { gemm }) };
}
