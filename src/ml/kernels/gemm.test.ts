import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { GEMM_KERNEL, gemm, type GemmOptions } from './gemm';

afterAll(() => initBackend('cpu'));

const values = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.3));

/** op(A) op(B) (+ bias, relu) by gemm on the active backend, for A [m, k] and B [k, n] as stored. */
function product(
  m: number,
  k: number,
  n: number,
  opts: { tA: boolean; tB: boolean; bias: boolean; relu: boolean },
) {
  return tf.tidy(() => {
    const a = tf.tensor2d(values(m * k, 1), opts.tA ? [k, m] : [m, k]);
    const b = tf.tensor2d(values(k * n, 2), opts.tB ? [n, k] : [k, n]);
    const o: GemmOptions = {
      transposeA: opts.tA,
      transposeB: opts.tB,
      relu: opts.relu,
      ...(opts.bias ? { bias: tf.tensor1d(values(n, 3)) } : {}),
    };
    const c = gemm(a, b, o);
    return { shape: c.shape, values: Array.from(c.dataSync()) };
  });
}

// Edge sizes (m not a multiple of 4, n not of 8, k = 1) and the step's own shapes.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [5, 3, 9],
  [4, 8, 8],
  [7, 13, 17],
  [512, 151, 128],
  [151, 512, 128],
];
const VARIANTS = [
  { tA: false, tB: false, bias: false, relu: false },
  { tA: true, tB: false, bias: false, relu: false },
  { tA: false, tB: true, bias: false, relu: false },
  { tA: true, tB: true, bias: false, relu: false },
  { tA: false, tB: false, bias: true, relu: true },
  { tA: false, tB: false, bias: true, relu: false },
];

describe('gemm: our wasm GEMM against tfjs on cpu', () => {
  it.each(SHAPES)('m %i, k %i, n %i: every transpose, bias and relu variant', async (m, k, n) => {
    await initBackend('cpu');
    const want = VARIANTS.map((v) => product(m, k, n, v));
    await initBackend('wasm');
    const start = tf.memory().numTensors;
    const profile = await tf.profile(() => {
      VARIANTS.forEach((v, i) => {
        const got = product(m, k, n, v);
        expect(got.shape).toEqual([m, n]);
        const scale = Math.max(1, ...want[i].values.map(Math.abs));
        const maxDiff = Math.max(...got.values.map((x, j) => Math.abs(x - want[i].values[j])));
        expect(maxDiff).toBeLessThan(1e-5 * scale * Math.sqrt(k));
        if (v.relu) expect(got.values.every((x) => x >= 0)).toBe(true);
        expect(got.values.some((x) => x !== 0)).toBe(true);
      });
    });
    expect(profile.kernels.filter((p) => p.name === GEMM_KERNEL)).toHaveLength(VARIANTS.length);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('a worked case: [[1, 2], [3, 4]] [[5, 6], [7, 8]] + [1, -100], relu', async () => {
    await initBackend('wasm');
    const c = tf.tidy(() =>
      gemm(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]), {
        bias: tf.tensor1d([1, -100]),
        relu: true,
      }),
    );
    expect(Array.from(c.dataSync())).toEqual([20, 0, 44, 0]); // 19 + 1, 22 - 100 -> 0, 43 + 1, 50 - 100 -> 0
    c.dispose();
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('gradients under a tape (transposeA %s, transposeB %s) equal those of tf.matMul', async (tA, tB) => {
    const grads = () =>
      tf.tidy(() => {
        const a = tf.tensor2d(values(15, 4), tA ? [5, 3] : [3, 5]);
        const b = tf.tensor2d(values(10, 5), tB ? [2, 5] : [5, 2]);
        const w = tf.tensor2d(values(6, 6), [3, 2]);
        const f = (x: tf.Tensor, y: tf.Tensor) =>
          tf.sum(tf.mul(gemm(x as tf.Tensor2D, y as tf.Tensor2D, { transposeA: tA, transposeB: tB }), w));
        return tf
          .grads(f)([a, b])
          .map((g) => Array.from(g.dataSync()));
      });
    await initBackend('cpu');
    const want = grads();
    await initBackend('wasm');
    const got = grads();
    got.forEach((g, i) => g.forEach((x, j) => expect(x).toBeCloseTo(want[i][j], 5)));
  });

  it('refuses mismatched inner sizes', async () => {
    await initBackend('wasm');
    expect(() => tf.tidy(() => gemm(tf.ones([2, 3]), tf.ones([2, 3])))).toThrow(/inner sizes differ/);
  });
});
