import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { makeDataset } from '../fixtures';
import { lookupOps } from './flat-lookup';
import { flatInitial, flatLayout, layoutMeta, OUT_META, TABLE_META } from './flat-tables';
import { featureParts } from './forward-plain';
import { inputSpecOf } from './inputs';
import type { ModelParts } from './model-parts';

const ds = makeDataset({
  n: 12,
  vocab: [50, 7],
  numeric: 1,
  multi: [
    [20, 3],
    [6, 2],
  ],
});
const spec = inputSpecOf(ds);
const dims = [4, 3, 5, 2];
const layout = flatLayout(spec, dims);

describe('flatLayout', () => {
  it('lays tables end to end and their vectors side by side, numeric inputs last', () => {
    expect(layout.columns.map((c) => c.tableOffset)).toEqual([0, 200, 221, 321]);
    expect(layout.tableSize).toBe(321 + 12);
    expect(layout.columns.map((c) => c.outOffset)).toEqual([0, 4, 7, 12]);
    expect(layout.embWidth).toBe(14);
    expect(layout.numericWidth).toBe(2);
    // Id slots per row: one per categorical column, maxLen per multi column.
    expect(layout.columns.map((c) => c.slotsBefore)).toEqual([0, 1, 2, 5]);
    expect(layout.slotsPerRow).toBe(7);
    expect(layout.columns.map((c) => [c.bagLen, c.source])).toEqual([
      [0, 0],
      [0, 1],
      [3, 0],
      [2, 3],
    ]);
  });

  it("describes each output column (its table's element) and each table for the kernels", () => {
    const meta = layoutMeta(layout);
    const out = (e: number) => Array.from(meta.subarray(OUT_META * e, OUT_META * (e + 1)));
    expect(out(5)).toEqual([0, 1, 201, 3]); // column 1, element k = 1
    expect(out(13)).toEqual([2, 3, 322, 2]); // multi column 1 (L 2 at offset 3), k = 1
    expect(out(15)).toEqual([-1, 1, 0, 0]); // the second numeric input
    const table = (j: number) =>
      Array.from(meta.subarray(OUT_META * 16 + TABLE_META * j).subarray(0, TABLE_META));
    expect(table(2)).toEqual([221, 5, 7, 2, 3, 0, 20, 0]);
    expect(meta.length).toBe(OUT_META * 16 + TABLE_META * 4);
  });

  it('places each column’s initial values at its offset', () => {
    const perColumn = layout.columns.map((c, j) => new Float32Array(c.vocab * c.dim).fill(j + 1));
    const flat = flatInitial(layout, perColumn);
    expect([flat[0], flat[199], flat[200], flat[221], flat[332]]).toEqual([1, 1, 2, 3, 4]);
    expect(() => flatInitial(layout, [new Float32Array(3)])).toThrow(/column 0/);
  });
});

describe('lookupOps (the fused lookup as tfjs ops)', () => {
  it('equals the per-column lookups side by side, value and gradient', async () => {
    await initBackend('cpu');
    tf.tidy(() => {
      const values = layout.columns.map((c, j) =>
        Float32Array.from({ length: c.vocab * c.dim }, (_, i) => Math.sin(i + 7 * j)),
      );
      const tables = layout.columns.map((c, j) => tf.tensor2d(values[j]!, [c.vocab, c.dim]));
      const flat = tf.tensor1d(flatInitial(layout, values));
      const rows = Int32Array.from([3, 0, 7, 3, 11]);
      const inputs = {
        catCodes: tf.gather(tf.tensor2d(ds.catCodes, [ds.n, 2], 'int32'), Array.from(rows)),
        multiCodes: tf.gather(tf.tensor2d(ds.multiCodes, [ds.n, 5], 'int32'), Array.from(rows)),
        multiWeights: tf.gather(tf.tensor2d(ds.multiWeights, [ds.n, 5]), Array.from(rows)),
        numericValues: tf.gather(tf.tensor2d(ds.numericValues, [ds.n, 2]), Array.from(rows)),
      } as const;
      const parts = (ts: tf.Tensor[]) =>
        tf.concat(
          featureParts(
            { spec, tables: ts, flat: null, gradMode: 'scatter' } as unknown as ModelParts,
            inputs,
          ),
          1,
        );
      const r = tf.randomUniform([rows.length, 16], -1, 1, 'float32', 3);
      expect(Array.from(lookupOps(flat, layout, inputs).dataSync())).toEqual(
        Array.from(parts(tables).dataSync()),
      );
      const gFlat = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(lookupOps(t, layout, inputs), r)))(flat);
      const gCols = tf.grads((...ts: tf.Tensor[]) => tf.sum(tf.mul(parts(ts), r)))(tables);
      expect(Array.from(gFlat.dataSync())).toEqual(gCols.flatMap((g) => Array.from(g.dataSync())));
    });
  });
});
