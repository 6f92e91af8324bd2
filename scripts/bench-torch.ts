/**
 * PyTorch side of `npm run bench`: the joint-5task model of src/ml, trained by
 * scripts/bench_torch.py on the same default simulated dataset and the same batch rows
 * (createBatchSampler, createRng(1), promoShare 0.5, one sampler per batch size) as the tfjs bench.
 * The data goes over as raw little-endian arrays in a temp dir; nothing is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { endianness, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG } from '../src/core/config/defaults';
import type { ModelConfig } from '../src/core/config/experiment';
import { GROUPINGS } from '../src/core/config/groupings';
import { type PreparedData, prepareData, rowsBySource } from '../src/core/data/prepare';
import { createRng } from '../src/core/data/rng';
import { createBatchSampler } from '../src/core/data/sampler';
import type { TaskId } from '../src/core/data/schema';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import { labelColumns, maskMatrix } from '../src/ml/train/loss';
import {
  BN_EPSILON,
  createModel,
  embeddingDimFor,
  inputSpecOf,
  type ModelInputSpec,
} from '../src/ml/model/model';

export interface TorchRow {
  threads: number;
  batchSize: number;
  params: number;
  stepsPerSec: number;
  impressionsPerSec: number;
  msPerStep: number;
  firstLoss: number;
  lastLoss: number;
}
export interface TorchBench {
  python: string;
  torchVersion: string;
  /** torch's thread/BLAS configuration, BLAS library path included (Debian's default is the slow reference BLAS). */
  parallelInfo: string;
  tfjsParams: number;
  rows: TorchRow[];
}

export interface TorchBenchOptions {
  batchSizes: number[];
  threads: number[];
  warmup: number;
  steps: number;
}

const SCRIPT = fileURLToPath(new URL('./bench_torch.py', import.meta.url));
const HEADS = GROUPINGS['joint-5task'].heads;
export const TORCH_MISSING =
  'PyTorch not found: install it with `apt-get install -y python3-torch` (Debian) and rerun; set BENCH_PYTHON to use another interpreter';

/** BENCH_PYTHON, else the first of /usr/bin/python3 and python3 that can import torch and numpy. */
export function findTorchPython(): string | undefined {
  const candidates = process.env.BENCH_PYTHON ? [process.env.BENCH_PYTHON] : ['/usr/bin/python3', 'python3'];
  // 60 s: a cold `import torch` can take several seconds on a loaded 2-core machine.
  const ok = (py: string) =>
    spawnSync(py, ['-c', 'import torch, numpy'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
  return candidates.find(ok);
}

/** Trainable parameters of the tfjs model (moving BN statistics excluded, as torch's buffers are). */
export function tfjsTrainableParams(
  spec: ModelInputSpec,
  heads: readonly TaskId[],
  cfg: ModelConfig,
): number {
  const model = createModel(spec, heads, cfg, 1);
  try {
    const vars = [...model.sharedVariables(), ...heads.flatMap((h) => model.variablesOf(h))];
    if (vars.some((v) => !v.trainable)) throw new Error('a listed tfjs variable is not trainable');
    return vars.reduce((sum, v) => sum + v.size, 0);
  } finally {
    model.dispose();
  }
}

/** Everything bench_torch.py reads from meta.json (field meanings as in EncodedDataset and configs). */
export interface TorchBenchMeta extends TorchBenchOptions {
  n: number;
  categorical: { name: string; vocabSize: number; dim: number }[];
  multi: { name: string; vocabSize: number; dim: number; maxLen: number; offset: number }[];
  multiWidth: number;
  numericWidth: number;
  heads: TaskId[];
  /** EncodedDataset.labels column per head. */
  labelColumns: number[];
  /** [2][heads]: row 0 promo, row 1 ad. */
  lossMask: number[][];
  taskWeights: number[];
  model: ModelConfig;
  learningRate: number;
  adamEpsilon: number;
  /** Keras convention: share of the old moving statistic kept per step. */
  bnMomentum: number;
  bnEpsilon: number;
}

/**
 * Writes meta.json, the encoded arrays (<name>.bin) and batches_<B>.bin (int32
 * [warmup + steps, B], the tfjs bench's rows for batch size B) into `dir`.
 */
export function writeTorchInputs(dir: string, data: PreparedData, opts: TorchBenchOptions): TorchBenchMeta {
  // Typed arrays are written in host byte order; bench_torch.py reads little-endian.
  if (endianness() !== 'LE') throw new Error('bench-torch: big-endian hosts are not supported');
  const ds = data.encoded;
  const cfg = DEFAULT_CONFIG;
  const dim = (vocabSize: number) =>
    embeddingDimFor(vocabSize, cfg.model.embeddingDim, cfg.model.embeddingWidth);
  const mask = maskMatrix(GROUPINGS['joint-5task'].mask, HEADS);
  const meta: TorchBenchMeta = {
    ...opts,
    n: ds.n,
    categorical: ds.categorical.map((c) => ({ name: c.name, vocabSize: c.vocabSize, dim: dim(c.vocabSize) })),
    multi: ds.multi.map((m) => ({ ...m, dim: dim(m.vocabSize) })),
    multiWidth: ds.multiWidth,
    numericWidth: 2 * ds.numeric.length,
    heads: [...HEADS],
    labelColumns: labelColumns(HEADS),
    lossMask: [0, 1].map((r) => Array.from(mask.subarray(r * HEADS.length, (r + 1) * HEADS.length))),
    taskWeights: HEADS.map((h) => cfg.train.taskWeights[h] ?? 1),
    model: cfg.model,
    learningRate: cfg.train.learningRate,
    adamEpsilon: cfg.train.adamEpsilon,
    bnMomentum: cfg.model.bnMomentum,
    bnEpsilon: BN_EPSILON,
  };
  const bin = (name: string, a: Int32Array | Float32Array | Uint8Array) =>
    writeFileSync(join(dir, `${name}.bin`), new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  bin('catCodes', ds.catCodes);
  bin('multiCodes', ds.multiCodes);
  bin('multiWeights', ds.multiWeights);
  bin('numericValues', ds.numericValues);
  bin('labels', ds.labels);
  bin('labelPresent', ds.labelPresent);
  bin('source', ds.source);
  const bySource = rowsBySource(data.table, data.split.train);
  const nSteps = opts.warmup + opts.steps;
  for (const batchSize of opts.batchSizes) {
    // As scripts/bench.ts: a fresh sampler on createRng(1) per run, so step i sees the same rows.
    const sampler = createBatchSampler({
      rowsBySource: bySource,
      batchSize,
      promoShare: 0.5,
      rng: createRng(1),
    });
    const out = new Int32Array(nSteps * batchSize);
    for (let i = 0; i < nSteps; i++) out.set(sampler.next(), i * batchSize);
    bin(`batches_${batchSize}`, out);
  }
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(meta)}\n`);
  return meta;
}

function runPython(python: string, dir: string, env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [SCRIPT, dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${python} ${SCRIPT} exited with ${code}:\n${stderr.slice(-4000)}`)),
    );
  });
}

/**
 * Trains the joint-5task model in PyTorch for each thread count and batch size: `warmup`
 * untimed steps, then `steps` timed ones. Throws when torch's parameter count differs from tfjs's.
 */
export async function runTorchBench(
  opts: TorchBenchOptions,
  /** The interpreter's environment (default: this process's), e.g. to pick another BLAS. */
  env?: NodeJS.ProcessEnv,
): Promise<TorchBench | { skipped: string }> {
  const python = findTorchPython();
  if (!python) return { skipped: TORCH_MISSING };
  const data = prepareData(simulate(DEFAULT_SIM_CONFIG, 1), DEFAULT_CONFIG);
  const tfjsParams = tfjsTrainableParams(inputSpecOf(data.encoded), HEADS, DEFAULT_CONFIG.model);
  const dir = mkdtempSync(join(tmpdir(), 'bench-torch-'));
  try {
    writeTorchInputs(dir, data, opts);
    const out = JSON.parse(await runPython(python, dir, env)) as {
      torchVersion: string;
      parallelInfo: string;
      rows: TorchRow[];
    };
    for (const r of out.rows)
      if (r.params !== tfjsParams)
        throw new Error(
          `parameter counts differ: torch ${r.params}, tfjs ${tfjsParams} (models not the same)`,
        );
    return {
      python,
      torchVersion: out.torchVersion,
      parallelInfo: out.parallelInfo,
      tfjsParams,
      rows: out.rows,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
