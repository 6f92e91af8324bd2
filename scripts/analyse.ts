/**
 * Analysis without training: `npm run analyse -- --predictions FILE [--baseline NAME]
 * [--out results.json] [--buy-share q] [--bootstrap B] [--seed N] [--skip-invalid-rows]`.
 * Reads a predictions file (CSV or Parquet, docs/results-format.md "Predictions as input"; the
 * experiment CLI's --predictions file is one), prints Table 1, the tier table, Table 1 with
 * intervals and the bootstrap, the verdicts and the budget replay, and writes the results JSON
 * (`groupings[].id` = each model's name) that the dashboard imports like any run's.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { ANALYSE_DEFAULTS, analyseSteps, baselineProblem } from '../src/core/analysis/analyse';
import { readPredictionsFile } from '../src/core/analysis/predictions-reader';
import { runSteps } from '../src/core/data/steps';
import { formatTable1, formatTierTable } from '../src/core/results/results';
import {
  formatReplayTables,
  formatTable1Rigor,
  formatVerdicts,
} from '../src/core/results/reports/rigor-tables';
import { failureText, openFile, skippedLines } from './load-problems';

const USAGE = `usage: npm run analyse -- --predictions <file.csv|.parquet> [--baseline NAME] [--out results.json]
       [--buy-share q] [--bootstrap B] [--seed N] [--skip-invalid-rows]
--predictions: one row per test impression: source, stream, stream_tier (or tier) and/or show_streams_30d,
  optional row, day, less_streamed, click, like, follow, cost, user_id, podcast_id; every other column is a
  score: <model>, <model>:<head> or either with @<seed> (docs/results-format.md, "Predictions as input")
--baseline NAME: the model the others are compared with (default: the file's first model)
--buy-share q: budget replay share of each show's ad impressions (default ${ANALYSE_DEFAULTS.buyShare})
--bootstrap B: paired bootstrap resamples of the rows (default ${ANALYSE_DEFAULTS.bootstrap}; 0 = off)
--seed N: seeds the bootstrap; names the one run of a file without @<seed> columns (default ${ANALYSE_DEFAULTS.seed})
--skip-invalid-rows: analyse the valid rows of a file with bad values, listing the rows skipped`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** A whole number option in [min, max], or its default. */
function intOption(raw: string | undefined, name: string, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const x = Number(raw);
  if (!Number.isInteger(x) || x < min || x > max) fail(`--${name} must be an integer in ${min}..${max}`);
  return x;
}

async function main() {
  const { values } = parseArgs({
    options: {
      predictions: { type: 'string' },
      baseline: { type: 'string' },
      out: { type: 'string' },
      'buy-share': { type: 'string' },
      bootstrap: { type: 'string' },
      seed: { type: 'string' },
      'skip-invalid-rows': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const path = values.predictions;
  if (!path) fail('--predictions is required');
  const buyShare =
    values['buy-share'] === undefined ? ANALYSE_DEFAULTS.buyShare : Number(values['buy-share']);
  if (!(buyShare > 0 && buyShare <= 1)) fail('--buy-share must be a number in (0, 1]');
  const bootstrap = intOption(values.bootstrap, 'bootstrap', ANALYSE_DEFAULTS.bootstrap, 0, 100_000);
  const seed = intOption(values.seed, 'seed', ANALYSE_DEFAULTS.seed, 0, 0xffffffff);

  const blob = await openFile(path);
  if (typeof blob === 'string') fail(blob);
  const t0 = performance.now();
  const read = await readPredictionsFile(blob, basename(path), {
    skipInvalidRows: values['skip-invalid-rows'],
  });
  if (!read.ok) fail(failureText(read, 'row'));
  for (const line of skippedLines(read, 'row')) console.log(line);
  const p = read.predictions;
  const t1 = performance.now();
  const baseline = values.baseline ?? p.models[0].id;
  const problem = baselineProblem(p, baseline);
  if (problem) fail(problem);
  const seeds = p.seeds[0] === null ? 'one run' : `seeds ${p.seeds.join(', ')}`;
  console.log(
    `predictions: ${p.n} rows, ${p.models.length} models (${p.models.map((m) => m.id).join(', ')}), ${seeds}; ` +
      `baseline ${baseline}; read in ${((t1 - t0) / 1000).toFixed(1)} s`,
  );
  const results = runSteps(
    analyseSteps(p, {
      file: basename(path),
      baseline,
      buyShare,
      bootstrap,
      seed,
      createdAt: new Date().toISOString(),
      skippedRows: read.skippedCount,
    }),
  );
  const t2 = performance.now();
  console.log(`\n${formatTable1(results)}\n\n${formatTierTable(results)}\n`);
  console.log(
    `${formatTable1Rigor(results)}\n\n${formatVerdicts(results)}\n\n${formatReplayTables(results)}\n`,
  );
  console.log(
    `read ${((t1 - t0) / 1000).toFixed(1)} s, analysis ${((t2 - t1) / 1000).toFixed(1)} s ` +
      `(bootstrap ${bootstrap} resamples)`,
  );
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`results written to ${values.out}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
