import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../core/config/experiment';
import { initBackend } from '../backend';
import { uploadDataset } from './device-data';
import { makeDataset } from '../fixtures';
import { BN_EPSILON, createModel, embeddingDimFor, inputSpecOf } from './model';
import { DEFAULT_CONFIG } from '../../core/config/defaults';

const CFG: ModelConfig = {
  ...DEFAULT_CONFIG.model,
  embeddingDim: 8,
  encoderUnits: [16, 8],
  towerUnits: [4],
  experts: 2,
  taskExperts: 1,
  expertUnits: [8],
};
beforeAll(() => initBackend('cpu'));

describe('embeddingDimFor', () => {
  it('follows min(maxDim, ceil(6 V^0.25))', () => {
    expect(embeddingDimFor(2, 32)).toBe(8);
    expect(embeddingDimFor(100, 32)).toBe(19);
    expect(embeddingDimFor(20000, 32)).toBe(32);
    expect(embeddingDimFor(20000, 128)).toBe(72);
  });
});

describe('createModel', () => {
  const ds = makeDataset({ n: 64 });
  const spec = inputSpecOf(ds);

  it('partitions trainable variables into shared and per-head sets, moving stats in neither', () => {
    const m = createModel(spec, ['promo_stream', 'click'], CFG, 1);
    const shared = m.sharedVariables().map((v) => v.name);
    const promo = m.variablesOf('promo_stream').map((v) => v.name);
    const click = m.variablesOf('click').map((v) => v.name);
    expect(promo).toHaveLength(4); // 2 tower layers x (kernel, bias)
    expect(new Set([...shared, ...promo, ...click]).size).toBe(shared.length + promo.length + click.length);
    expect(m.variablesOf('ad_stream')).toEqual([]);
    const nonTrainable = m
      .allVariables()
      .filter((v) => !v.trainable)
      .map((v) => v.name);
    expect(nonTrainable).toHaveLength(4); // moving mean/var of 2 encoder layers
    expect(nonTrainable.some((n) => shared.includes(n))).toBe(false);
    expect(m.embeddingDims).toEqual([8, 8, 8, 8]);
    m.dispose();
  });

  it('initialises deterministically from the seed, and each variable independently of the heads', () => {
    const a = createModel(spec, ['promo_stream', 'click'], CFG, 7);
    const b = createModel(spec, ['click'], CFG, 7);
    const c = createModel(spec, ['click'], CFG, 8);
    const vals = (vs: tf.Variable[]) => vs.map((v) => Array.from(v.dataSync()));
    expect(vals(b.sharedVariables())).toEqual(vals(a.sharedVariables()));
    expect(vals(b.variablesOf('click'))).toEqual(vals(a.variablesOf('click')));
    expect(vals(c.sharedVariables())).not.toEqual(vals(a.sharedVariables()));
    for (const m of [a, b, c]) m.dispose();
  });

  it.each(['plain', 'fast'] as const)(
    'batch norm (%s): training normalises with batch statistics and moves the moving ones; inference uses them',
    (kind) => {
      const m = createModel(spec, ['click'], { ...CFG, encoderUnits: [6] }, 3);
      const data = uploadDataset(ds);
      const rows = Int32Array.from({ length: 32 }, (_, i) => i);
      tf.tidy(() => {
        const batch = data.gatherBatch(rows);
        const [kernel, gamma, beta] = m.sharedVariables().slice(-3);
        gamma.assign(tf.fill([6], 2));
        beta.assign(tf.fill([6], 0.5));
        const moving = (name: string) => m.allVariables().find((v) => v.name.endsWith(name))!;
        const trainLogits = Array.from(m.forward(batch, true, kind).dataSync());
        // Recompute the pre-activations outside the model to know the batch statistics.
        const x = tf.concat(
          [
            ...m
              .sharedVariables()
              .slice(0, 4)
              .map((t, j) => {
                if (j < 3) return tf.gather(t, tf.gather(batch.catCodes, j, 1));
                const e = tf.gather(t, batch.multiCodes);
                return tf.sum(tf.mul(e, tf.expandDims(batch.multiWeights, 2)), 1);
              }),
            batch.numericValues,
          ],
          1,
        );
        const pre = tf.matMul(x, kernel as tf.Tensor2D);
        const { mean, variance } = tf.moments(pre, 0);
        const [newMean, newVar] = ['moving_mean', 'moving_var'].map((n) => Array.from(moving(n).dataSync()));
        Array.from(mean.dataSync()).forEach((mu, i) =>
          expect(newMean[i]).toBeCloseTo((1 - CFG.bnMomentum) * mu, 6),
        );
        Array.from(variance.dataSync()).forEach((v, i) =>
          expect(newVar[i]).toBeCloseTo(CFG.bnMomentum + (1 - CFG.bnMomentum) * v, 6),
        );
        // Expected encoder outputs under each mode, pushed through the same tower by hand.
        const trainNorm = tf.add(
          tf.mul(tf.div(tf.sub(pre, mean), tf.sqrt(tf.add(variance, BN_EPSILON))), 2),
          0.5,
        );
        const inferNorm = tf.add(tf.mul(tf.div(pre, Math.sqrt(1 + BN_EPSILON)), 2), 0.5); // moving mean 0, var 1
        const tower = m.variablesOf('click');
        const head = (z: tf.Tensor) => {
          let t = tf.add(tf.matMul(tf.relu(z) as tf.Tensor2D, tower[0] as tf.Tensor2D), tower[1]);
          t = tf.add(tf.matMul(tf.relu(t) as tf.Tensor2D, tower[2] as tf.Tensor2D), tower[3]);
          return Array.from(t.dataSync());
        };
        // Back to moving mean 0 and variance 1, which inferNorm assumes.
        moving('moving_mean').assign(tf.zeros([6]));
        moving('moving_var').assign(tf.ones([6]));
        const inferLogits = Array.from(m.forward(batch, false, kind).dataSync());
        head(trainNorm).forEach((v, i) => expect(trainLogits[i]).toBeCloseTo(v, 5));
        head(inferNorm).forEach((v, i) => expect(inferLogits[i]).toBeCloseTo(v, 5));
        expect(inferLogits).not.toEqual(trainLogits);
        m.forward(batch, false, kind);
        expect(Array.from(moving('moving_mean').dataSync())).toEqual([0, 0, 0, 0, 0, 0]); // inference moves nothing
      });
      data.dispose();
      m.dispose();
    },
  );
});
