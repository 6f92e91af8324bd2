import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { BN_RELU_GRAD_KERNEL, BN_RELU_KERNEL } from './batch-norm-wasm';
import { batchNormRelu } from '../model/fused-ops';

afterAll(() => initBackend('cpu'));

/** batchNormRelu forward (moving statistics included) and its gradients for loss sum(y w). */
function run(xs: number[][], cols: number, w: number[]) {
  return tf.tidy(() => {
    const x = tf.tensor2d(xs);
    const gamma = tf.linspace(0.5, 1.5, cols) as tf.Tensor1D;
    const beta = tf.linspace(-0.2, 0.3, cols) as tf.Tensor1D;
    const mean = tf.variable(tf.fill([cols], 0.1), false);
    const variance = tf.variable(tf.fill([cols], 2), false);
    const stats = { mean, variance, momentum: 0.9 };
    const weights = tf.tensor2d(w, [xs.length, cols]);
    const f = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(
        tf.mul(batchNormRelu(a as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-3, stats), weights),
      );
    const y = batchNormRelu(x, gamma, beta, 1e-3, null);
    const [dx, dgamma, dbeta] = tf.grads(f)([x, gamma, beta]);
    const out = [y, dx!, dgamma!, dbeta!, mean, variance].map((t) => Array.from(t.dataSync()));
    tf.dispose([mean, variance]);
    return out;
  });
}

function sample(rows: number, cols: number, seed: number): number[][] {
  let s = seed;
  const next = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 4 - 2;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, next));
}

describe('batch norm + relu as SIMD kernels on wasm', () => {
  it('a worked case: x = [[1, 2, 3, 4], [3, 2, 1, 0]] normalises to -+1/sqrt(1 + eps) per column', async () => {
    await initBackend('wasm');
    const [y] = run(
      [
        [1, 2, 3, 4],
        [3, 2, 1, 0],
      ],
      4,
      Array(8).fill(1),
    );
    // mean (2, 2, 2, 2), variance (1, 0, 1, 4); xhat = (x - mean) / sqrt(var + 1e-3);
    // gamma = (0.5, 0.833, 1.167, 1.5), beta = (-0.2, -0.033, 0.133, 0.3), y = relu(gamma xhat + beta).
    const xhat = [-1 / Math.sqrt(1.001), 0, 1 / Math.sqrt(1.001), 2 / Math.sqrt(4.001)];
    const gamma = [0.5, 0.5 + 1 / 3, 0.5 + 2 / 3, 1.5];
    const beta = [-0.2, -0.2 + 0.5 / 3, -0.2 + 1 / 3, 0.3];
    const want = [0, 1].flatMap((r) =>
      xhat.map((h, c) => Math.max(0, gamma[c] * (r === 0 ? h : -h) + beta[c])),
    );
    y.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it.each([
    [37, 12],
    [64, 128],
    [5, 10], // not a multiple of 4: the tfjs ops run instead
  ])('rows %i x cols %i: the values, gradients and moving statistics of the cpu ops', async (rows, cols) => {
    const xs = sample(rows, cols, rows * cols);
    const w = sample(1, rows * cols, 7)[0];
    await initBackend('cpu');
    const want = run(xs, cols, w);
    await initBackend('wasm');
    const start = tf.memory().numTensors;
    const profile = await tf.profile(() => {
      run(xs, cols, w);
    });
    const got = run(xs, cols, w);
    const names = profile.kernels.map((k) => k.name);
    expect(names.includes(BN_RELU_KERNEL)).toBe(cols % 4 === 0);
    expect(names.includes(BN_RELU_GRAD_KERNEL)).toBe(cols % 4 === 0);
    got.forEach((values, j) => {
      expect(values).toHaveLength(want[j].length);
      const scale = Math.max(1, ...want[j].map(Math.abs));
      values.forEach((v, i) => expect(Math.abs(v - want[j][i])).toBeLessThan(2e-5 * scale));
    });
    // Training moved the statistics and the gradients are not all zero (the test can fail).
    expect(got[4].some((m) => Math.abs(m - 0.1) > 1e-3)).toBe(true);
    expect(got[1].some((d) => Math.abs(d) > 1e-3)).toBe(true);
    expect(tf.memory().numTensors).toBe(start);
  });
});
