/**
 * Named starting points. `quick` trains all six groupings on a tiny simulated dataset in about a
 * minute in a browser, one seed: a smoke test whose differences are noise; `paper` is the default
 * config (the full comparison on the default data, two seeds: intervals and verdicts).
 */
import { DEFAULT_SIM_CONFIG } from '../data/simulator';
import { DEFAULT_CONFIG } from './defaults';
import type { ExperimentConfig } from './experiment';

export const PRESETS = {
  quick: {
    ...DEFAULT_CONFIG,
    data: {
      kind: 'sim',
      sim: { ...DEFAULT_SIM_CONFIG, users: 800, shows: 150, days: 10, impressionsPerDay: 600 },
    },
    model: {
      ...DEFAULT_CONFIG.model,
      embeddingDim: 8,
      encoderUnits: [32, 16],
      towerUnits: [16],
      expertUnits: [16, 8],
    },
    train: {
      ...DEFAULT_CONFIG.train,
      batchSize: 256,
      maxEpochs: 2,
      patience: 1,
      lossReadEvery: 5,
      diagnosticBatches: 1,
    },
    // A smoke test (its label says so): one seed. The paper preset trains two.
    rigor: { ...DEFAULT_CONFIG.rigor, repeats: 1 },
  },
  paper: DEFAULT_CONFIG,
} as const satisfies Record<string, ExperimentConfig>;

export type PresetId = keyof typeof PRESETS;
