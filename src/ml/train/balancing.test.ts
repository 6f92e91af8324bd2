import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../core/data/rng';
import { gradnormWeightGrad, pcgradCombine, renormalise, uncertaintyLoss } from './balancing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('PCGrad', () => {
  it('projects two conflicting gradients off each other (known answer)', () => {
    // g1 = (1, 0), g2 = (-1, 1): g1.g2 = -1 < 0.
    // g1' = g1 - (-1 / 2) g2 = (0.5, 0.5); g2' = g2 - (-1 / 1) g1 = (0, 1); sum (0.5, 1.5).
    const g1 = tf.tensor1d([1, 0]);
    const g2 = tf.tensor1d([-1, 1]);
    const out = pcgradCombine([g1, g2], [[1], [0]]);
    expect(values(out)).toEqual([0.5, 1.5]);
    // Each projected gradient no longer conflicts with the other's original.
    expect(0.5 * -1 + 0.5 * 1).toBe(0);
    tf.dispose([g1, g2, out]);
  });

  it('leaves gradients that agree as they are (plain sum)', () => {
    const gs = [tf.tensor1d([1, 2]), tf.tensor1d([3, -0.5])]; // dot 2 > 0
    const out = pcgradCombine(gs, [[1], [0]]);
    expect(values(out)).toEqual([4, 1.5]);
    tf.dispose([...gs, out]);
  });

  it('projects each task in turn on the unprojected others (three tasks, by hand)', () => {
    const g = [tf.tensor1d([1, 0]), tf.tensor1d([-1, 1]), tf.tensor1d([-1, -1])];
    const a = values(
      pcgradCombine(g, [
        [1, 2],
        [0, 2],
        [0, 1],
      ]),
    );
    // By hand for order [1, 2] of task 0: (1,0) -> (0.5, 0.5) (as above); dot with (-1,-1) = -1
    // -> (0.5, 0.5) + 0.5 (-1, -1) = (0, 0). Task 1 on [0, 2]: (-1,1).(1,0) = -1 -> (0, 1);
    // (0,1).(-1,-1) = -1 -> (0,1) + 0.5 (-1,-1) = (-0.5, 0.5). Task 2 on [0, 1]: (-1,-1).(1,0) = -1
    // -> (0, -1); (0,-1).(-1,1) = -1 -> (0,-1) + 0.5 (-1, 1) = (-0.5, -0.5). Sum (-1, 0).
    expect(a[0]).toBeCloseTo(-1, 6);
    expect(a[1]).toBeCloseTo(0, 6);
    tf.dispose(g);
  });
});

describe('PCGrad through the Gram matrix', () => {
  it('equals the projections written out vector by vector, on random gradients', () => {
    const rng = createRng(5);
    const T = 4;
    const P = 30;
    const g = Array.from({ length: T }, () => Array.from({ length: P }, () => rng.nextFloat() * 2 - 1));
    const orders = [
      [2, 1, 3],
      [0, 3, 2],
      [3, 0, 1],
      [1, 2, 0],
    ];
    const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);
    const expected = new Array<number>(P).fill(0);
    g.forEach((gi, i) => {
      let v = [...gi];
      for (const j of orders[i]) {
        const d = dot(v, g[j]);
        if (d < 0) v = v.map((x, k) => x - (d / dot(g[j], g[j])) * g[j][k]);
      }
      v.forEach((x, k) => (expected[k] += x));
    });
    const ts = g.map((v) => tf.tensor1d(v));
    const out = values(pcgradCombine(ts, orders));
    out.forEach((x, k) => expect(x).toBeCloseTo(expected[k], 4));
    tf.dispose(ts);
  });
});

describe('uncertainty weighting', () => {
  it('is sum over active heads of lambda exp(-s) L + s / 2', () => {
    const l = uncertaintyLoss(
      tf.tensor1d([0.5, 2, 9]),
      tf.tensor1d([0, Math.log(2), 1]),
      tf.tensor1d([1, 3, 1]),
      tf.tensor1d([1, 1, 0]),
    );
    expect(l.dataSync()[0]).toBeCloseTo(0.5 + 0 + 3 * 0.5 * 2 + Math.log(2) / 2, 5);
  });
});

describe('GradNorm', () => {
  it('raises the weight of a head whose gradient norm is below its target and lowers the other', () => {
    // Equal losses relative to their start (r = 1): target = mean G; head 0 has G 1, head 1 G 3.
    const grad = gradnormWeightGrad(
      tf.tensor1d([1, 1]),
      tf.tensor1d([1, 3]),
      tf.tensor1d([0.5, 0.5]),
      tf.tensor1d([0.5, 0.5]),
      tf.tensor1d([1, 1]),
      1.5,
    );
    // d/dw |G - target| = sign(G - target) n: head 0 below (-1 * 1), head 1 above (+1 * 3).
    expect(values(grad)).toEqual([-1, 3]);
  });

  it('an inactive head gets no gradient, and the renormalised weights sum to H', () => {
    const grad = gradnormWeightGrad(
      tf.tensor1d([1, 1, 1]),
      tf.tensor1d([1, 3, 5]),
      tf.tensor1d([1, 1, 0]),
      tf.tensor1d([1, 1, 1]),
      tf.tensor1d([1, 1, 0]),
      1,
    );
    expect(values(grad)[2]).toBe(0);
    const w = values(renormalise(tf.tensor1d([0.5, 1, 4])));
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 5);
    expect(w[2] / w[0]).toBeCloseTo(8, 5);
  });
});
