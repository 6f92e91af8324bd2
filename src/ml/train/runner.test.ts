import * as tf from '@tensorflow/tfjs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config/defaults';
import type { ExperimentConfig } from '../../core/config/experiment';
import { GROUPINGS, scoringHead } from '../../core/config/groupings';
import { prepareData } from '../../core/data/prepare';
import { DEFAULT_SIM_CONFIG, simulate } from '../../core/data/simulator';
import { predictionsCsv } from '../../core/results/predictions-csv';
import type { ExperimentResults } from '../../core/results/results';
import { initBackend } from '../backend';
import { runExperiment } from './runner';

const CONFIG: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  seed: 5,
  data: {
    kind: 'sim',
    sim: { ...DEFAULT_SIM_CONFIG, users: 400, shows: 80, days: 7, impressionsPerDay: 500 },
  },
  model: {
    ...DEFAULT_CONFIG.model,
    embeddingDim: 4,
    encoderUnits: [16],
    towerUnits: [8],
    experts: 2,
    taskExperts: 1,
    expertUnits: [8],
  },
  train: { ...DEFAULT_CONFIG.train, batchSize: 128, maxEpochs: 2, patience: 1 },
};

/** scikit-learn's AP written independently of src/core/metrics: pairs sorted, ties grouped. */
function referenceAp(pairs: { s: number; y: number }[]): number | null {
  const sorted = [...pairs].sort((a, b) => b.s - a.s);
  const positives = sorted.filter((p) => p.y === 1).length;
  if (positives === 0) return null;
  let ap = 0;
  let tp = 0;
  let seen = 0;
  let prevRecall = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j].s === sorted[i].s) j++;
    for (let k = i; k < j; k++) tp += sorted[k].y;
    seen = j;
    const recall = tp / positives;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

function stripTimes(r: ExperimentResults) {
  return {
    ...r,
    createdAt: '',
    groupings: r.groupings.map((g) => ({
      ...g,
      trainMs: 0,
      history: g.history.map((h) => ({ ...h, ms: 0 })),
    })),
  };
}

describe('runExperiment (cpu)', () => {
  const table = simulate((CONFIG.data as { sim: typeof DEFAULT_SIM_CONFIG }).sim, CONFIG.seed);
  const data = prepareData(table, CONFIG);
  let first: Awaited<ReturnType<typeof runExperiment>>;
  let tensorsBefore = 0;

  beforeAll(async () => {
    await initBackend('cpu');
    tensorsBefore = tf.memory().numTensors;
    first = await runExperiment(data, CONFIG, { backend: 'cpu' });
  }, 300_000);

  it('leaves tf.memory().numTensors where it started after a full six-grouping run', () => {
    expect(first.results.groupings).toHaveLength(6);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('gives identical results for the same config and seed', async () => {
    const again = await runExperiment(data, CONFIG, { backend: 'cpu' });
    expect(stripTimes(again.results)).toEqual(stripTimes(first.results));
  }, 300_000);

  it('reports APs that anyone can recompute from the predictions file, for every grouping and segment', () => {
    const csv = predictionsCsv(data, CONFIG.groupings, first.testScores);
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    const rows = parsed.data;
    expect(rows).toHaveLength(data.split.test.length);
    let checked = 0;
    for (const g of first.results.groupings) {
      for (const channel of ['promo', 'ad'] as const) {
        const head = scoringHead(GROUPINGS[g.id as keyof typeof GROUPINGS], channel)!;
        const inSegment: Record<string, (r: Record<string, string>) => boolean> = {
          all: () => true,
          'less-streamed': (r) => r.less_streamed === '1',
          'high-stream': (r) => Number(r.tier) <= 2,
        };
        for (let t = 0; t < 8; t++) inSegment[`tier${t}`] = (r) => r.tier === String(t);
        for (const [segment, keep] of Object.entries(inSegment)) {
          const pairs = rows
            .filter((r) => r.source === channel && r.stream !== '' && keep(r))
            .map((r) => ({ s: Number(r[`${g.id}:${head}`]), y: Number(r.stream) }));
          const expected = referenceAp(pairs);
          const reported = g.segments[channel][segment as 'all'].ap;
          if (expected === null) expect(reported).toBeNull();
          else expect(reported).toBeCloseTo(expected, 12);
          checked++;
        }
      }
    }
    expect(checked).toBe(6 * 2 * 11);
    expect(first.results.groupings.every((g) => g.promoAp !== null && g.adAp !== null)).toBe(true);
  });
});
