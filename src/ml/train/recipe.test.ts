import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../core/config/defaults';
import type { ModelConfig, TrainConfig } from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { initBackend } from '../backend';
import { cyclicBatches, makeDataset, TEST_TRAIN } from '../fixtures';
import { uploadDataset } from '../model/device-data';
import { createModel, inputSpecOf } from '../model/model';
import { createWeightDecay, decayRateOf, scheduledRate } from './recipe';
import { trainGrouping } from './trainer';

const CFG: ModelConfig = {
  ...DEFAULT_CONFIG.model,
  embeddingDim: 8,
  encoderUnits: [16],
  towerUnits: [8],
  expertUnits: [8],
};
const joint = GROUPINGS['joint-5task'];
beforeAll(() => initBackend('cpu'));

describe('the learning-rate schedule', () => {
  it('is constant, or decays by a half cosine from lr to 0 over the steps', () => {
    const cosine = { learningRate: 0.01, lrSchedule: 'cosine' } as const;
    expect(scheduledRate({ learningRate: 0.01, lrSchedule: 'constant' }, 50, 100)).toBe(0.01);
    expect(scheduledRate(cosine, 0, 100)).toBeCloseTo(0.01, 12);
    expect(scheduledRate(cosine, 50, 100)).toBeCloseTo(0.005, 12);
    expect(scheduledRate(cosine, 75, 100)).toBeCloseTo((0.01 * (1 + Math.cos(0.75 * Math.PI))) / 2, 12);
    expect(scheduledRate(cosine, 100, 100)).toBeCloseTo(0, 12);
    expect(scheduledRate(cosine, 150, 100)).toBeCloseTo(0, 12); // past the end: stays at 0
  });
});

describe('decoupled weight decay', () => {
  it('decays embedding tables and dense kernels at their own rates, never biases or batch norm', () => {
    const rates = { weightDecayEmbeddings: 0.1, weightDecayDense: 0.01 };
    expect(decayRateOf('emb/user_id', rates)).toBe(0.1);
    expect(decayRateOf('enc/0/kernel', rates)).toBe(0.01);
    expect(decayRateOf('tower/click/1/kernel', rates)).toBe(0.01);
    expect(decayRateOf('tower/click/1/bias', rates)).toBe(0);
    expect(decayRateOf('enc/0/gamma', rates)).toBe(0);
  });

  it('shrinks p by lr * wd per step, only in the groups that had a gradient', () => {
    const emb = tf.variable(tf.tensor1d([1, -2]));
    const kernel = tf.variable(tf.tensor1d([4]));
    const names = new Map<tf.Variable, string>([
      [emb, 'emb/a'],
      [kernel, 'tower/x/0/kernel'],
    ]);
    const decay = createWeightDecay([[emb], [kernel]], (v) => names.get(v) ?? '', {
      weightDecayEmbeddings: 0.5,
      weightDecayDense: 0.25,
    });
    tf.tidy(() => decay!.apply([true, false], 0.1));
    expect(Array.from(emb.dataSync())).toEqual([1 * 0.95, -2 * 0.95].map(Math.fround));
    expect(Array.from(kernel.dataSync())).toEqual([4]);
    expect(
      createWeightDecay([[emb]], () => 'emb/a', { weightDecayEmbeddings: 0, weightDecayDense: 0 }),
    ).toBeNull();
    tf.dispose([emb, kernel]);
  });
});

describe('the recipe in the model', () => {
  it('starts embeddings as the recipe says: normal at its std, uniform within its half-width', () => {
    const ds = makeDataset({ n: 200 });
    const spec = inputSpecOf(ds);
    const normal = createModel(spec, joint.heads, { ...CFG, embeddingInit: 'normal', embeddingScale: 1 }, 3);
    const uniform = createModel(
      spec,
      joint.heads,
      { ...CFG, embeddingInit: 'uniform', embeddingScale: 0.05 },
      3,
    );
    const all = (m: typeof normal) => m.sharedVariables().filter((v) => v.name.includes('/emb/'));
    const values = (m: typeof normal) => all(m).flatMap((v) => Array.from(v.dataSync()));
    const n = values(normal);
    const mean = n.reduce((a, b) => a + b, 0) / n.length;
    const std = Math.sqrt(n.reduce((a, b) => a + (b - mean) ** 2, 0) / n.length);
    expect(n.length).toBeGreaterThan(500);
    expect(std).toBeGreaterThan(0.9);
    expect(std).toBeLessThan(1.1);
    expect(Math.max(...values(uniform).map(Math.abs))).toBeLessThanOrEqual(0.05);
    normal.dispose();
    uniform.dispose();
  });

  it('gives every column the same width under the fixed rule', () => {
    const ds = makeDataset({ n: 200 });
    const fixed = createModel(
      inputSpecOf(ds),
      joint.heads,
      { ...CFG, embeddingWidth: 'fixed', embeddingDim: 5 },
      1,
    );
    expect(new Set(fixed.embeddingDims)).toEqual(new Set([5]));
    fixed.dispose();
  });

  it('drops out in training steps only: inference and the diagnostic pass are unchanged', () => {
    const ds = makeDataset({ n: 64 });
    const data = uploadDataset(ds);
    const rows = Int32Array.from({ length: 64 }, (_, i) => i);
    const on = createModel(inputSpecOf(ds), joint.heads, { ...CFG, dropout: 0.5 }, 9);
    const off = createModel(inputSpecOf(ds), joint.heads, { ...CFG, dropout: 0 }, 9);
    const logits = (m: typeof on, training: boolean) =>
      tf.tidy(() => Array.from(m.forward(data.gatherBatch(rows), training, 'plain').dataSync()));
    const diagnostic = (m: typeof on) =>
      tf.tidy(() => Array.from(m.forwardDiagnostic(data.gatherBatch(rows), 'fast').dataSync()));
    expect(logits(on, false)).toEqual(logits(off, false));
    expect(diagnostic(on)).toEqual(diagnostic(off));
    expect(logits(on, true)).not.toEqual(logits(off, true));
    tf.dispose([on, off].flatMap((m) => m.allVariables()));
    data.dispose();
  });

  it('trains with every recipe knob on, the same numbers from the same seed, and frees its tensors', async () => {
    const ds = makeDataset({ n: 600 });
    const data = uploadDataset(ds);
    const rows = Int32Array.from({ length: 512 }, (_, i) => i);
    const val = Int32Array.from({ length: 88 }, (_, i) => 512 + i);
    const train: TrainConfig = {
      ...TEST_TRAIN,
      maxEpochs: 2,
      patience: 5,
      lrSchedule: 'cosine',
      weightDecayEmbeddings: 1e-3,
      weightDecayDense: 1e-4,
    };
    const model = {
      ...CFG,
      embeddingInit: 'normal',
      embeddingScale: 1,
      embeddingWidth: 'fixed',
      dropout: 0.2,
    } as const;
    const run = async () => {
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      const trained = await trainGrouping({
        data,
        grouping: joint,
        model,
        train,
        seed: 4,
        nextBatch: cyclicBatches(rows, 64),
        stepsPerEpoch: 8,
        validationRows: val,
        validationScore: (s) => s.ad_stream?.[0],
        onEpoch: (e) => losses.push(e.meanLossByTask.ad_stream ?? Number.NaN),
      });
      const scores = Array.from((await trained.predict(val)).ad_stream ?? []);
      trained.dispose();
      expect(tf.memory().numTensors).toBe(before);
      return { losses, scores };
    };
    const a = await run();
    expect(a.losses.every(Number.isFinite)).toBe(true);
    expect(await run()).toEqual(a);
    data.dispose();
  });
});
