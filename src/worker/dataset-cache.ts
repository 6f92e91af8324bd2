/**
 * The worker's datasets: at most one loaded table (a file or URL the user read) and one prepared
 * dataset (split, tiers, encoded inputs). The prepared one is rebuilt only when what it depends on
 * changes: the simulator settings and seed, or the loaded table, the day split and the vocabulary
 * min count. Model and other training settings never trigger a rebuild.
 */
import type { DataConfig, ExperimentConfig } from '../core/config/experiment';
import { type DatasetSummary, summarizeDataset } from '../core/data/dataset-summary';
import { datasetFingerprint } from '../core/data/fingerprint';
import { type PreparedData, prepareData, prepareSteps } from '../core/data/prepare';
import { simulateSteps } from '../core/data/simulator';
import { SplitError } from '../core/data/split';
import { runSteps, type Steps, within } from '../core/data/steps';
import type { ImpressionTable } from '../core/data/table';
import { deriveTiers } from '../core/data/tiers';

export interface CachedDataset {
  readonly data: PreparedData;
  /** datasetFingerprint of the table (contents, not settings). */
  readonly fingerprint: string;
}

type LoadedSource = Exclude<DataConfig, { kind: 'sim' }>;

interface Loaded {
  readonly source: LoadedSource;
  readonly table: ImpressionTable;
  readonly fingerprint: string;
}

const sameSource = (a: DataConfig, b: LoadedSource): boolean =>
  (a.kind === 'file' && b.kind === 'file' && a.name === b.name) ||
  (a.kind === 'url' && b.kind === 'url' && a.url === b.url);

/** Thrown when a config names a file or URL that this worker has not loaded. */
export class NotLoadedError extends Error {
  constructor(readonly source: LoadedSource) {
    super(
      source.kind === 'file'
        ? `The file ${source.name} is not loaded in this tab: open it again with "Open file".`
        : `The dataset at ${source.url} is not loaded yet.`,
    );
    this.name = 'NotLoadedError';
  }
}

export interface DatasetCache {
  /** Whether `cfg` needs a different prepared dataset than the one held. */
  stale(cfg: ExperimentConfig): boolean;
  /** The dataset of `cfg`, prepared only when stale. Throws NotLoadedError, SplitError. */
  get(cfg: ExperimentConfig): CachedDataset;
  /**
   * get() in stages (simulating, encoding ...), for a driver that yields between them; no stage
   * when the held dataset serves. A build stopped part-way holds nothing.
   */
  build(cfg: ExperimentConfig): Steps<CachedDataset>;
  /** The table of `cfg` without preparing it (for exports). */
  table(cfg: ExperimentConfig): ImpressionTable;
  /** Whether `cfg`'s file or URL is the loaded table (always true for simulated data). */
  has(cfg: ExperimentConfig): boolean;
  /** Makes `table` the loaded dataset (replacing the previous one); returns its fingerprint. */
  setLoaded(source: LoadedSource, table: ImpressionTable): string;
}

/**
 * The summary of a table under `cfg`'s split, also when the table cannot be split (fewer than 3
 * days): then the summary has no split and says why in its warnings, and training will refuse.
 */
export function summaryOf(table: ImpressionTable, cfg: ExperimentConfig): DatasetSummary {
  try {
    return prepareData(table, cfg).summary;
  } catch (e) {
    if (!(e instanceof SplitError)) throw e;
    const all = Int32Array.from({ length: table.n }, (_, i) => i);
    return summarizeDataset(table, null, deriveTiers(table, all));
  }
}

export function createDatasetCache(): DatasetCache {
  let loaded: Loaded | null = null;
  let held: { key: string; value: CachedDataset } | null = null;

  function loadedFor(cfg: ExperimentConfig): Loaded {
    if (cfg.data.kind === 'sim') throw new Error('unreachable: simulated data has no loaded table');
    if (!loaded || !sameSource(cfg.data, loaded.source)) throw new NotLoadedError(cfg.data);
    return loaded;
  }

  /** The settings a prepared dataset is built from, as a comparable string. */
  function keyOf(cfg: ExperimentConfig): string {
    if (cfg.data.kind === 'sim')
      return JSON.stringify({ sim: cfg.data.sim, seed: cfg.seed, split: cfg.split, min: cfg.train.minCount });
    return JSON.stringify({ loaded: loadedFor(cfg).fingerprint, split: cfg.split, min: cfg.train.minCount });
  }

  return {
    stale(cfg) {
      try {
        return held?.key !== keyOf(cfg);
      } catch {
        return true;
      }
    },
    get(cfg) {
      return runSteps(this.build(cfg));
    },
    *build(cfg) {
      const key = keyOf(cfg);
      if (held?.key === key) return held.value;
      held = null; // free the old one before building the next
      const sim = cfg.data.kind === 'sim';
      const table = sim ? yield* within(simulateSteps(cfg.data.sim, cfg.seed), 0, 0.7) : loadedFor(cfg).table;
      const data = yield* within(prepareSteps(table, cfg), sim ? 0.7 : 0, 0.97);
      yield { message: 'fingerprinting the dataset', fraction: 0.97 };
      const fingerprint = sim ? datasetFingerprint(table) : loadedFor(cfg).fingerprint;
      held = { key, value: { data, fingerprint } };
      return held.value;
    },
    table(cfg) {
      if (cfg.data.kind !== 'sim') return loadedFor(cfg).table;
      return this.get(cfg).data.table;
    },
    has: (cfg) => cfg.data.kind === 'sim' || (loaded !== null && sameSource(cfg.data, loaded.source)),
    setLoaded(source, table) {
      if (held && loaded && held.value.data.table === loaded.table) held = null;
      const fingerprint = datasetFingerprint(table);
      loaded = { source, table, fingerprint };
      return fingerprint;
    },
  };
}
