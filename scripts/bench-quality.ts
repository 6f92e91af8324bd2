/**
 * Quality bench (issue 17 point 2): `npm run bench:quality -- [--rows N] [--repeats N]
 * [--datasets a,b] [--groupings a,b] [--seed N] [--engine-config <share link | JSON | file>]
 * [--twin-recipe <JSON | file>] [--keep]`.
 *
 * For each dataset of DATASETS: write it as an impression CSV to a temp dir, run our engine on it
 * through the CLI (scripts/experiment.ts, --bootstrap 0) and the independent PyTorch twin
 * (scripts/torch_twin) on the same file, and print test AP per dataset x grouping x channel for
 * both (seed means), their ratio engine / twin, and per dataset the geometric mean and the minimum
 * of the ratios. Also checks that both sides split the same days and infer the same feature kinds.
 * Writes bench/results/quality-<date>.json. Nothing is tuned here: the numbers are what they are.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { cpus, loadavg, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GROUPING_IDS } from '../src/core/config/experiment';
import { tableToCsvLines } from '../src/core/data/csv-writer';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import type { SimConfig } from '../src/core/data/simulator-config';
import type { ImpressionTable } from '../src/core/data/table';
import { findTorchPython } from './torch-python';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHANNELS = ['promo', 'ad'] as const;
type Channel = (typeof CHANNELS)[number];

// ---------------------------------------------------------------------------------------------
// Datasets: one line each. `make` returns null when the dataset is not available here.

interface DatasetSpec {
  readonly id: string;
  readonly what: string;
  /** Part of the default list (else only with --datasets). */
  readonly byDefault: boolean;
  readonly make: (rows: number, seed: number) => Promise<ImpressionTable | null>;
}

/** The default simulator with some knobs changed and its days scaled to about `rows` impressions. */
const sim =
  (knobs: Partial<SimConfig>) =>
  async (rows: number, seed: number): Promise<ImpressionTable> => {
    const cfg = { ...DEFAULT_SIM_CONFIG, ...knobs };
    return simulate({ ...cfg, impressionsPerDay: Math.max(1, Math.round(rows / cfg.days)) }, seed);
  };

const DATASETS: readonly DatasetSpec[] = [
  { id: 'default', what: 'default simulator', byDefault: true, make: sim({}) },
  { id: 'affinity-0.5', what: 'affinityStrength 0.5', byDefault: true, make: sim({ affinityStrength: 0.5 }) },
  { id: 'affinity-2', what: 'affinityStrength 2', byDefault: true, make: sim({ affinityStrength: 2 }) },
  {
    id: 'sparse-ads',
    what: 'adShare 0.15, longTailAdShare 0.9',
    byDefault: false,
    make: sim({ adShare: 0.15, longTailAdShare: 0.9 }),
  },
  { id: 'alt', what: 'alternative simulator (alt-simulator.ts)', byDefault: true, make: altSimulator },
];

/**
 * src/core/data/alt-simulator.ts (simulateAlt, DEFAULT_ALT_CONFIG) when it exists. Loaded by path
 * at run time so this script type-checks without it; its days are scaled to `rows` when its config
 * has `days` and `impressionsPerDay`, else it runs as configured.
 */
async function altSimulator(rows: number, seed: number): Promise<ImpressionTable | null> {
  const path = join(ROOT, 'src/core/data/alt-simulator.ts');
  if (!existsSync(path)) return null;
  const mod = (await import(pathToFileURL(path).href)) as {
    simulateAlt?: (cfg: unknown, seed: number) => ImpressionTable | Promise<ImpressionTable>;
    DEFAULT_ALT_CONFIG?: Record<string, unknown>;
  };
  if (!mod.simulateAlt || !mod.DEFAULT_ALT_CONFIG) return null;
  const cfg = mod.DEFAULT_ALT_CONFIG;
  const scaled =
    typeof cfg.days === 'number' && typeof cfg.impressionsPerDay === 'number'
      ? { ...cfg, impressionsPerDay: Math.max(1, Math.round(rows / cfg.days)) }
      : cfg;
  return await mod.simulateAlt(scaled, seed);
}

// ---------------------------------------------------------------------------------------------
// Running both sides

function writeCsv(table: ImpressionTable, path: string): void {
  const fd = openSync(path, 'w');
  try {
    let chunk: string[] = [];
    for (const line of tableToCsvLines(table)) {
      chunk.push(line);
      if (chunk.length === 4096) {
        writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** Runs a command in the repo root; stdout is returned, stderr goes to `onErr` line by line. */
function run(cmd: string, args: string[], onErr: (line: string) => void, env = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let errTail = '';
    let pending = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      pending += b.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) onErr(l);
      errTail = (errTail + b.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pending) onErr(pending);
      const stdout = Buffer.concat(out).toString();
      if (code === 0) resolve(stdout);
      else
        reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${stdout.slice(-4000)}\n${errTail}`));
    });
  });
}

/** Seed values and mean of one AP per channel (null = undefined: no positive). */
interface ChannelAps {
  readonly perSeed: (number | null)[];
  readonly mean: number | null;
}
type ApsByGrouping = Record<string, Record<Channel, ChannelAps>>;

const meanOf = (xs: readonly (number | null)[]): number | null => {
  const d = xs.filter((x): x is number => x !== null);
  return d.length ? d.reduce((a, b) => a + b, 0) / d.length : null;
};

interface EngineRun {
  aps: ApsByGrouping;
  splitDays: Record<'train' | 'val' | 'test', number[]> | null;
  featureKinds: Record<string, string>;
  config: { model: unknown; train: unknown };
  seconds: number;
}

interface EngineResults {
  groupings: { id: string; promoAp: number | null; adAp: number | null; bestEpoch: number | null }[];
  rigor?: { ap: Record<string, Record<Channel, { all: { values: (number | null)[] } }>> };
  dataset: {
    split: Record<'train' | 'val' | 'test', { days: number[] }> | null;
    features: Record<string, { name: string; kind: string }[]>;
  };
  config: { model: unknown; train: unknown };
}

async function runEngine(
  csv: string,
  dir: string,
  opts: { seed: number; repeats: number; groupings: string; engineConfig?: string },
): Promise<EngineRun> {
  const out = join(dir, 'engine-results.json');
  const args = ['tsx', 'scripts/experiment.ts', '--data', csv, '--seed', String(opts.seed)];
  args.push('--repeats', String(opts.repeats), '--bootstrap', '0', '--groupings', opts.groupings);
  args.push('--out', out, '--quiet');
  if (opts.engineConfig) args.push('--config', opts.engineConfig);
  const t0 = performance.now();
  const stdout = await run('npx', args, (l) => console.error(`  engine: ${l}`));
  const seconds = (performance.now() - t0) / 1000;
  for (const l of stdout.split('\n'))
    if (/^(data:|note:|warning:|backend )/.test(l)) console.log(`  engine: ${l}`);
  const r = JSON.parse(readFileSync(out, 'utf8')) as EngineResults;
  const aps: ApsByGrouping = {};
  for (const g of r.groupings) {
    const perSeed = (c: Channel) =>
      r.rigor?.ap[g.id]?.[c]?.all.values ?? [c === 'promo' ? g.promoAp : g.adAp];
    aps[g.id] = {
      promo: { perSeed: perSeed('promo'), mean: meanOf(perSeed('promo')) },
      ad: { perSeed: perSeed('ad'), mean: meanOf(perSeed('ad')) },
    };
  }
  const featureKinds: Record<string, string> = {};
  for (const cols of Object.values(r.dataset.features)) for (const f of cols) featureKinds[f.name] = f.kind;
  const split = r.dataset.split;
  return {
    aps,
    splitDays: split ? { train: split.train.days, val: split.val.days, test: split.test.days } : null,
    featureKinds,
    config: { model: r.config.model, train: r.config.train },
    seconds,
  };
}

interface TwinOutput {
  data: {
    days: Record<'train' | 'val' | 'test', number[]>;
    inputs: { categorical: Record<string, number>; multi: Record<string, unknown>; numeric: string[] };
  };
  recipe: Record<string, unknown>;
  groupings: Record<string, Record<Channel, { per_seed: (number | null)[]; mean: number | null }>>;
  torch: string;
  threads: number;
}

async function runTwin(
  python: string,
  csv: string,
  opts: { seed: number; repeats: number; groupings: string; twinRecipe?: string },
): Promise<{ twin: TwinOutput; aps: ApsByGrouping; seconds: number }> {
  const args = ['-m', 'scripts.torch_twin.twin', '--data', csv, '--seed', String(opts.seed)];
  args.push('--repeats', String(opts.repeats), '--groupings', opts.groupings);
  if (opts.twinRecipe) args.push('--recipe', opts.twinRecipe);
  const t0 = performance.now();
  // No __pycache__ in the working tree.
  const stdout = await run(python, args, (l) => console.error(`  twin: ${l}`), {
    ...process.env,
    PYTHONDONTWRITEBYTECODE: '1',
  });
  const twin = JSON.parse(stdout) as TwinOutput;
  const aps: ApsByGrouping = {};
  for (const [id, g] of Object.entries(twin.groupings))
    aps[id] = {
      promo: { perSeed: g.promo.per_seed, mean: g.promo.mean },
      ad: { perSeed: g.ad.per_seed, mean: g.ad.mean },
    };
  return { twin, aps, seconds: (performance.now() - t0) / 1000 };
}

/** Differences between the two sides' day splits and feature kinds (empty = identical). */
function pipelineChecks(engine: EngineRun, twin: TwinOutput): string[] {
  const out: string[] = [];
  if (!engine.splitDays) out.push('engine summary has no split');
  else
    for (const s of ['train', 'val', 'test'] as const)
      if (engine.splitDays[s].join(',') !== twin.data.days[s].join(','))
        out.push(`${s} days differ: engine ${engine.splitDays[s]} vs twin ${twin.data.days[s]}`);
  const twinKinds: Record<string, string> = {};
  for (const name of Object.keys(twin.data.inputs.categorical)) twinKinds[name] = 'categorical';
  for (const name of Object.keys(twin.data.inputs.multi)) twinKinds[name] = 'multi';
  for (const name of twin.data.inputs.numeric) twinKinds[name] = 'numeric';
  const names = new Set([...Object.keys(engine.featureKinds), ...Object.keys(twinKinds)]);
  for (const n of names)
    if (engine.featureKinds[n] !== twinKinds[n])
      out.push(`${n}: engine ${engine.featureKinds[n] ?? 'absent'} vs twin ${twinKinds[n] ?? 'absent'}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Report

interface Row {
  dataset: string;
  /** The engine recipe's label (--engine-config label=config; 'defaults' without one). */
  recipe: string;
  grouping: string;
  channel: Channel;
  engine: number | null;
  twin: number | null;
  ratio: number | null;
  engineSeeds: (number | null)[];
  twinSeeds: (number | null)[];
}

const f4 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

function ratioSummary(rows: readonly Row[]): { geoMean: number | null; min: number | null; n: number } {
  const r = rows.map((x) => x.ratio).filter((x): x is number => x !== null && x > 0);
  if (!r.length) return { geoMean: null, min: null, n: 0 };
  return {
    geoMean: Math.exp(r.reduce((a, b) => a + Math.log(b), 0) / r.length),
    min: Math.min(...r),
    n: r.length,
  };
}

function formatTable(rows: readonly Row[]): string {
  const head = ['dataset', 'recipe', 'grouping', 'channel', 'engine AP', 'twin AP', 'ratio'];
  const body = rows.map((r) => [
    r.dataset,
    r.recipe,
    r.grouping,
    r.channel,
    f4(r.engine),
    f4(r.twin),
    f3(r.ratio),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function machineInfo() {
  return {
    cpu: cpus()[0]?.model ?? 'cpu',
    cores: cpus().length,
    totalMemGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: platform(),
    loadAverage1m: +loadavg()[0].toFixed(2),
  };
}

// ---------------------------------------------------------------------------------------------

const USAGE = `usage: npm run bench:quality -- [--rows N] [--repeats N] [--datasets a,b] [--groupings a,b]
       [--seed N] [--engine-config [label=]<share link | JSON | file> ...] [--twin-recipe <JSON | file>]
       [--out FILE] [--keep]
--engine-config: repeat it to compare engine recipes against the same twin runs (label= names a recipe)
datasets: ${DATASETS.map((d) => `${d.id}${d.byDefault ? '' : ' (not by default)'}`).join(', ')}`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '150000' },
      repeats: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      datasets: { type: 'string' },
      groupings: { type: 'string', default: GROUPING_IDS.join(',') },
      'engine-config': { type: 'string', multiple: true },
      out: { type: 'string' },
      'twin-recipe': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const rows = Number(values.rows);
  const repeats = Number(values.repeats);
  const seed = Number(values.seed);
  if (!(Number.isInteger(rows) && rows >= 1000)) fail('--rows must be an integer >= 1000');
  if (!(Number.isInteger(repeats) && repeats >= 1)) fail('--repeats must be an integer >= 1');
  if (!(Number.isInteger(seed) && seed >= 0)) fail('--seed must be an integer >= 0');
  const ids =
    values.datasets?.split(',').map((s) => s.trim()) ?? DATASETS.filter((d) => d.byDefault).map((d) => d.id);
  const unknown = ids.filter((id) => !DATASETS.some((d) => d.id === id));
  if (unknown.length) fail(`unknown dataset(s) ${unknown.join(', ')}`);
  const groupings = values.groupings;
  const badGroupings = groupings.split(',').filter((g) => !(GROUPING_IDS as readonly string[]).includes(g));
  if (badGroupings.length) fail(`unknown grouping(s) ${badGroupings.join(', ')}`);
  const twinRecipe = values['twin-recipe'];
  const engineConfigs = (values['engine-config'] ?? []).map((raw, i) => {
    const m = /^([\w.-]+)=(.*)$/s.exec(raw);
    return m && !raw.trim().startsWith('{')
      ? { label: m[1], config: m[2] }
      : { label: `recipe${i + 1}`, config: raw };
  });
  if (engineConfigs.length === 0) engineConfigs.push({ label: 'defaults', config: '' });
  const engineConfig = engineConfigs.map((c) => `${c.label}=${c.config || 'defaults'}`).join('; ');

  const python = findTorchPython();
  if (!python) process.exit(1);
  const machine = machineInfo();
  console.log(
    `machine: ${machine.cores} x ${machine.cpu}, ${machine.totalMemGiB.toFixed(0)} GiB, node ${machine.node}, ` +
      `${machine.platform}, load average ${machine.loadAverage1m}`,
  );
  console.log(
    `configuration: rows ~${rows}, repeats ${repeats} (seeds ${seed}..${seed + repeats - 1}), groupings ${groupings}\n` +
      `  engine config: ${engineConfig ?? 'defaults'}; twin recipe: ${twinRecipe ?? 'defaults (plain PyTorch)'}; python ${python}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'bench-quality-'));
  const allRows: Row[] = [];
  const perDataset: Record<string, unknown>[] = [];
  const skipped: { id: string; why: string }[] = [];
  const engineConfigUsed: Record<string, unknown> = {};
  let twinRecipeUsed: unknown;
  try {
    for (const id of ids) {
      const spec = DATASETS.find((d) => d.id === id)!;
      const t0 = performance.now();
      const table = await spec.make(rows, seed);
      if (!table) {
        console.log(`\n[${id}] not available here: skipped`);
        skipped.push({ id, why: 'not available' });
        continue;
      }
      const csv = join(dir, `${id}.csv`);
      writeCsv(table, csv);
      console.log(
        `\n[${id}] ${spec.what}: ${table.n} rows written to ${csv} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const common = { seed, repeats, groupings };
      const twin = await runTwin(python, csv, { ...common, twinRecipe });
      console.log(
        `  twin: ${twin.seconds.toFixed(0)} s (torch ${twin.twin.torch}, ${twin.twin.threads} thread(s))`,
      );
      twinRecipeUsed = twin.twin.recipe;
      for (const { label, config } of engineConfigs) {
        const engine = await runEngine(csv, dir, { ...common, ...(config ? { engineConfig: config } : {}) });
        console.log(`  engine ${label}: ${engine.seconds.toFixed(0)} s`);
        engineConfigUsed[label] = engine.config;
        const checks = pipelineChecks(engine, twin.twin);
        console.log(
          checks.length
            ? `  pipeline differences:\n    ${checks.join('\n    ')}`
            : '  pipeline checks: same split days and feature kinds on both sides',
        );
        const rowsHere: Row[] = [];
        for (const g of groupings.split(',')) {
          for (const c of CHANNELS) {
            const e = engine.aps[g]?.[c];
            const t = twin.aps[g]?.[c];
            const em = e?.mean ?? null;
            const tm = t?.mean ?? null;
            rowsHere.push({
              dataset: id,
              recipe: label,
              grouping: g,
              channel: c,
              engine: em,
              twin: tm,
              ratio: em !== null && tm !== null && tm > 0 ? em / tm : null,
              engineSeeds: e?.perSeed ?? [],
              twinSeeds: t?.perSeed ?? [],
            });
          }
        }
        allRows.push(...rowsHere);
        perDataset.push({
          id,
          recipe: label,
          what: spec.what,
          rows: table.n,
          engineSeconds: +engine.seconds.toFixed(1),
          twinSeconds: +twin.seconds.toFixed(1),
          pipelineDifferences: checks,
          ratios: ratioSummary(rowsHere),
        });
      }
    }
  } finally {
    if (values.keep) console.log(`\nCSV files kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }

  console.log(`\nTest AP, mean over ${repeats} seed(s); ratio = engine / twin\n`);
  console.log(formatTable(allRows));
  console.log('');
  for (const d of perDataset) {
    const s = d.ratios as ReturnType<typeof ratioSummary>;
    console.log(
      `${d.id} / ${d.recipe}: geometric mean of ratios ${f3(s.geoMean)}, min ${f3(s.min)} (${s.n} ratios)`,
    );
  }
  for (const s of skipped) console.log(`${s.id}: skipped (${s.why})`);
  for (const { label } of engineConfigs) {
    const s = ratioSummary(allRows.filter((r) => r.recipe === label));
    console.log(
      `all datasets / ${label}: geometric mean of ratios ${f3(s.geoMean)}, min ${f3(s.min)} (${s.n} ratios)`,
    );
  }

  const date = new Date().toISOString().slice(0, 10);
  const outDir = join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const outFile = values.out ?? join(outDir, `quality-${date}.json`);
  const report = {
    createdAt: new Date().toISOString(),
    machine,
    options: {
      rows,
      repeats,
      seed,
      groupings: groupings.split(','),
      datasets: ids,
      engineConfig,
      twinRecipe,
    },
    engineConfig: engineConfigUsed,
    twinRecipe: twinRecipeUsed,
    datasets: perDataset,
    skipped,
    rows: allRows,
  };
  const fd = openSync(outFile, 'w');
  writeSync(fd, `${JSON.stringify(report, null, 2)}\n`);
  closeSync(fd);
  console.log(`\nwritten to ${outFile}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
