import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend';
import { type EmbeddingGradMode, embed, embeddingGradMode } from './embedding';

const TABLE = Array.from({ length: 5 * 3 }, (_, i) => Math.sin(i + 1));
// Duplicates within and across rows: ids 1 and 3 appear several times.
const IDS = [
  [1, 3, 1],
  [3, 0, 1],
];
const WEIGHTS = Array.from({ length: 2 * 3 * 3 }, (_, i) => Math.cos(i));

/** Lookup, loss sum(E[ids] * W), and its gradient with respect to the table. */
function lookupAndGrad(mode: EmbeddingGradMode): { value: number[]; grad: number[] } {
  return tf.tidy(() => {
    const table = tf.tensor2d(TABLE, [5, 3]);
    const ids = tf.tensor2d(IDS, [2, 3], 'int32');
    const w = tf.tensor3d(WEIGHTS, [2, 3, 3]);
    const value = embed(table, ids, mode);
    const grad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(embed(t, ids, mode), w)))(table);
    return { value: Array.from(value.dataSync()), grad: Array.from(grad.dataSync()) };
  });
}

/** The gradient by hand: dE[v] = sum of W at positions where ids = v. */
function expectedGrad(): number[] {
  const g = new Array(15).fill(0);
  IDS.flat().forEach((id, pos) => {
    for (let d = 0; d < 3; d++) g[id * 3 + d] += WEIGHTS[pos * 3 + d];
  });
  return g;
}

describe('embed', () => {
  it("tf.gather's own gradient accumulates duplicate ids (the reference)", async () => {
    await initBackend('cpu');
    const { value, grad } = lookupAndGrad('gather');
    expect(value.slice(0, 3)).toEqual(TABLE.slice(3, 6).map(Math.fround));
    grad.forEach((g, i) => expect(g).toBeCloseTo(expectedGrad()[i], 5));
    expect(grad.slice(6, 9)).toEqual([0, 0, 0]); // id 2 never looked up
  });

  it('the scatter and one-hot custom gradients equal the gather gradient on cpu', async () => {
    await initBackend('cpu');
    expect(embeddingGradMode()).toBe('scatter'); // cpu's UnsortedSegmentSum is O(V) passes
    const ref = lookupAndGrad('gather');
    for (const mode of ['scatter', 'onehot'] as const) {
      const got = lookupAndGrad(mode);
      expect(got.value).toEqual(ref.value);
      got.grad.forEach((g, i) => expect(g).toBeCloseTo(ref.grad[i], 6));
    }
  });

  it('trains on wasm (no UnsortedSegmentSum) with gradients equal to cpu gather, duplicates summed', async () => {
    await initBackend('cpu');
    const ref = lookupAndGrad('gather');
    await initBackend('wasm');
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeUndefined();
    expect(embeddingGradMode()).toBe('scatter');
    // ScatterNd must sum duplicate indices for the gradient to be right.
    const scattered = tf.tidy(() =>
      Array.from(
        tf.scatterND(tf.tensor2d([[1], [1], [4]], [3, 1], 'int32'), tf.tensor1d([2, 5, 7]), [5]).dataSync(),
      ),
    );
    expect(scattered).toEqual([0, 7, 0, 0, 7]);
    for (const mode of ['scatter', 'onehot'] as const) {
      const got = lookupAndGrad(mode);
      got.grad.forEach((g, i) => expect(g).toBeCloseTo(ref.grad[i], 5));
    }
    await initBackend('cpu');
  });
});
