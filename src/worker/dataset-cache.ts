/**
 * The worker's one prepared dataset, rebuilt only when what it depends on changes: the simulator
 * settings, the seed and the day split. Model and training settings never trigger a rebuild.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { datasetFingerprint } from '../core/data/dataset-summary';
import { type PreparedData, prepareData } from '../core/data/prepare';
import { simulate } from '../core/data/simulator';

export interface CachedDataset {
  readonly data: PreparedData;
  /** datasetFingerprint of the table (contents, not settings). */
  readonly fingerprint: string;
}

/** The settings a dataset is built from, as a comparable string. */
export function datasetKey(cfg: ExperimentConfig): string {
  if (cfg.data.kind !== 'sim')
    throw new Error(`only simulated data is supported in the dashboard for now (got '${cfg.data.kind}')`);
  return JSON.stringify({ sim: cfg.data.sim, seed: cfg.seed, split: cfg.split });
}

export interface DatasetCache {
  /** Whether `cfg` needs a different dataset than the one held. */
  stale(cfg: ExperimentConfig): boolean;
  /** The dataset of `cfg`, built (simulate + prepareData) only when stale. */
  get(cfg: ExperimentConfig): CachedDataset;
}

export function createDatasetCache(): DatasetCache {
  let held: { key: string; value: CachedDataset } | null = null;
  return {
    stale: (cfg) => held?.key !== datasetKey(cfg),
    get(cfg) {
      const key = datasetKey(cfg);
      if (held?.key === key) return held.value;
      held = null; // free the old one before building the next
      if (cfg.data.kind !== 'sim') throw new Error('unreachable: datasetKey accepts only sim data');
      const table = simulate(cfg.data.sim, cfg.seed);
      const data = prepareData(table, cfg);
      held = { key, value: { data, fingerprint: datasetFingerprint(table) } };
      return held.value;
    },
  };
}
