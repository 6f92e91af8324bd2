/**
 * Headless experiment: `npm run experiment -- --data <file.csv | sim> [--seed N]
 * [--config <json | share URL>] [--groupings a,b] [--backend cpu|wasm] [--out results.json]
 * [--predictions preds.csv]`. Prints a Table-1-style table and a tier table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { GROUPING_IDS } from '../src/core/config/experiment';
import { normalizeConfig } from '../src/core/config/normalize';
import { decodeConfig } from '../src/core/config/url-codec';
import { readImpressionCsv } from '../src/core/data/csv-reader';
import { prepareData } from '../src/core/data/prepare';
import { simulate } from '../src/core/data/simulator';
import type { ImpressionTable } from '../src/core/data/table';
import { predictionsCsv } from '../src/core/metrics/predictions-csv';
import { formatTable1, formatTierTable } from '../src/core/metrics/results';
import { type BackendName, initBackend } from '../src/ml/backend';
import { runExperiment } from '../src/ml/runner';

const USAGE = `usage: npm run experiment -- --data <file.csv | sim> [--seed N] [--config <json | share URL>]
       [--groupings a,b] [--backend cpu|wasm] [--out results.json] [--predictions preds.csv] [--quiet]
groupings: ${GROUPING_IDS.join(', ')}`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function readConfig(raw: string | undefined) {
  if (raw === undefined) return normalizeConfig({});
  const text =
    raw.trim().startsWith('{') || raw.startsWith('?') || raw.includes('://')
      ? raw
      : readFileSync(raw, 'utf8');
  if (text.trim().startsWith('{')) {
    try {
      return normalizeConfig(JSON.parse(text));
    } catch (e) {
      fail(`--config is not valid JSON: ${(e as Error).message}`);
    }
  }
  return decodeConfig(text);
}

function loadTable(data: string, config: ReturnType<typeof readConfig>['config']): ImpressionTable {
  if (data === 'sim') {
    if (config.data.kind !== 'sim') fail('--data sim needs a simulated-data config');
    return simulate(config.data.sim, config.seed);
  }
  const result = readImpressionCsv(readFileSync(data, 'utf8'), basename(data));
  if (!result.ok) {
    const lines = result.problems.map((p) => `  row ${p.row}, ${p.column} = "${p.value}": ${p.reason}`);
    fail(
      `${result.message}\n${lines.join('\n')}${result.problemCount > lines.length ? `\n  ... ${result.problemCount} problems in all` : ''}`,
    );
  }
  if (result.ignoredColumns.length) console.log(`ignored columns: ${result.ignoredColumns.join(', ')}`);
  return result.table;
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      seed: { type: 'string' },
      config: { type: 'string' },
      groupings: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      out: { type: 'string' },
      predictions: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.data) fail('--data is required');
  if (values.backend !== 'cpu' && values.backend !== 'wasm') fail('--backend must be cpu or wasm in Node');

  const parsed = readConfig(values.config);
  let config = parsed.config;
  const notices = [...parsed.notices];
  const overrides: Record<string, unknown> = { ...config };
  if (values.seed !== undefined) overrides.seed = values.seed;
  if (values.groupings !== undefined) overrides.groupings = values.groupings;
  if (values.seed !== undefined || values.groupings !== undefined) {
    const r = normalizeConfig(overrides);
    config = r.config;
    notices.push(...r.notices);
  }
  for (const n of notices) console.log(`note: ${n}`);

  const t0 = performance.now();
  const table = loadTable(values.data, config);
  const data = prepareData(table, config);
  const t1 = performance.now();
  console.log(
    `data: ${table.n} impressions (${data.summary.rowsBySource.promo} promo, ${data.summary.rowsBySource.ad} ad), ` +
      `days train/val/test ${data.split.trainDays.length}/${data.split.valDays.length}/${data.split.testDays.length}, ` +
      `tiers ${data.tiers.how}; prepared in ${((t1 - t0) / 1000).toFixed(1)} s`,
  );
  for (const w of data.summary.warnings) console.log(`warning: ${w.message}`);

  await initBackend(values.backend as BackendName);
  const { results, testScores } = await runExperiment(data, config, {
    backend: values.backend,
    onEvent: values.quiet ? undefined : (e) => console.log(e.message),
  });
  const wall = (performance.now() - t0) / 1000;
  console.log(`\n${formatTable1(results)}\n\n${formatTierTable(results)}\n`);
  console.log(
    `backend ${results.backend}; wall time ${wall.toFixed(1)} s (data ${((t1 - t0) / 1000).toFixed(1)} s)`,
  );
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`results written to ${values.out}`);
  }
  if (values.predictions) {
    writeFileSync(values.predictions, predictionsCsv(data, config.groupings, testScores));
    console.log(`predictions written to ${values.predictions}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
