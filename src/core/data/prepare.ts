/**
 * From a table and a config to everything training and metrics need: split by day, tiers,
 * less-streamed flags, encoded inputs (training-day statistics only) and the summary.
 * Refuses, with a message for the user, data that cannot give a meaningful comparison.
 */
import type { ExperimentConfig, Grouping, TrainConfig } from '../config/experiment';
import { lessStreamedFlags } from '../metrics/segments';
import { type DatasetSummary, summarizeDataset } from './dataset-summary';
import type { EncodedDataset } from './encoded';
import { DEFAULT_MIN_COUNT, type EncodeOptions, encodeSteps } from './encode';
import { SOURCE_CODE, type Source } from './schema';
import { simulateSteps } from './simulator';
import { type DaySplit, temporalSplit } from './split';
import { runSteps, type Steps, within } from './steps';
import type { ImpressionTable } from './table';
import { deriveTiers, type TierDerivation } from './tiers';

export interface PreparedData {
  readonly table: ImpressionTable;
  readonly split: DaySplit;
  readonly tiers: TierDerivation;
  /** 1 where the row's show is a less-streamed creator (segments.ts rule). */
  readonly lessStreamed: Uint8Array;
  readonly encoded: EncodedDataset;
  /** The vocabulary min count `encoded` was built with (an arm with another one re-encodes). */
  readonly minCount: number;
  readonly summary: DatasetSummary;
}

/** What preparing needs of a config: the split, and the vocabulary min count when given (else 2). */
export type PrepareConfig = Pick<ExperimentConfig, 'split'> & {
  readonly train?: Pick<TrainConfig, 'minCount'>;
};

/** Rows of `rows` whose source is `source`. */
export function rowsOfSource(table: ImpressionTable, rows: Int32Array, source: Source): Int32Array {
  const code = SOURCE_CODE[source];
  let k = 0;
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) if (table.source[rows[i]] === code) out[k++] = rows[i];
  return out.slice(0, k);
}

/** `rows` split by source, in order: what the source-balanced sampler draws from. */
export function rowsBySource(
  table: ImpressionTable,
  rows: Int32Array,
): { promo: Int32Array; ad: Int32Array } {
  return { promo: rowsOfSource(table, rows, 'promo'), ad: rowsOfSource(table, rows, 'ad') };
}

function countPositives(table: ImpressionTable, rows: Int32Array): number {
  let p = 0;
  for (let i = 0; i < rows.length; i++) if (table.labels.stream[rows[i]] === 1) p++;
  return p;
}

/** Throws SplitError (from temporalSplit) when there are fewer than 3 distinct days. */
export function prepareData(
  table: ImpressionTable,
  cfg: PrepareConfig,
  encodeOptions?: EncodeOptions,
): PreparedData {
  return runSteps(prepareSteps(table, cfg, encodeOptions));
}

/**
 * A simulated config's dataset drawn from scratch with its own seed (simulate, then prepare), in
 * stages: a repeat's fresh draw when rigor.vary = 'data'. Same config, same bytes.
 */
export function* simulatedDataSteps(
  cfg: Pick<ExperimentConfig, 'data' | 'seed' | 'split'> & PrepareConfig,
): Steps<PreparedData> {
  if (cfg.data.kind !== 'sim') throw new Error('only simulated data can be redrawn');
  const table = yield* within(simulateSteps(cfg.data.sim, cfg.seed), 0, 0.7);
  return yield* within(prepareSteps(table, cfg), 0.7, 1);
}

/** prepareData in stages (core/data/steps.ts): split and tiers, each encoded column, summary. */
export function* prepareSteps(
  table: ImpressionTable,
  cfg: PrepareConfig,
  encodeOptions?: EncodeOptions,
): Steps<PreparedData> {
  const minCount = encodeOptions?.minCount ?? cfg.train?.minCount ?? DEFAULT_MIN_COUNT;
  yield { message: 'splitting by day and deriving tiers', fraction: 0 };
  const split = temporalSplit(table.day, cfg.split);
  const tiers = deriveTiers(table, split.train);
  const lessStreamed = lessStreamedFlags(tiers.tier, table.showStreams30d);
  const encoded = yield* within(encodeSteps(table, split.train, { ...encodeOptions, minCount }), 0.15, 0.85);
  yield { message: 'summarising the dataset', fraction: 0.85 };
  const summary = summarizeDataset(table, split, tiers);
  return { table, split, tiers, lessStreamed, encoded, minCount, summary };
}

/**
 * Problems that would make a grouping's training or metrics meaningless: a source it trains on
 * with no rows or no positive stream label in train or validation. Empty = fine.
 */
export function groupingDataProblems(data: PreparedData, g: Grouping): string[] {
  const problems: string[] = [];
  for (const source of g.trainsOn) {
    for (const [name, rows] of [
      ['training', data.split.train],
      ['validation', data.split.val],
    ] as const) {
      const own = rowsOfSource(data.table, rows, source);
      if (own.length === 0) problems.push(`${g.id}: no ${source} rows in the ${name} days`);
      else if (countPositives(data.table, own) === 0)
        problems.push(`${g.id}: no ${source} row with stream = 1 in the ${name} days`);
    }
  }
  return problems;
}
