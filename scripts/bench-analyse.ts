/**
 * How fast `analyse` reads and analyses a large predictions file in Node, and how much memory it
 * takes: `npm run bench:analyse -- [--rows N] [--bootstrap B] [--format csv|parquet]`.
 *
 * Writes (once, cached in the OS temp dir by rows) a synthetic predictions file in the format of
 * docs/results-format.md "Predictions as input": source, stream, click, stream_tier, podcast_id,
 * cost, and three score columns (a plain `base`, and `mtl:promo_stream` / `mtl:ad_stream`) whose
 * scores know the label a little. Then a fresh child process reads and analyses it, so its peak
 * resident memory (maxRSS) is the analysis's own. Prints rows/s of the read and of the whole, the
 * peak RSS, and the bytes per row the read columns hold. The browser variant is
 * scripts/bench-analyse.spec.ts (TOOL=bench-analyse). Default rows: BENCH_ROWS, else 1,000,000; bootstrap 0.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, openAsBlob, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyseSteps } from '../src/core/analysis/analyse';
import { readPredictionsFile } from '../src/core/analysis/predictions-reader';
import { createRng } from '../src/core/data/rng';
import { runSteps } from '../src/core/data/steps';
import { fmt, machineInfo, machineLine, mib } from './bench-support';

const HEADER = 'source,stream,click,stream_tier,podcast_id,cost,base,mtl:promo_stream,mtl:ad_stream';

/** The cached file of `rows` rows (written through a temp name, so a broken run leaves none). */
export async function predictionsFile(rows: number): Promise<string> {
  const path = join(tmpdir(), `cold-start-lab-bench-predictions-${rows}.csv`);
  if (existsSync(path)) return path;
  const rng = createRng(7);
  const out = createWriteStream(`${path}.part`);
  let batch: string[] = [HEADER];
  for (let i = 0; i < rows; i++) {
    const ad = rng.nextFloat() < 0.35;
    const show = rng.nextInt(10_000);
    const tier = show % 8;
    const y = rng.nextFloat() < (ad ? 0.03 : 0.06) * (1 + (7 - tier) / 7) ? 1 : 0;
    const click = rng.nextFloat() < 0.08 ? 1 : 0;
    const s = (signal: number) => (rng.nextFloat() + signal * y).toFixed(6);
    batch.push(
      `${ad ? 'ad' : 'promo'},${y},${click},${tier},p${show},${(rng.nextFloat() * 0.01).toFixed(5)},${s(0.2)},${s(0.5)},${s(0.5)}`,
    );
    if (batch.length >= 20_000) {
      if (!out.write(`${batch.join('\n')}\n`)) await once(out, 'drain');
      batch = [];
    }
  }
  out.write(`${batch.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.part`, path);
  return path;
}

/** The child: read and analyse `path`, print one JSON line of timings and memory. */
async function child(path: string, bootstrap: number) {
  const mem0 = process.memoryUsage();
  const t0 = performance.now();
  const read = await readPredictionsFile(await openAsBlob(path), 'bench.csv');
  const t1 = performance.now();
  if (!read.ok) throw new Error(read.message);
  const mem1 = process.memoryUsage();
  const p = read.predictions;
  const results = runSteps(
    analyseSteps(p, {
      file: 'bench.csv',
      baseline: 'base',
      buyShare: 0.3,
      bootstrap,
      seed: 1,
      createdAt: '',
    }),
  );
  const t2 = performance.now();
  const held = mem1.heapUsed + mem1.arrayBuffers - (mem0.heapUsed + mem0.arrayBuffers);
  // The columns the analysis keeps: every typed array of the predictions once (a plain model's
  // one array serves both its heads).
  const arrays = new Set<ArrayBufferView>([p.source, p.stream, p.click, p.tier, p.lessStreamed, p.show]);
  if (p.cost) arrays.add(p.cost);
  for (const bySeed of p.scores)
    for (const heads of bySeed.values()) for (const a of Object.values(heads)) if (a) arrays.add(a);
  const payload = [...arrays].reduce((sum, a) => sum + a.byteLength, 0);
  console.log(
    JSON.stringify({
      rows: p.n,
      readMs: t1 - t0,
      analyseMs: t2 - t1,
      heldBytesPerRow: held / p.n,
      payloadBytesPerRow: payload / p.n,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      mtlPromoAp: results.groupings[1].promoAp,
    }),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: process.env.BENCH_ROWS ?? '1000000' },
      bootstrap: { type: 'string', default: '0' },
      child: { type: 'string' },
    },
  });
  const bootstrap = Number(values.bootstrap);
  if (values.child) return child(values.child, bootstrap);
  const rows = Number(values.rows);
  let t = performance.now();
  const path = await predictionsFile(rows);
  const bytes = statSync(path).size;
  console.log(
    `file ${path}: ${fmt(rows)} rows, ${mib(bytes)} (${(bytes / rows).toFixed(1)} bytes/row on disk); ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
  const r = spawnSync(
    tsx,
    ['--max-old-space-size=16384', import.meta.filename, '--child', path, '--bootstrap', String(bootstrap)],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`the child failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  const total = m.readMs + m.analyseMs;
  console.log(machineLine(machineInfo()));
  console.log(
    `Node analyse, ${fmt(m.rows)} rows, bootstrap ${bootstrap}: read ${(m.readMs / 1000).toFixed(1)} s ` +
      `(${fmt(m.rows / (m.readMs / 1000))} rows/s), analysis ${(m.analyseMs / 1000).toFixed(1)} s; ` +
      `whole ${fmt(m.rows / (total / 1000))} rows/s; peak RSS ${mib(m.maxRssBytes)}; ` +
      `columns kept ${m.payloadBytesPerRow.toFixed(1)} bytes/row (typed arrays; heap + array buffers grew ` +
      `${m.heldBytesPerRow.toFixed(1)} bytes/row over the read, garbage included)`,
  );
}

if (process.argv[1] === import.meta.filename) await main();
