/**
 * Test fixture (not app code): a realistic results object for the export, report and slide
 * tests. A tiny simulated dataset goes through the real split, tiers and summary, and the six
 * groupings get seeded random scores of different quality, so the metrics hold real APs, real
 * rel values and real undefined (null) cells, and the dataset summary is the real shape.
 */
import { DEFAULT_CONFIG } from '../config/defaults';
import { GROUPING_IDS } from '../config/experiment';
import { GROUPINGS } from '../config/groupings';
import { prepareData } from '../data/prepare';
import { createRng } from '../data/rng';
import { TASKS } from '../data/schema';
import { DEFAULT_SIM_CONFIG, simulate } from '../data/simulator';
import { buildResults } from './results';
import type { ExperimentResults } from './results-types';

export const SAMPLE_SIM = { ...DEFAULT_SIM_CONFIG, users: 200, shows: 60, days: 6, impressionsPerDay: 300 };

/** The sample's config: the defaults on the tiny simulated data, with two non-default fields. */
export const SAMPLE_CONFIG = {
  ...DEFAULT_CONFIG,
  seed: 7,
  data: { kind: 'sim', sim: SAMPLE_SIM },
  train: { ...DEFAULT_CONFIG.train, learningRate: 0.001 },
} as const;

let cached: ExperimentResults | null = null;

/** The six groupings' results on the tiny dataset (built once per test file). */
export function sampleResults(): ExperimentResults {
  if (cached) return cached;
  const table = simulate(SAMPLE_SIM, SAMPLE_CONFIG.seed);
  const data = prepareData(table, SAMPLE_CONFIG);
  const test = data.split.test;
  const rng = createRng(11);
  const groupings = GROUPING_IDS.map((id, gi) => {
    const g = GROUPINGS[id];
    // A label-aware score whose strength differs per grouping, so APs and uplifts differ.
    const quality = [0.2, 0.25, 0.1, 0.15, 0.35, 0.22][gi];
    const scores = Object.fromEntries(
      TASKS.filter((t) => g.heads.includes(t)).map((t) => [
        t,
        Float32Array.from(test, (r) => rng.nextFloat() + (table.labels.stream[r] === 1 ? quality : 0)),
      ]),
    );
    const history = [1, 2].map((e) => ({
      trainLoss: { [g.heads[0]]: 0.5 / e },
      valAp: Object.fromEntries(g.trainsOn.map((c) => [c, 0.1 * e])),
      valApByTask: { [g.heads[0]]: 0.1 * e },
      ms: 1000 + 100 * gi + e,
    }));
    return { grouping: g, scores, history, bestEpoch: 2, trainMs: 2345 + 1000 * gi };
  });
  cached = buildResults({
    createdAt: '2026-11-29T10:20:30.000Z',
    backend: 'wasm',
    config: SAMPLE_CONFIG,
    dataset: data.summary,
    baseline: 'promo-mtl',
    testRows: test,
    source: table.source,
    stream: table.labels.stream,
    tier: data.tiers.tier,
    lessStreamed: data.lessStreamed,
    groupings,
  });
  return cached;
}
