import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { initBackend } from '../backend';
import { uploadDataset } from '../model/device-data';
import { cyclicBatches, makeDataset, rowsOf, TEST_TRAIN } from '../fixtures';
import { createModel, inputSpecOf } from '../model/model';
import { createStepper } from './step';
import { type EpochRecord, trainGrouping } from './trainer';
import { DEFAULT_CONFIG } from '../../core/config/defaults';

const CFG: ModelConfig = {
  ...DEFAULT_CONFIG.model,
  embeddingDim: 8,
  encoderUnits: [16],
  towerUnits: [8],
  experts: 2,
  taskExperts: 1,
  expertUnits: [8],
};
const joint = GROUPINGS['joint-5task'];
beforeAll(() => initBackend('cpu'));

const values = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));

describe('createStepper', () => {
  it('ad rows never change the promo_stream tower, while ad_stream learns from them', () => {
    const ds = makeDataset({ n: 400 });
    const data = uploadDataset(ds);
    const model = createModel(inputSpecOf(ds), joint.heads, CFG, 5);
    const stepper = createStepper(model, data, joint.mask, TEST_TRAIN);
    const mixed = cyclicBatches(
      Int32Array.from({ length: 400 }, (_, i) => i),
      32,
    );
    for (let i = 0; i < 5; i++) stepper.step(mixed()).loss?.dispose(); // Adam now has momentum everywhere
    const promoBefore = values(model.variablesOf('promo_stream'));
    const adBefore = values(model.variablesOf('ad_stream'));
    const sharedBefore = values(model.sharedVariables());
    const adOnly = cyclicBatches(rowsOf(ds, 1), 32);
    for (let i = 0; i < 4; i++) {
      const { loss, active } = stepper.step(adOnly());
      expect(active).toEqual([false, true, true, true, true]);
      loss?.dispose();
    }
    expect(values(model.variablesOf('promo_stream'))).toEqual(promoBefore); // bit-identical
    expect(values(model.variablesOf('ad_stream'))).not.toEqual(adBefore);
    expect(values(model.sharedVariables())).not.toEqual(sharedBefore);
    stepper.dispose();
    model.dispose();
    data.dispose();
  });

  it('a batch with no kept rows updates nothing', () => {
    const ds = makeDataset({ n: 40 });
    const data = uploadDataset(ds);
    const g = GROUPINGS['promo-stream'];
    const model = createModel(inputSpecOf(ds), g.heads, CFG, 5);
    const stepper = createStepper(model, data, g.mask, TEST_TRAIN);
    const before = values(model.allVariables());
    const { loss, active } = stepper.step(rowsOf(ds, 1)); // ad rows only: promo_stream masks them all
    expect(loss).toBeUndefined();
    expect(active).toEqual([false]);
    expect(values(model.allVariables())).toEqual(before);
    stepper.dispose();
    model.dispose();
    data.dispose();
  });
});

/** Trains joint-5task on the fixture; validation score = -(mean val BCE of the stream label). */
async function run(seed: number, epochs = 3, n = 1200) {
  const ds = makeDataset({ n, seed: 3 });
  const data = uploadDataset(ds);
  const trainRows = Int32Array.from({ length: (n * 3) / 4 }, (_, i) => i);
  const valRows = Int32Array.from({ length: n / 4 }, (_, i) => (n * 3) / 4 + i);
  const epochs_: EpochRecord[] = [];
  const progressLosses: number[] = [];
  const trained = await trainGrouping({
    data,
    grouping: joint,
    model: CFG,
    train: { ...TEST_TRAIN, maxEpochs: epochs, patience: 10 },
    seed,
    nextBatch: cyclicBatches(trainRows, 64),
    stepsPerEpoch: trainRows.length / 64,
    validationRows: valRows,
    validationScore: (s) => {
      let sum = 0;
      valRows.forEach((r, i) => {
        const p = Math.min(Math.max(s.ad_stream![i], 1e-7), 1 - 1e-7);
        sum += ds.labels[r * 4] ? Math.log(p) : Math.log(1 - p);
      });
      return sum / valRows.length;
    },
    onProgress: (p) => p.lossByTask && progressLosses.push(p.lossByTask.ad_stream!),
    onEpoch: (e) => epochs_.push(e),
  });
  const preds = await trained.predict(valRows);
  return { ds, data, trained, preds, epochs: epochs_, progressLosses, valRows };
}

describe('trainGrouping', () => {
  it('learns a label that depends on one categorical feature (validation log-loss improves)', async () => {
    const start = tf.memory().numTensors;
    const { trained, data, preds, ds, valRows } = await run(11, 6);
    const scores = trained.history.map((e) => e.validationScore!);
    const base = Math.log(0.5);
    expect(scores[scores.length - 1]).toBeGreaterThan(scores[0]);
    expect(Math.max(...scores)).toBeGreaterThan(base + 0.15); // well above a coin's log-loss
    // Even codes of column 0 should score higher than odd ones.
    const sums = [0, 0];
    const counts = [0, 0];
    valRows.forEach((r, i) => {
      const parity = ds.catCodes[r * 3] % 2;
      sums[parity] += preds.ad_stream![i];
      counts[parity] += 1;
    });
    // True gap 0.85 - 0.15 = 0.7; a model that learned nothing gives about 0.
    expect(sums[0] / counts[0] - sums[1] / counts[1]).toBeGreaterThan(0.3);
    expect(trained.bestEpoch).toBe(scores.indexOf(Math.max(...scores)) + 1);
    trained.dispose();
    data.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('gives identical losses and predictions for the same seed, different for another seed', async () => {
    const a = await run(21, 2, 400);
    const b = await run(21, 2, 400);
    const c = await run(22, 2, 400);
    expect(b.progressLosses).toEqual(a.progressLosses);
    expect(b.epochs.map((e) => e.meanLossByTask)).toEqual(a.epochs.map((e) => e.meanLossByTask));
    expect(b.preds.promo_stream).toEqual(a.preds.promo_stream);
    expect(c.preds.promo_stream).not.toEqual(a.preds.promo_stream);
    for (const r of [a, b, c]) {
      r.trained.dispose();
      r.data.dispose();
    }
  });

  it('restores the best epoch, stops on patience and on request, and frees every tensor', async () => {
    const start = tf.memory().numTensors;
    const ds = makeDataset({ n: 200 });
    const data = uploadDataset(ds);
    const rows = Int32Array.from({ length: 200 }, (_, i) => i);
    const scores = [0.5, 0.9, 0.4, 0.3, 0.2];
    const seen: Float32Array[] = [];
    const trained = await trainGrouping({
      data,
      grouping: joint,
      model: CFG,
      seed: 1,
      train: { ...TEST_TRAIN, maxEpochs: 5, patience: 2 },
      nextBatch: cyclicBatches(rows, 50),
      stepsPerEpoch: 4,
      validationRows: rows.subarray(0, 20),
      validationScore: (s) => {
        seen.push(s.click!);
        return scores[seen.length - 1];
      },
    });
    expect(trained.history.map((e) => e.epoch)).toEqual([1, 2, 3, 4]);
    expect(trained.stopReason).toBe('patience');
    expect(trained.bestEpoch).toBe(2);
    expect((await trained.predict(rows.subarray(0, 20))).click).toEqual(seen[1]);
    trained.dispose();
    let steps = 0;
    const stopped = await trainGrouping({
      data,
      grouping: joint,
      model: CFG,
      seed: 1,
      train: TEST_TRAIN,
      nextBatch: cyclicBatches(rows, 50),
      stepsPerEpoch: 4,
      validationRows: rows,
      validationScore: () => undefined,
      shouldStop: () => ++steps >= 6,
    });
    expect(stopped.stopReason).toBe('stopped');
    expect(stopped.history).toHaveLength(1); // the partial second epoch is not evaluated
    stopped.dispose();
    data.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('scoreStart', () => {
  it('keeps the starting weights when no epoch validates better than they do', async () => {
    const ds = makeDataset({ n: 200 });
    const data = uploadDataset(ds);
    const rows = Int32Array.from({ length: 200 }, (_, i) => i);
    let start: number[][] = [];
    const scores = [0.8, 0.5, 0.6]; // the start, then two epochs that do worse
    let call = 0;
    const trained = await trainGrouping({
      data,
      grouping: joint,
      model: CFG,
      seed: 1,
      train: { ...TEST_TRAIN, maxEpochs: 2, patience: 5 },
      nextBatch: cyclicBatches(rows, 50),
      stepsPerEpoch: 4,
      validationRows: rows.subarray(0, 20),
      validationScore: () => scores[call++],
      warmStart: (m) => {
        start = values(m.allVariables());
      },
      scoreStart: true,
    });
    expect(call).toBe(3);
    expect(trained.bestEpoch).toBe(0);
    expect(values(trained.model.allVariables())).toEqual(start);
    trained.dispose();
    data.dispose();
  });
});
