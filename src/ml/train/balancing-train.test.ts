/**
 * Loss balancing in training: each method trains the joint grouping and records the weights it
 * learned; PCGrad and GradNorm on a one-head model reduce to the plain step (nothing to project,
 * a single weight of 1), which checks their per-head gradient machinery against the reference.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BalancingKind, ModelConfig } from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { createRng } from '../../core/data/rng';
import { initBackend } from '../backend';
import { uploadDataset } from '../model/device-data';
import { cyclicBatches, makeDataset, TEST_TRAIN } from '../fixtures';
import { createModel, inputSpecOf } from '../model/model';
import { createStepper, createTrainingStepper } from './step';
import { trainGrouping } from './trainer';
import { DEFAULT_CONFIG } from '../../core/config/defaults';

const CFG: ModelConfig = {
  ...DEFAULT_CONFIG.model,
  embeddingDim: 6,
  encoderUnits: [16],
  towerUnits: [8],
  experts: 2,
  taskExperts: 1,
  expertUnits: [8],
};
const joint = GROUPINGS['joint-5task'];
beforeAll(() => initBackend('cpu'));

describe.each<BalancingKind>(['uncertainty', 'gradnorm', 'pcgrad'])('%s balancing', (balancing) => {
  it('trains the joint grouping, records its weights per epoch and frees every tensor', async () => {
    const start = tf.memory().numTensors;
    const ds = makeDataset({ n: 600, seed: 2 });
    const data = uploadDataset(ds);
    const rows = Int32Array.from({ length: 480 }, (_, i) => i);
    const trained = await trainGrouping({
      data,
      grouping: joint,
      model: CFG,
      train: { ...TEST_TRAIN, maxEpochs: 2, balancing, learningRate: 0.05 },
      seed: 3,
      nextBatch: cyclicBatches(rows, 48),
      stepsPerEpoch: 10,
      validationRows: Int32Array.from({ length: 120 }, (_, i) => 480 + i),
      validationScore: () => undefined,
    });
    const weights = trained.history.map((e) => joint.heads.map((h) => e.taskWeights[h]!));
    expect(weights).toHaveLength(2);
    for (const e of trained.history)
      for (const h of joint.heads) expect(Number.isFinite(e.meanLossByTask[h])).toBe(true);
    const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);
    if (balancing === 'pcgrad') expect(weights[1]).toEqual([1, 1, 1, 1, 1]); // lambda, untouched
    if (balancing === 'gradnorm') {
      expect(sum(weights[1])).toBeCloseTo(5, 4); // renormalised to H
      expect(weights[1].some((w) => Math.abs(w - 1) > 0.01)).toBe(true); // it moved
    }
    if (balancing === 'uncertainty') {
      // exp(-s) with s learned: every head's weight moved off 1.
      for (const w of weights[1]) expect(Math.abs(w - 1)).toBeGreaterThan(0.01);
    }
    trained.dispose();
    data.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe.each<BalancingKind>(['pcgrad', 'gradnorm'])('%s on one head', (balancing) => {
  it('is the plain step (same losses and weights)', () => {
    const ds = makeDataset({ n: 200, seed: 5 });
    const data = uploadDataset(ds);
    const g = GROUPINGS['ads-stream-pooled'];
    const a = createModel(inputSpecOf(ds), g.heads, CFG, 9);
    const b = createModel(inputSpecOf(ds), g.heads, CFG, 9);
    const train = { ...TEST_TRAIN, balancing };
    const plain = createStepper(a, data, g.mask, train, 'plain');
    const perTask = createTrainingStepper(b, data, g.mask, train, createRng(1));
    const batches = cyclicBatches(
      Int32Array.from({ length: 200 }, (_, i) => i),
      40,
    );
    for (let i = 0; i < 5; i++) {
      const rows = batches();
      const la = plain.step(rows).loss!;
      const lb = perTask.step(rows).loss!;
      expect(lb.dataSync()[0]).toBeCloseTo(la.dataSync()[0], 5);
      tf.dispose([la, lb]);
    }
    const wa = a.allVariables().map((v) => Array.from(v.dataSync()));
    b.allVariables().forEach((v, i) =>
      Array.from(v.dataSync()).forEach((x, j) => expect(x).toBeCloseTo(wa[i][j], 4)),
    );
    for (const x of [plain, perTask, a, b, data]) x.dispose();
  });
});
