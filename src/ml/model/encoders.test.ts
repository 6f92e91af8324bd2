/**
 * MMoE and PLE: their variables, that they train (on cpu here; e2e/webgpu via the app), that an
 * inactive head's gate stays put, and a known answer: a gate learns to pick the only expert
 * whose output carries the label.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncoderKind, ModelConfig } from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { initBackend } from '../backend';
import { uploadDataset } from './device-data';
import { gateMix, gateWeights } from './experts';
import { cyclicBatches, makeDataset, rowsOf, TEST_TRAIN } from '../fixtures';
import { createModel, inputSpecOf } from './model';
import { createTrainingStepper } from '../train/step';
import { trainGrouping } from '../train/trainer';
import { createRng } from '../../core/data/rng';
import { DEFAULT_CONFIG } from '../../core/config/defaults';

const CFG: ModelConfig = {
  ...DEFAULT_CONFIG.model,
  embeddingDim: 8,
  encoderUnits: [16],
  towerUnits: [8],
  experts: 3,
  taskExperts: 1,
  expertUnits: [12, 8],
};
const joint = GROUPINGS['joint-5task'];
beforeAll(() => initBackend('cpu'));
const values = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));

describe('mixture-of-experts variables', () => {
  it('MMoE: experts are shared, each head owns its gate; PLE: shared and own experts per level', () => {
    const ds = makeDataset({ n: 20 });
    const mmoe = createModel(inputSpecOf(ds), joint.heads, { ...CFG, encoder: 'mmoe' }, 1);
    const names = (vs: tf.Variable[]) =>
      [...mmoe.namedVariables()].filter(([, v]) => vs.includes(v)).map(([n]) => n);
    expect(names(mmoe.sharedVariables()).filter((n) => n.startsWith('mmoe/')).length).toBe(3 * 2 * 3); // 3 experts x 2 layers x (kernel, gamma, beta)
    expect(names(mmoe.variablesOf('click')).sort()).toEqual(
      [
        'gate/click/bias',
        'gate/click/kernel',
        'tower/click/0/bias',
        'tower/click/0/kernel',
        'tower/click/1/bias',
        'tower/click/1/kernel',
      ].sort(),
    );
    expect(mmoe.lastSharedVariables().map((v) => v.shape)).toEqual([
      [12, 8],
      [12, 8],
      [12, 8],
    ]);
    mmoe.dispose();
    const ple = createModel(inputSpecOf(ds), joint.heads, { ...CFG, encoder: 'ple' }, 1);
    const pleNames = [...ple.namedVariables().keys()];
    expect(pleNames).toContain('ple/l0/gate/shared/kernel'); // the shared gate feeds level 1
    expect(pleNames).not.toContain('ple/l1/gate/shared/kernel'); // none after the last level
    expect(ple.namedVariables().get('ple/l0/gate/click/kernel')!.shape[1]).toBe(1 + 3); // own + shared
    expect(ple.namedVariables().get('ple/l0/gate/shared/kernel')!.shape[1]).toBe(5 * 1 + 3);
    expect(ple.variablesOf('like')).toContain(ple.namedVariables().get('ple/l1/like/e0/0/kernel'));
    ple.dispose();
  });
});

describe.each<EncoderKind>(['mmoe', 'ple'])('%s encoder', (encoder) => {
  it('learns the stream signal with the joint grouping and frees every tensor', async () => {
    const start = tf.memory().numTensors;
    const n = 1200;
    const ds = makeDataset({ n, seed: 3 });
    const data = uploadDataset(ds);
    const trainRows = Int32Array.from({ length: 900 }, (_, i) => i);
    const valRows = Int32Array.from({ length: 300 }, (_, i) => 900 + i);
    const trained = await trainGrouping({
      data,
      grouping: joint,
      model: { ...CFG, encoder },
      train: { ...TEST_TRAIN, maxEpochs: 4, patience: 10 },
      seed: 4,
      nextBatch: cyclicBatches(trainRows, 64),
      stepsPerEpoch: 14,
      validationRows: valRows,
      validationScore: () => undefined, // keep the last epoch's weights
      diagnosticBatches: [trainRows.subarray(0, 64)],
    });
    const preds = (await trained.predict(valRows)).ad_stream!;
    const sums = [0, 0];
    const counts = [0, 0];
    valRows.forEach((r, i) => {
      sums[ds.catCodes[r * 3] % 2] += preds[i];
      counts[ds.catCodes[r * 3] % 2]++;
    });
    expect(sums[0] / counts[0] - sums[1] / counts[1]).toBeGreaterThan(0.3); // true gap 0.75
    const last = trained.history[trained.history.length - 1];
    expect(last.gradCosine).toHaveLength(10); // 5 heads: 10 pairs
    for (const c of last.gradCosine!) expect(Math.abs(c.cosine!)).toBeLessThanOrEqual(1 + 1e-6);
    trained.dispose();
    data.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('an inactive head (no kept rows) keeps its gate and tower bit for bit', () => {
    const ds = makeDataset({ n: 400 });
    const data = uploadDataset(ds);
    const model = createModel(inputSpecOf(ds), joint.heads, { ...CFG, encoder }, 5);
    const stepper = createTrainingStepper(model, data, joint.mask, TEST_TRAIN, createRng(1));
    const all = cyclicBatches(
      Int32Array.from({ length: 400 }, (_, i) => i),
      32,
    );
    for (let i = 0; i < 3; i++) stepper.step(all()).loss?.dispose();
    const promoBefore = values(model.variablesOf('promo_stream'));
    const adBefore = values(model.variablesOf('ad_stream'));
    const adOnly = cyclicBatches(rowsOf(ds, 1), 32);
    for (let i = 0; i < 3; i++) stepper.step(adOnly()).loss?.dispose();
    expect(values(model.variablesOf('promo_stream'))).toEqual(promoBefore);
    expect(values(model.variablesOf('ad_stream'))).not.toEqual(adBefore);
    stepper.dispose();
    model.dispose();
    data.dispose();
  });
});

describe('gate (known answer)', () => {
  it('learns to select the only expert whose output carries the label', () => {
    // Two experts with fixed outputs: expert 0 is noise, expert 1 is the label's log-odds signal.
    // A logistic head on z = g0 out0 + g1 out1 can only fit the labels through expert 1, so the
    // gate (from zero: 50/50) must move its weight there.
    const rng = createRng(7);
    const B = 256;
    const y = Float32Array.from({ length: B }, () => (rng.nextFloat() < 0.5 ? 1 : 0));
    const noise = Float32Array.from({ length: B }, () => 2 * rng.nextFloat() - 1);
    const signal = Float32Array.from(y, (v) => (v ? 1 : -1));
    const x = tf.ones([B, 1]) as tf.Tensor2D; // the gate sees a constant input
    const outs = [tf.tensor2d(noise, [B, 1]), tf.tensor2d(signal, [B, 1])];
    const labels = tf.tensor2d(y, [B, 1]);
    const gate = { kernel: tf.variable(tf.zeros([1, 2])), bias: tf.variable(tf.zeros([2])) };
    const scale = tf.variable(tf.scalar(1));
    const opt = tf.train.adam(0.05);
    for (let i = 0; i < 200; i++)
      opt.minimize(
        () => tf.losses.sigmoidCrossEntropy(labels, tf.mul(gateMix(gate, x, outs), scale)) as tf.Scalar,
      );
    const g = gateWeights(gate, x).dataSync();
    expect(g[0]).toBeLessThan(0.1); // noise expert
    expect(g[1]).toBeGreaterThan(0.9); // the useful one
    tf.dispose([x, ...outs, labels, gate.kernel, gate.bias, scale]);
    opt.dispose();
  });
});
