/**
 * The CLI's own predictions file, analysed without training, gives back the trained run's
 * numbers exactly: the pieces `npm run experiment` runs in process (simulate, prepare, the
 * comparison study over two seeds, predictionsCsv), then the pieces `npm run analyse` runs
 * (readPredictionsFile, analyseSteps), compared value for value with Object.is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSteps } from '../../core/analysis/analyse';
import { readPredictionsFile } from '../../core/analysis/predictions-reader';
import { DEFAULT_CONFIG } from '../../core/config/defaults';
import type { ExperimentConfig } from '../../core/config/experiment';
import { prepareData } from '../../core/data/prepare';
import { DEFAULT_SIM_CONFIG, simulate } from '../../core/data/simulator';
import { runSteps } from '../../core/data/steps';
import { predictionsCsv } from '../../core/results/predictions-csv';
import type { ExperimentResults } from '../../core/results/results';
import { SEGMENT_IDS } from '../../core/metrics/segments';
import { initBackend } from '../backend';
import { runComparison, type StudyOutput } from './comparison';

const CONFIG: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  seed: 11,
  // A single-head pooled grouping and a promo-only one: both score a channel across heads.
  groupings: ['promo-mtl', 'joint-5task', 'ads-stream-pooled', 'promo-stream'],
  baseline: 'promo-mtl',
  data: {
    kind: 'sim',
    sim: { ...DEFAULT_SIM_CONFIG, users: 300, shows: 60, days: 7, impressionsPerDay: 400 },
  },
  model: { ...DEFAULT_CONFIG.model, embeddingDim: 4, encoderUnits: [16], towerUnits: [8] },
  train: { ...DEFAULT_CONFIG.train, batchSize: 128, maxEpochs: 1, patience: 1, diagnosticBatches: 0 },
  rigor: { ...DEFAULT_CONFIG.rigor, repeats: 2, bootstrap: 40, buyShare: 0.3 },
};

/** Every AP, relative change, row and positive count of every grouping, channel and segment, by path. */
function segmentValues(r: ExperimentResults): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const g of r.groupings)
    for (const c of ['promo', 'ad'] as const)
      for (const s of SEGMENT_IDS)
        for (const k of ['ap', 'rel', 'rows', 'positives'] as const)
          out.set(`${g.id}/${c}/${s}/${k}`, g.segments[c][s][k]);
  return out;
}

async function analyse(csv: string, seed: number): Promise<ExperimentResults> {
  const read = await readPredictionsFile(new Blob([csv]), 'preds.csv');
  if (!read.ok) throw new Error(read.message);
  return runSteps(
    analyseSteps(read.predictions, {
      file: 'preds.csv',
      baseline: CONFIG.baseline,
      buyShare: CONFIG.rigor.buyShare,
      bootstrap: CONFIG.rigor.bootstrap,
      seed,
      createdAt: '2026-12-07T00:00:00.000Z',
    }),
  );
}

describe('analysing the CLI own predictions file', () => {
  let data: ReturnType<typeof prepareData>;
  let study: StudyOutput;
  beforeAll(async () => {
    await initBackend('cpu');
    if (CONFIG.data.kind !== 'sim') throw new Error('sim config expected');
    data = prepareData(simulate(CONFIG.data.sim, CONFIG.seed), CONFIG);
    study = await runComparison(data, CONFIG, { backend: 'cpu' });
  }, 300_000);

  it('reproduces every AP of the run (two seeds), the intervals, the bootstrap, the curves and the label replay', async () => {
    const csv = predictionsCsv(data, CONFIG.groupings, study.perSeedScores, study.seeds);
    const analysed = await analyse(csv, CONFIG.seed);
    const want = segmentValues(study.results);
    const got = segmentValues(analysed);
    expect(got.size).toBe(want.size);
    expect(want.size).toBe(4 * 2 * SEGMENT_IDS.length * 4);
    let defined = 0;
    for (const [path, v] of want) {
      expect(Object.is(got.get(path), v), `${path}: ${got.get(path)} vs ${v}`).toBe(true);
      if (path.endsWith('/ap') && v !== null) defined++;
    }
    expect(defined).toBeGreaterThan(20); // the comparison is not vacuous: most segments have positives
    const trained = study.results.rigor;
    const rigor = analysed.rigor;
    expect(rigor?.seeds).toEqual(study.seeds);
    expect(rigor?.ap).toEqual(trained?.ap);
    expect(rigor?.apRel).toEqual(trained?.apRel);
    expect(rigor?.bootstrap).toEqual(trained?.bootstrap);
    expect(rigor?.pr).toEqual(trained?.pr);
    // Shows and cost travel in the file; the simulator's truth does not, so no expected replay.
    expect(rigor?.replay.label).toEqual(trained?.replay.label);
    expect(rigor?.replay.expected).toBeNull();
    expect(analysed.groupings.map((g) => [g.id, g.scoringHeads])).toEqual(
      study.results.groupings.map((g) => [g.id, g.scoringHeads]),
    );
    expect(analysed.analysis?.rows).toBe(data.split.test.length);
  });

  it('reproduces the first seed exactly from a one-seed file (no @seed columns)', async () => {
    const csv = predictionsCsv(data, CONFIG.groupings, study.perSeedScores[0]);
    expect(csv.split('\n')[0]).not.toContain('@');
    const analysed = await analyse(csv, study.seeds[0]);
    const want = segmentValues(study.results);
    for (const [path, v] of segmentValues(analysed)) expect(Object.is(v, want.get(path)), path).toBe(true);
    expect(analysed.rigor?.seeds).toEqual([study.seeds[0]]);
  });
});
