/**
 * The experiment on torch.distributed: `npm run train:torch -- --data FILE|sim --config LINK|JSON|FILE
 * --nproc N --out preds.csv|preds.parquet [--seed N] [--repeats N] [--backend gloo|nccl]
 * [--summary summary.json] [--threads N]`.
 *
 * Decodes the config with the app's codec (scripts/config-arg.ts: a share link means what it means
 * in the app), writes the normalised config as JSON, and launches N processes of the PyTorch
 * trainer (scripts/torch_twin/ddp.py) with `python3 -m torch.distributed.run` (standalone, on a free port)
 * (through scripts/torch_twin/launch.py, which makes Debian 12's torch 1.13 launch on Python
 * 3.11). Every process reads the same impression file; rank 0 writes the predictions in the CLI's
 * format (docs/results-format.md "Predictions CSV"); `.parquet` outputs are converted here. Prints
 * test AP per grouping x channel. `--data sim` trains on the config's simulated dataset; Parquet
 * input is handed to Python as CSV (Debian's torch brings no Parquet reader).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, openAsBlob, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ExperimentConfig } from '../src/core/config/experiment';
import { normalizeConfig } from '../src/core/config/normalize';
import { tableToCsvLines } from '../src/core/data/csv-writer';
import { detectEncoding, readImpressionFile } from '../src/core/data/load-file';
import { simulate } from '../src/core/data/simulator';
import { readConfigArg } from './config-arg';
import { predictionsCsvToParquet } from './predictions-parquet';
import { findTorchPython } from './torch-python';
import { writeLines } from './write-data';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `usage: npm run train:torch -- --data FILE|sim --config LINK|JSON|FILE --nproc N --out preds.csv|.parquet
       [--seed N] [--repeats N] [--backend gloo|nccl] [--summary summary.json] [--threads N]
--data: an impression file (CSV, JSON Lines or Parquet), or sim: the config's simulated dataset
--config: a share link, config JSON, or a file with either (default: the app's defaults)
--nproc: processes on this machine (default 1); each trains on its share of every batch (DDP)
--backend: gloo (CPU, the default without CUDA) or nccl (one GPU per process)
--summary: also keep the trainer's JSON (test AP per grouping x channel x seed, histories)
--write-config FILE: only write the normalised config JSON (for torchrun on a cluster) and exit`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const CHANNELS = ['promo', 'ad'] as const;

/** The trainer's summary JSON, as far as this script reads it. */
export interface TorchSummary {
  readonly seeds: number[];
  readonly processes: number;
  readonly seconds: number;
  readonly groupings: Record<
    string,
    Record<(typeof CHANNELS)[number], { per_seed: (number | null)[]; mean: number | null }> & {
      best_epoch: number[];
    }
  >;
}

/**
 * The impression file the Python trainer reads: CSV and JSON Lines as they are; Parquet, and `sim`
 * (the config's simulator at its seed), written as CSV into `dir`. Row order is kept, so the
 * predictions' `row` is the input's row.
 */
async function trainerInput(data: string, config: ExperimentConfig, dir: string): Promise<string> {
  if (data === 'sim') {
    if (config.data.kind !== 'sim') fail('--data sim needs a simulated-data config');
    const path = join(dir, 'sim.csv');
    writeLines(path, tableToCsvLines(simulate(config.data.sim, config.seed)));
    return path;
  }
  try {
    if (!statSync(data).isFile()) throw new Error('not a file');
  } catch (e) {
    fail(`cannot read ${data}: ${(e as Error).message}`);
  }
  const blob = await openAsBlob(data);
  const encoding = await detectEncoding(blob, basename(data));
  if (encoding === 'csv') return data;
  // The trainer tells JSON Lines by extension; other names and Parquet go through the app's reader.
  if (encoding === 'jsonl' && /\.(jsonl|ndjson)$/i.test(data)) return data;
  const result = await readImpressionFile(blob, basename(data));
  if (!result.ok) fail(result.message);
  const path = join(dir, 'input.csv');
  writeLines(path, tableToCsvLines(result.table));
  return path;
}

const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));

/** Test AP per grouping x channel: the mean over seeds, then each seed's. */
export function formatSummary(s: TorchSummary): string {
  const lines = [
    `Test AP (PyTorch, ${s.processes} process${s.processes > 1 ? 'es' : ''}, seeds ${s.seeds.join(', ')})`,
  ];
  const ids = Object.keys(s.groupings);
  const width = Math.max(8, ...ids.map((id) => id.length));
  lines.push(`${'grouping'.padEnd(width)}  promo AP  ad AP    per seed (promo / ad)`);
  for (const id of ids) {
    const g = s.groupings[id];
    const perSeed = g.promo.per_seed.map((p, k) => `${fmt(p)} / ${fmt(g.ad.per_seed[k])}`).join(', ');
    lines.push(`${id.padEnd(width)}  ${fmt(g.promo.mean)}    ${fmt(g.ad.mean)}   ${perSeed}`);
  }
  return lines.join('\n');
}

export interface TrainTorchOptions {
  readonly data: string;
  readonly config: ExperimentConfig;
  readonly nproc: number;
  readonly out: string;
  readonly backend?: 'gloo' | 'nccl';
  readonly threads?: number;
  readonly summary?: string;
  readonly python: string;
  /** Where the trainer's progress goes (default: this process's stderr). */
  readonly stdio?: 'inherit' | 'pipe';
}

/** A TCP port free on 127.0.0.1 now (the OS picks it; torchrun binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs the trainer; returns its summary. Throws with the trainer's output tail when it fails. */
export async function trainTorch(o: TrainTorchOptions): Promise<TorchSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'train-torch-'));
  try {
    const input = await trainerInput(o.data, o.config, dir);
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, `${JSON.stringify(o.config, null, 2)}\n`);
    const parquet = /\.parquet$/i.test(o.out);
    const csvOut = parquet ? join(dir, 'predictions.csv') : o.out;
    const summaryPath = o.summary ?? join(dir, 'summary.json');
    // torchrun --standalone, but on a free port: --standalone always takes 29400, so two runs on
    // one machine (two users, or tests in parallel) would collide.
    const rdzv = ['--rdzv_backend', 'c10d', '--rdzv_endpoint', `127.0.0.1:${await freePort()}`];
    rdzv.push('--rdzv_id', randomUUID(), '--nnodes', '1');
    const args = ['-m', 'scripts.torch_twin.launch', ...rdzv, '--nproc_per_node', String(o.nproc)];
    args.push('-m', 'scripts.torch_twin.ddp', '--data', input, '--config', configPath);
    args.push('--out', csvOut, '--summary', summaryPath);
    if (o.backend) args.push('--backend', o.backend);
    if (o.threads) args.push('--threads', String(o.threads));
    const r = spawnSync(o.python, args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: o.stdio === 'pipe' ? 'pipe' : 'inherit',
      // No __pycache__ in the working tree; the launcher's OMP_NUM_THREADS notice is redundant
      // with --threads.
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: String(o.threads ?? 1) },
      maxBuffer: 64 * 2 ** 20,
    });
    if (r.status !== 0)
      throw new Error(
        `the PyTorch trainer exited with ${r.status ?? r.signal}${r.stderr ? `\n${r.stderr.slice(-4000)}` : ''}`,
      );
    if (parquet) writeFileSync(o.out, new Uint8Array(predictionsCsvToParquet(readFileSync(csvOut, 'utf8'))));
    return JSON.parse(readFileSync(summaryPath, 'utf8')) as TorchSummary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const parseOptions = () =>
  parseArgs({
    options: {
      data: { type: 'string' },
      config: { type: 'string' },
      nproc: { type: 'string', default: '1' },
      out: { type: 'string' },
      seed: { type: 'string' },
      repeats: { type: 'string' },
      backend: { type: 'string' },
      summary: { type: 'string' },
      threads: { type: 'string' },
      'write-config': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }).values;

async function main() {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions();
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) return console.log(USAGE);
  if (!values['write-config'] && !values.data) fail('--data is required');
  if (!values['write-config'] && !values.out) fail('--out is required');
  if (values.out && !/\.(csv|parquet)$/i.test(values.out)) fail('--out must end in .csv or .parquet');
  const nproc = Number(values.nproc);
  if (!(Number.isInteger(nproc) && nproc >= 1)) fail('--nproc must be an integer >= 1');
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1))
    fail('--threads must be an integer >= 1');
  const backend = values.backend;
  if (backend !== undefined && backend !== 'gloo' && backend !== 'nccl')
    fail('--backend must be gloo or nccl');

  const parsed = readConfigArg(values.config, fail);
  let config = parsed.config;
  const notices = [...parsed.notices];
  if (values.seed !== undefined || values.repeats !== undefined) {
    const r = normalizeConfig({
      ...config,
      ...(values.seed !== undefined && { seed: values.seed }),
      rigor: { ...config.rigor, ...(values.repeats !== undefined && { repeats: values.repeats }) },
    });
    config = r.config;
    notices.push(...r.notices);
  }
  for (const n of notices) console.log(`note: ${n}`);
  if (values['write-config']) {
    writeFileSync(values['write-config'], `${JSON.stringify(config, null, 2)}\n`);
    return console.log(`config written to ${values['write-config']}`);
  }
  if (!values.data || !values.out) fail('--data and --out are required');
  const python = findTorchPython();
  if (!python) process.exit(1);
  const t0 = performance.now();
  const summary = await trainTorch({
    data: values.data,
    config,
    nproc,
    out: values.out,
    python,
    ...(backend && { backend }),
    ...(threads && { threads }),
    ...(values.summary && { summary: values.summary }),
  });
  console.log(`\n${formatSummary(summary)}\n`);
  console.log(
    `predictions written to ${values.out}; wall time ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(${nproc} process${nproc > 1 ? 'es' : ''})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
