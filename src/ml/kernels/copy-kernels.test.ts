import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { concatColumns, splitColumns, splitFlat } from './column-blocks';
import { gatherColumns, gatherRows } from './row-gather';
import { setSimdKernelsEnabled } from './simd/module';
import { transpose2d } from './transpose';

// The wasm kernels of row-gather.ts, column-blocks.ts and transpose.ts against tfjs's own ops on
// cpu (the reference) with the same inputs: values must be identical, since both only copy. On
// wasm each runs twice: with our SIMD kernels (kernels.wat) and with the JavaScript fallbacks.
let reference: Record<string, number[]> = {};

function cases() {
  const table = tf.tensor2d(
    Array.from({ length: 7 * 3 }, (_, i) => i * 0.5 - 3),
    [7, 3],
  );
  const codes = tf.tensor2d(
    Array.from({ length: 7 * 4 }, (_, i) => (i * 37) % 11),
    [7, 4],
    'int32',
  );
  const flat = tf.tensor1d([4, 8, 15, 16, 23, 42, 99], 'int32');
  const idx = tf.tensor1d([6, 0, 3, 3, 6, 1], 'int32'); // repeats and the last row
  const parts = [
    tf.tensor2d([1, 2, 3, 4], [2, 2]),
    tf.tensor2d([5, 6], [2, 1]),
    tf.tensor2d([7, 8, 9, 10, 11, 12], [2, 3]),
  ];
  const out: Record<string, tf.Tensor> = {
    rowsFloat: gatherRows(table, idx),
    rowsInt: gatherRows(codes, idx),
    rowsFlat: gatherRows(flat, idx),
    columns: gatherColumns(table, tf.tensor1d([2, 0, 2], 'int32')),
    concat: concatColumns(parts),
    ...Object.fromEntries(splitColumns(codes, [1, 2, 1]).map((t, j) => [`split${j}`, t])),
    ...Object.fromEntries(splitFlat(tf.range(0, 10), [3, 7]).map((t, j) => [`flat${j}`, t])),
    // bool parts: one byte per element on the wasm heap (the byte-wise tail of the copies)
    bools: concatColumns([
      tf.tensor2d([true, false], [2, 1], 'bool'),
      tf.tensor2d([1, 0, 1, 1, 1, 0], [2, 3], 'bool'),
    ]),
    transposed: transpose2d(table),
    // 37 x 21 crosses the 16 x 16 tiles in both directions
    transposedBig: transpose2d(
      tf.tensor2d(
        Array.from({ length: 37 * 21 }, (_, i) => i),
        [37, 21],
      ),
    ),
    transposedInt: transpose2d(codes),
  };
  return Object.fromEntries(
    Object.entries(out).map(([k, t]) => [
      k,
      { shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) },
    ]),
  );
}

beforeAll(async () => {
  await initBackend('cpu');
  reference = tf.tidy(() => cases()) as unknown as Record<string, number[]>;
});

afterAll(async () => {
  await initBackend('cpu');
});

describe.each([true, false])('copy kernels on wasm (SIMD kernels: %s)', (simd) => {
  beforeAll(() => setSimdKernelsEnabled(simd));
  afterAll(() => setSimdKernelsEnabled(true));

  it('give exactly the values, shapes and dtypes of tf.gather, tf.concat, tf.split and tf.transpose', async () => {
    await initBackend('wasm');
    const start = tf.memory().numTensors;
    const got = tf.tidy(() => cases());
    expect(got).toEqual(reference);
    // Spot checks against hand values, so that a shared mistake in both paths cannot pass.
    expect((got as Record<string, { values: number[] }>).rowsFlat.values).toEqual([99, 4, 16, 16, 99, 8]);
    expect((got as Record<string, { values: number[] }>).concat.values).toEqual([
      1, 2, 5, 7, 8, 9, 3, 4, 6, 10, 11, 12,
    ]);
    expect(tf.memory().numTensors).toBe(start);
  });

  it('run as the registered kernels, not the fallbacks', async () => {
    await initBackend('wasm');
    const info = await tf.profile(() => {
      const a = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      return tf.tidy(() => [
        gatherRows(a, tf.tensor1d([1], 'int32')),
        ...splitColumns(concatColumns([a, a]), [2, 2]),
        transpose2d(a),
      ]);
    });
    const names = info.kernels.map((k) => k.name);
    expect(names).toContain('ColdStartLabRowGather');
    expect(names).toContain('ColdStartLabConcatColumns');
    expect(names).toContain('ColdStartLabSplitColumns');
    expect(names).not.toContain('GatherV2');
    expect(names).not.toContain('Concat');
    // The transpose kernel needs the SIMD module; without it tfjs's Transpose runs.
    expect(names.includes('ColdStartLabTranspose')).toBe(simd);
    expect(names.includes('Transpose')).toBe(!simd);
  });

  it('reject an index outside the table, as tf.gather does, and leak nothing', async () => {
    await initBackend('wasm');
    const start = tf.memory().numTensors;
    expect(() => tf.tidy(() => gatherRows(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32')))).toThrow(
      /index 3 is not in \[0, 2\]/,
    );
    expect(() => tf.tidy(() => gatherRows(tf.ones([3, 2]), tf.tensor1d([-1], 'int32')))).toThrow(/index -1/);
    expect(tf.memory().numTensors).toBe(start);
  });
});

it('splitFlat pieces are rank 1 in the backend too (a fused matmul takes one as its bias)', async () => {
  await initBackend('wasm');
  const y = tf.tidy(() => {
    const [bias] = splitFlat(tf.tensor1d([1, 2, 3]), [2, 1]);
    return tf.fused.matMul({ a: tf.ones([1, 1]), b: tf.ones([1, 2]), bias });
  });
  expect(Array.from(y.dataSync())).toEqual([2, 3]);
  y.dispose();
});

it('transpose2d has a gradient: d sum(x^T w) / dx = w^T', async () => {
  await initBackend('wasm');
  const [x, w] = [tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]), tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2])];
  const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(transpose2d(a), w)))(x);
  expect(dx.shape).toEqual([2, 3]);
  expect(Array.from(dx.dataSync())).toEqual([1, 3, 5, 2, 4, 6]);
  tf.dispose([x, w, dx]);
});
