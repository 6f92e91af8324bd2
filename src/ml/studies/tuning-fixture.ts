/**
 * Test data for the tuning tests: the quick preset on 8 days of 300 impressions, two groupings of
 * one epoch and 3 recipes per grouping, small enough that a whole search takes seconds on cpu.
 */
import type { ExperimentConfig } from '../../core/config/experiment';
import { PRESETS } from '../../core/config/presets';
import { type PreparedData, prepareData } from '../../core/data/prepare';
import { simulate } from '../../core/data/simulator';

const quick = PRESETS.quick;
export const TINY_TUNING: ExperimentConfig = {
  ...quick,
  data: { kind: 'sim', sim: { ...quick.data.sim, days: 8, impressionsPerDay: 300 } },
  groupings: ['promo-mtl', 'ads-stream'],
  baseline: 'promo-mtl',
  train: { ...quick.train, maxEpochs: 1 },
  rigor: { ...quick.rigor, tune: 3 },
};

/** The simulated data of `cfg` (which must simulate), prepared as a study gets it. */
export function tinyTuningData(cfg: ExperimentConfig): PreparedData {
  if (cfg.data.kind !== 'sim') throw new Error('the tuning fixture simulates');
  return prepareData(simulate(cfg.data.sim, cfg.seed), cfg);
}
