/**
 * Agreement (issue 19, point 3): on one small simulated file and one config, the TypeScript engine
 * (in-process, as `npm run experiment` runs it), `npm run train:torch` with 1 process and with 2
 * DDP processes give test APs per grouping x channel within seed spread, and the trainer's
 * predictions file has the CLI's columns, rows, tiers and less-streamed flags.
 *
 * "Within seed spread": for each grouping x channel, the difference of the two sides' means over
 * SEEDS training seeds is at most K standard errors, |mean_a - mean_b| <= K * se, where se is the
 * larger of the cell's own standard error sqrt((var_a + var_b) / SEEDS) (sample variances over
 * seeds) and the pooled one s * sqrt(2 / SEEDS), s the root mean of the sample variances of every
 * cell of both sides (a floor: 3 seeds can show a cell a spread far below its real one).
 * On a file this small a channel's test AP rests on a few dozen positives, so the spread is wide;
 * the quality bench (npm run bench:quality) compares the two at 150,000 rows.
 */
import { openAsBlob, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseSteps } from '../src/core/analysis/analyse';
import { readPredictionsFile } from '../src/core/analysis/predictions-reader';
import { normalizeConfig } from '../src/core/config/normalize';
import { runSteps } from '../src/core/data/steps';
import { tableToCsvLines } from '../src/core/data/csv-writer';
import { readImpressionFile } from '../src/core/data/load-file';
import { prepareData } from '../src/core/data/prepare';
import { predictionsCsv } from '../src/core/results/predictions-csv';
import { initBackend } from '../src/ml/backend';
import { runComparison } from '../src/ml/studies/comparison';
import { findTorchPython } from './torch-python';
import { type TorchSummary, trainTorch } from './train-torch';
import { generate, writeLines } from './write-data';

const ROWS = 8000;
const SEEDS = 3;
const K = 3;
const CHANNELS = ['promo', 'ad'] as const;

type Aps = Record<string, Record<(typeof CHANNELS)[number], readonly (number | null)[]>>;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};
const defined = (xs: readonly (number | null)[]) => xs.filter((x): x is number => x !== null);

function torchAps(s: TorchSummary): Aps {
  const out: Aps = {};
  for (const [id, g] of Object.entries(s.groupings)) out[id] = { promo: g.promo.per_seed, ad: g.ad.per_seed };
  return out;
}

/** Per cell: the two means, the difference, and whether it is within K pooled standard errors. */
function compare(a: Aps, b: Aps) {
  const vars: number[] = [];
  for (const side of [a, b])
    for (const g of Object.values(side))
      for (const c of CHANNELS) if (defined(g[c]).length >= 2) vars.push(variance(defined(g[c])));
  const sd = Math.sqrt(mean(vars));
  const se = sd * Math.sqrt(2 / SEEDS);
  const cells = Object.keys(a).flatMap((id) =>
    CHANNELS.map((c) => {
      const [xa, xb] = [defined(a[id][c]), defined(b[id][c])];
      const [ma, mb] = [mean(xa), mean(xb)];
      const seCell = Math.max(se, Math.sqrt((variance(xa) + variance(xb)) / SEEDS));
      const seeds = `[${xa.map((x) => x.toFixed(3))}] vs [${xb.map((x) => x.toFixed(3))}]`;
      return {
        cell: `${id}/${c}`,
        a: ma,
        b: mb,
        diff: ma - mb,
        seCell,
        seeds,
        within: Math.abs(ma - mb) <= K * seCell,
      };
    }),
  );
  return { sd, se, cells };
}

const dir = mkdtempSync(join(tmpdir(), 'train-torch-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run train:torch', () => {
  it('agrees with the engine, 2 DDP processes with 1, and writes the CLI predictions file', async () => {
    const python = findTorchPython();
    expect(python, 'a Python with torch (apt-get install python3-torch)').not.toBeNull();
    const csv = join(dir, 'data.csv');
    writeLines(csv, tableToCsvLines(generate('sim', 7, ROWS)));
    const { config } = normalizeConfig({ seed: 1, rigor: { repeats: SEEDS, bootstrap: 0 } });

    // The engine, in-process, on the same file.
    const loaded = await readImpressionFile(await openAsBlob(csv), 'data.csv');
    if (!loaded.ok) throw new Error(loaded.message);
    const data = prepareData(loaded.table, config);
    await initBackend('wasm');
    const study = await runComparison(data, config, { backend: 'wasm' });
    const engine: Aps = {};
    for (const id of config.groupings) {
      const ap = study.results.rigor?.ap[id];
      if (!ap) throw new Error(`engine: no per-seed APs for ${id}`);
      engine[id] = { promo: ap.promo.all.values, ad: ap.ad.all.values };
    }
    const engineCsv = predictionsCsv(data, config.groupings, study.perSeedScores, study.seeds).split('\n');

    const common = { data: csv, config, python: python!, threads: 1, stdio: 'pipe' as const };
    const one = await trainTorch({ ...common, nproc: 1, out: join(dir, 'one.csv') });
    const two = await trainTorch({ ...common, nproc: 2, out: join(dir, 'two.parquet') });
    expect(one.processes).toBe(1);
    expect(two.processes).toBe(2);

    const vsEngine = compare(engine, torchAps(one));
    const vsOne = compare(torchAps(one), torchAps(two));
    const show = (r: ReturnType<typeof compare>) =>
      `pooled seed SD ${r.sd.toFixed(4)}, SE ${r.se.toFixed(4)}\n` +
      r.cells
        .map(
          (c) =>
            `  ${c.cell}: ${c.a.toFixed(4)} vs ${c.b.toFixed(4)} (diff ${c.diff.toFixed(4)}, se ${c.seCell.toFixed(4)}; seeds ${c.seeds})`,
        )
        .join('\n');
    console.log(`engine vs torch 1 process: ${show(vsEngine)}\ntorch 1 vs 2 processes: ${show(vsOne)}`);
    expect(vsEngine.cells.filter((c) => !c.within).map((c) => c.cell)).toEqual([]);
    expect(vsOne.cells.filter((c) => !c.within).map((c) => c.cell)).toEqual([]);
    // Stronger for 2 processes: they take one process's steps (global-batch loss and batch norm),
    // so only summation order differs; far inside a tenth of the seed spread.
    expect(vsOne.cells.filter((c) => Math.abs(c.diff) > 0.1 * vsOne.se).map((c) => c.cell)).toEqual([]);

    // The predictions file: the CLI's header and, per test row, the same row, source, day, tier,
    // less_streamed and labels; scores written as JavaScript writes a float32.
    const torchCsv = readFileSync(join(dir, 'one.csv'), 'utf8').split('\n');
    expect(torchCsv[0]).toBe(engineCsv[0]);
    expect(torchCsv.length).toBe(engineCsv.length);
    // The fixed columns are those before the first score column (`<grouping>:<head>`).
    const nFixed = engineCsv[0].split(',').findIndex((c) => c.includes(':'));
    expect(nFixed).toBeGreaterThanOrEqual(10); // row .. follow, podcast_id (and cost when the input has it)
    const fixed = (line: string) => line.split(',').slice(0, nFixed).join(',');
    expect(torchCsv.map(fixed)).toEqual(engineCsv.map(fixed));
    const scores = torchCsv.slice(1, -1).flatMap((l) => l.split(',').slice(nFixed));
    expect(scores.filter((s) => String(Math.fround(Number(s))) !== s)).toEqual([]);

    // The Parquet output of the 2-process run: same columns and fixed values, float32 scores.
    const buf = readFileSync(join(dir, 'two.parquet'));
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const rows = await parquetReadObjects({ file });
    const header = torchCsv[0].split(',');
    expect(Object.keys(rows[0])).toEqual(header);
    expect(rows.length).toBe(torchCsv.length - 2);
    const cell = (v: unknown) => (v === null ? '' : String(v));
    expect(
      rows.map((r) =>
        header
          .slice(0, nFixed)
          .map((h) => cell(r[h]))
          .join(','),
      ),
    ).toEqual(torchCsv.slice(1, -1).map(fixed));

    // Then the analysis of that Parquet file (npm run analyse's pieces): one Table 1 row per
    // grouping, each seed's AP the trainer's own (both score the same float32 values), and the
    // tier segments filled.
    const read = await readPredictionsFile(new Blob([buf]), 'two.parquet');
    if (!read.ok) throw new Error(read.message);
    const analysed = runSteps(
      analyseSteps(read.predictions, {
        file: 'two.parquet',
        baseline: config.baseline,
        buyShare: 0.3,
        bootstrap: 0,
        seed: 1,
        createdAt: new Date(0).toISOString(),
      }),
    );
    expect(analysed.groupings.map((g) => g.id)).toEqual(config.groupings);
    const twoAps = torchAps(two);
    for (const id of config.groupings)
      for (const c of CHANNELS) {
        const got = analysed.rigor!.ap[id][c].all.values;
        expect(got).toHaveLength(SEEDS);
        got.forEach((v, k) => expect(v, `${id}/${c} seed ${k + 1}`).toBeCloseTo(twoAps[id][c][k]!, 9));
      }
    const tiers = analysed.groupings[0].segments.promo;
    expect(Object.keys(tiers).filter((k) => k.startsWith('tier'))).toHaveLength(8);
  }, 900_000);
});
