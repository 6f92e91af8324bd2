/**
 * Headless experiment: `npm run experiment -- --data <file.csv|.parquet|.jsonl | sim> [--seed N]
 * [--config <json | share URL>] [--groupings a,b] [--repeats N] [--buy-share q] [--bootstrap B]
 * [--ablations] [--ablation-target id] [--backend cpu|wasm|webgpu] [--out results.json]
 * [--predictions preds.csv] [--skip-invalid-rows] [--arms a,b] [--cold-start] [--study kind] [--tune N]`. Reads any accepted encoding (by extension,
 * else by its first bytes) and prints Table 1, the tier table, Table 1 with intervals and the
 * bootstrap, the budget replay (Table 2 analogue, per tier) and, with --ablations, the grid.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ExperimentConfig,
  GROUPING_IDS,
  type GroupingId,
  STUDY_KINDS,
  type StudyKind,
} from '../src/core/config/experiment';
import { TUNING_STUDY_BUDGET } from '../src/core/config/tuning';
import { type DatasetSummary, featureGroupsPresent } from '../src/core/data/dataset-summary';
import { studySpecOf } from '../src/core/results/study-results';
import { normalizeConfig } from '../src/core/config/normalize';
import { decodeConfig, encodeConfig } from '../src/core/config/url-codec';
import { detectEncoding, readImpressionFile } from '../src/core/data/load-file';
import { prepareData, simulatedDataSteps } from '../src/core/data/prepare';
import { runSteps } from '../src/core/data/steps';
import { simulate } from '../src/core/data/simulator';
import type { ImpressionTable } from '../src/core/data/table';
import { failureText, openFile, skippedLines } from './load-problems';
import { predictionsCsv } from '../src/core/results/predictions-csv';
import { type ExperimentResults, formatTable1, formatTierTable } from '../src/core/results/results';
import {
  formatReplayTables,
  formatTable1Rigor,
  formatVerdicts,
} from '../src/core/results/reports/rigor-tables';
import { defaultAblationTarget } from '../src/core/config/ablation';
import { runAblation } from '../src/ml/studies/ablation';
import { type BackendName, initBackend } from '../src/ml/backend';
import { formatColdStart } from '../src/core/results/reports/cold-start-table';
import { formatTuning } from '../src/core/results/reports/tuning-table';
import { describeBackend } from '../src/core/results/prediction-fingerprint';
import { runColdStart } from '../src/ml/studies/cold-start';
import { runComparison } from '../src/ml/studies/comparison';
import { readConfigArg } from './config-arg';
import { describeAdapter, rerunWithVulkanEnv, startNodeWebGpu } from './node-webgpu';

const USAGE = `usage: npm run experiment -- --data <file.csv|.parquet|.jsonl | sim> [--seed N] [--config <json | share URL>]
       [--groupings a,b] [--repeats N] [--buy-share q] [--bootstrap B] [--ablations]
       [--ablation-target id] [--backend cpu|wasm|webgpu] [--out results.json] [--predictions preds.csv]
       [--skip-invalid-rows] [--arms a,b] [--cold-start] [--study kind] [--tune N] [--set key=value ...] [--quiet]
--data: an impression file (CSV, Parquet or JSON Lines, by extension or else by content), or sim
--skip-invalid-rows: load the valid rows of a file with bad values, listing the rows skipped
--repeats N: train every grouping with seeds seed..seed+N-1 and report means with 95% intervals
--buy-share q: budget replay share of each show's ad test impressions (default 0.3)
--bootstrap B: paired bootstrap resamples of the test rows (default 1000; 0 = off)
--tune N: first try N recipes per grouping (the same N for all) and keep each one's best on validation AP
--study kind: ${STUDY_KINDS.join(', ')} (as a link's study=); tuning = the comparison after that search,
  with --tune N recipes (at least 2; ${TUNING_STUDY_BUDGET} when --tune is absent or below 2)
--ablations: also run the ablation grid of --ablation-target (default joint-5task) into the results
--arms a,b: run only these arms of the grid (besides full), e.g. encoder-mmoe,encoder-ple
--cold-start: also run the new-objective cold start (config new_task, budgets; --repeats seeds)
--set key=value: any field by its link key (README's parameter table), e.g. --set lr=0.001 --set emb_init=normal
A --config share link with study=ablation (ablate, arms), study=cold-start or study=tuning runs that study too.
groupings: ${GROUPING_IDS.join(', ')}`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function readConfig(raw: string | undefined) {
  return readConfigArg(raw, fail);
}

async function loadTable(
  data: string,
  config: ReturnType<typeof readConfig>['config'],
  skipInvalidRows: boolean,
): Promise<ImpressionTable> {
  if (data === 'sim') {
    if (config.data.kind !== 'sim') fail('--data sim needs a simulated-data config');
    return simulate(config.data.sim, config.seed);
  }
  const blob = await openFile(data);
  if (typeof blob === 'string') fail(blob);
  const name = basename(data);
  const unit = (await detectEncoding(blob, name)) === 'jsonl' ? 'line' : 'row';
  const result = await readImpressionFile(blob, name, { skipInvalidRows });
  if (!result.ok) fail(failureText(result, unit));
  if (result.ignoredColumns.length) console.log(`ignored columns: ${result.ignoredColumns.join(', ')}`);
  for (const line of skippedLines(result, unit)) console.log(line);
  return result.table;
}

/** A link's arms for the grid of `target` on this data (those the grid lacks dropped, with a note). */
function linkedArms(
  config: ExperimentConfig,
  target: GroupingId,
  summary: DatasetSummary,
): readonly string[] | undefined {
  if (config.study.arms.length === 0) return undefined;
  const linked = { ...config, study: { ...config.study, kind: 'ablation' as const, ablate: target } };
  const { spec, notices } = studySpecOf(linked, featureGroupsPresent(summary));
  for (const n of notices) console.log(`note: ${n}`);
  return spec.kind === 'ablation' ? spec.arms : undefined;
}

/**
 * `--set key=value` (repeatable): any field of the field table by its URL key (lr=0.001,
 * emb_init=normal, ...), validated and clamped as a link's would be.
 */
function withSettings(parsed: ReturnType<typeof readConfig>, sets: readonly string[]) {
  if (sets.length === 0) return parsed;
  const params = encodeConfig(parsed.config);
  for (const set of sets) {
    const at = set.indexOf('=');
    if (at <= 0) fail(`--set needs key=value (got ${set})`);
    params.set(set.slice(0, at), set.slice(at + 1));
  }
  const decoded = decodeConfig(params);
  return { config: decoded.config, notices: [...parsed.notices, ...decoded.notices] };
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
      'skip-invalid-rows': { type: 'boolean', default: false },
      repeats: { type: 'string' },
      'buy-share': { type: 'string' },
      bootstrap: { type: 'string' },
      ablations: { type: 'boolean', default: false },
      'ablation-target': { type: 'string' },
      arms: { type: 'string' },
      'cold-start': { type: 'boolean', default: false },
      set: { type: 'string', multiple: true },
      tune: { type: 'string' },
      study: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.data) fail('--data is required');
  if (!['cpu', 'wasm', 'webgpu'].includes(values.backend)) fail('--backend must be cpu, wasm or webgpu');
  if (values.backend === 'webgpu') {
    // Dawn in this process needs the Vulkan environment from its start: run again with it.
    const status = rerunWithVulkanEnv((line) => console.log(line));
    if (status !== null) process.exit(status);
  }

  const parsed = withSettings(readConfig(values.config), values.set ?? []);
  let config = parsed.config;
  const notices = [...parsed.notices];
  const overrides: Record<string, unknown> = { ...config };
  if (values.seed !== undefined) overrides.seed = values.seed;
  if (values.groupings !== undefined) overrides.groupings = values.groupings;
  const rigor: Record<string, unknown> = { ...config.rigor };
  if (values.repeats !== undefined) rigor.repeats = values.repeats;
  if (values['buy-share'] !== undefined) rigor.buyShare = values['buy-share'];
  if (values.bootstrap !== undefined) rigor.bootstrap = values.bootstrap;
  if (values.tune !== undefined) rigor.tune = values.tune;
  overrides.rigor = rigor;
  if (values.study !== undefined) {
    if (!STUDY_KINDS.includes(values.study as StudyKind))
      fail(`--study must be one of ${STUDY_KINDS.join(', ')}`);
    overrides.study = { ...config.study, kind: values.study };
  }
  if (
    values.seed !== undefined ||
    values.groupings !== undefined ||
    values.repeats !== undefined ||
    values['buy-share'] !== undefined ||
    values.bootstrap !== undefined ||
    values.tune !== undefined ||
    values.study !== undefined
  ) {
    const r = normalizeConfig(overrides);
    config = r.config;
    notices.push(...r.notices);
  }
  if (config.rigor.vary === 'data' && values.data !== 'sim') {
    notices.push('vary=data redraws simulated data only; the repeats of a file vary training alone');
    config = { ...config, rigor: { ...config.rigor, vary: 'training' } };
  }
  for (const n of notices) console.log(`note: ${n}`);

  const t0 = performance.now();
  const table = await loadTable(values.data, config, values['skip-invalid-rows']);
  const data = prepareData(table, config);
  const t1 = performance.now();
  console.log(
    `data: ${table.n} impressions (${data.summary.rowsBySource.promo} promo, ${data.summary.rowsBySource.ad} ad), ` +
      `days train/val/test ${data.split.trainDays.length}/${data.split.valDays.length}/${data.split.testDays.length}, ` +
      `tiers ${data.tiers.how}; prepared in ${((t1 - t0) / 1000).toFixed(1)} s`,
  );
  for (const w of data.summary.warnings) console.log(`warning: ${w.message}`);

  // A share link's study (--config URL with study=ablation / study=cold-start) runs as its flag would;
  // study=tuning is the comparison below with its search (normalisation gave it a budget of 2 or more).
  if (config.study.kind === 'tuning') console.log(`tuning study: ${config.rigor.tune} recipes per grouping`);
  const ablations = values.ablations || config.study.kind === 'ablation';
  const coldStart = values['cold-start'] || config.study.kind === 'cold-start';
  const target = (values['ablation-target'] ??
    (config.study.kind === 'ablation' ? config.study.ablate : null) ??
    defaultAblationTarget(config) ??
    config.baseline) as GroupingId;
  if (ablations && !GROUPING_IDS.includes(target))
    fail(`--ablation-target must be one of ${GROUPING_IDS.join(', ')}`);

  const adapter = values.backend === 'webgpu' ? describeAdapter(await startNodeWebGpu()) : undefined;
  if (adapter) console.log(`webgpu adapter: ${adapter}`);
  await initBackend(values.backend as BackendName);
  const runOpts = {
    backend: values.backend,
    ...(adapter ? { adapter } : {}),
    onEvent: values.quiet ? undefined : (e: { message: string }) => console.log(e.message),
    onRepeat: (r: number, of: number, seed: number) => {
      if (of > 1) console.log(`repeat ${r + 1}/${of}: training seed ${seed}`);
    },
  };
  const study = await runComparison(data, config, {
    ...runOpts,
    // rigor.vary = 'data': repeat r trains on the simulated data of seed + r.
    redraw: async (seed) => runSteps(simulatedDataSteps({ ...config, seed })),
  });
  let results: ExperimentResults = study.results;
  console.log(
    `rigor section (bootstrap ${config.rigor.bootstrap} resamples, replay, PR curves) built in ${(study.rigorMs / 1000).toFixed(1)} s`,
  );
  if (ablations) {
    console.log(`ablation grid of ${target}`);
    const only = values.arms?.split(',').map((s) => s.trim()) ?? linkedArms(config, target, data.summary);
    results = { ...results, ablationGrid: await runAblation(data, config, target, runOpts, only) };
  }
  if (coldStart) {
    console.log(
      `new-objective cold start: ${config.coldStart.task} at ${config.coldStart.budgets.join(', ')}%`,
    );
    results = { ...results, coldStart: await runColdStart(data, config, runOpts) };
  }
  const wall = (performance.now() - t0) / 1000;
  if (results.tuning) console.log(`\n${formatTuning(results)}`);
  console.log(`\n${formatTable1(results)}\n\n${formatTierTable(results)}\n`);
  console.log(
    `${formatTable1Rigor(results)}\n\n${formatVerdicts(results)}\n\n${formatReplayTables(results)}\n`,
  );
  if (results.ablationGrid) console.log(`${formatTable1Rigor(results.ablationGrid)}\n`);
  if (results.coldStart) console.log(`${formatColdStart(results.coldStart)}\n`);
  if (results.reproduction)
    console.log(
      `prediction fingerprint ${results.reproduction.predictions} (${describeBackend(results.reproduction)})`,
    );
  console.log(
    `backend ${results.backend}; wall time ${wall.toFixed(1)} s (data ${((t1 - t0) / 1000).toFixed(1)} s)`,
  );
  if (values.out) {
    writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`results written to ${values.out}`);
  }
  if (values.predictions) {
    writeFileSync(
      values.predictions,
      predictionsCsv(data, config.groupings, study.perSeedScores, study.seeds),
    );
    console.log(`predictions written to ${values.predictions}`);
  }
}

main()
  // Exit explicitly: a WebGPU device (Dawn) keeps the event loop alive after the run.
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
