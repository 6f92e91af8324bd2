import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import { initBackend } from '../ml/backend';
import { makeDataset, rowsOf, TEST_TRAIN } from '../ml/fixtures';
import { benchAveragePrecision } from './bench-ap';
import { type BenchDataset, createBenchCommands } from './bench-commands';
import { createCommandHandler } from './handler';
import type { WorkerCommand, WorkerEvent } from './protocol';

/** A tiny model and training config; the dataset comes from the fixture below. */
const CONFIG: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  model: {
    ...DEFAULT_CONFIG.model,
    embeddingDim: 4,
    encoderUnits: [16],
    towerUnits: [8],
    experts: 2,
    taskExperts: 1,
    expertUnits: [8],
  },
  train: TEST_TRAIN,
};
const fixture = makeDataset({ n: 400, seed: 5 });
const FIXTURE: BenchDataset = {
  encoded: fixture,
  trainRows: { promo: rowsOf(fixture, 0, 0, 300), ad: rowsOf(fixture, 1, 0, 300) },
};

type BenchTrainingCommand = Extract<WorkerCommand, { type: 'bench-training' }>;

/** Bench commands on the fixture dataset whose worker backend is cpu; the events are collected. */
function bench() {
  const events: WorkerEvent[] = [];
  const cmds = createBenchCommands({
    post: (e) => events.push(e),
    activeBackend: () => 'cpu',
    dataset: () => FIXTURE,
  });
  const training = (over: Partial<BenchTrainingCommand>) =>
    cmds.training({
      type: 'bench-training',
      benchId: 'b1',
      config: CONFIG,
      backend: 'cpu',
      batchSizes: [32, 64],
      warmupSteps: 1,
      timedSteps: 2,
      ...over,
    });
  return { events, training, ap: cmds.ap };
}

describe('bench commands', () => {
  beforeAll(() => initBackend('cpu'));

  it('times each batch size on another backend, then restores the worker backend, leaking nothing', async () => {
    const b = bench();
    const before = tf.memory().numTensors;
    await b.training({ backend: 'wasm', batchSizes: [32, 64] });
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
    const [e] = b.events;
    if (e?.status !== 'bench-training') throw new Error(`expected bench-training, got ${JSON.stringify(e)}`);
    expect(e.benchId).toBe('b1');
    const r = e.result;
    expect(r.backend).toBe('wasm');
    expect(r.restoredBackend).toBe('cpu');
    expect(r.failures).toEqual([]);
    expect(r.rows.map((row) => [row.backend, row.batchSize, row.warmupSteps, row.timedSteps])).toEqual([
      ['wasm', 32, 1, 2],
      ['wasm', 64, 1, 2],
    ]);
    for (const row of r.rows) {
      for (const v of [row.stepsPerSec, row.impressionsPerSec, row.msPerStep, row.tfPeakBytes])
        expect(Number.isFinite(v) && v > 0).toBe(true);
      expect(row.impressionsPerSec).toBeCloseTo(row.stepsPerSec * row.batchSize, 6);
    }
    expect(r.datasetRows).toBe(400);
    expect(r.trainRows).toEqual({ promo: 150, ad: 150 });
    expect(r.wasmThreads).toBe(1); // Node: the single-threaded wasm binary
    expect(r.wasmSimdKernels).toBe(true); // our kernels found tfjs's memory
  });

  it('answers bench-failed and restores the backend when the backend cannot start', async () => {
    const b = bench();
    const before = tf.memory().numTensors;
    await b.training({ backend: 'webgpu' }); // Node has no navigator.gpu
    expect(b.events.map((e) => e.status)).toEqual(['bench-failed']);
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bad batch size or step count before switching backends', async () => {
    const b = bench();
    await b.training({ batchSizes: [0] });
    await b.training({ timedSteps: 0 });
    expect(b.events).toMatchObject([
      { status: 'bench-failed', message: expect.stringMatching(/batchSizes/) },
      { status: 'bench-failed', message: expect.stringMatching(/timedSteps/) },
    ]);
  });

  it('times averagePrecision on seeded rows: one time per repeat and the same AP for a seed', () => {
    const b = bench();
    b.ap({ type: 'bench-ap', benchId: 'a1', rows: 20_000, repeats: 3, seed: 7 });
    const [e] = b.events;
    if (e?.status !== 'bench-ap') throw new Error(`expected bench-ap, got ${JSON.stringify(e)}`);
    expect(e.result).toMatchObject({ rows: 20_000, repeats: 3 });
    expect(e.result.msEach).toHaveLength(3);
    expect(e.result.positives).toBeGreaterThan(800); // 5% of 20,000, give or take
    expect(e.result.positives).toBeLessThan(1200);
    expect(e.result.ap).toBeGreaterThan(0.05); // better than chance: positives score higher
    expect(e.result.ap).toBeLessThan(1);
    expect(benchAveragePrecision(20_000, 1, 7).ap).toBe(e.result.ap);
    b.ap({ type: 'bench-ap', benchId: 'a2', rows: 0, repeats: 3, seed: 7 });
    expect(b.events[1]).toMatchObject({ status: 'bench-failed', benchId: 'a2' });
  });
});

describe('bench commands through the worker handler', () => {
  beforeAll(() => initBackend('cpu'));

  it("trains on the worker's dataset for the config and keeps the worker's backend", async () => {
    const tiny: ExperimentConfig = {
      ...CONFIG,
      seed: 3,
      data: {
        kind: 'sim',
        sim: { ...DEFAULT_SIM_CONFIG, users: 300, shows: 60, days: 6, impressionsPerDay: 400 },
      },
    };
    const events: WorkerEvent[] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>((r) => {
      done = r;
    });
    const handle = createCommandHandler({
      post: (e) => {
        events.push(e);
        if ('benchId' in e && e.benchId === 'last') done();
      },
      chooseBackend: async () => ({ backend: 'cpu', skipped: [], forced: true }),
    });
    handle({ type: 'init', forcedBackend: 'cpu' });
    handle({ type: 'dataset', config: tiny });
    const cmd = { config: tiny, backend: 'cpu', warmupSteps: 1, timedSteps: 1 } as const;
    handle({ type: 'bench-training', benchId: 'first', batchSizes: [64], ...cmd });
    handle({ type: 'bench-ap', benchId: 'last', rows: 1000, repeats: 1, seed: 1 });
    await finished;
    expect(events.map((e) => e.status)).toEqual([
      'ready',
      'dataset-building',
      'dataset',
      'bench-training',
      'bench-ap',
    ]);
    const dataset = events.find((e) => e.status === 'dataset');
    const training = events.find((e) => e.status === 'bench-training');
    if (dataset?.status !== 'dataset' || training?.status !== 'bench-training')
      throw new Error('missing events');
    expect(training.result.datasetRows).toBe(dataset.summary.rows);
    expect(training.result.rows).toHaveLength(1);
    expect(tf.getBackend()).toBe('cpu');
  });
});
