import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { paperMask } from '../../core/config/groupings';
import type { TaskId } from '../../core/data/schema';
import { initBackend } from '../backend';
import { activeHeads, maskedLoss, maskTensor } from './loss';

const bce = (x: number, y: number) =>
  -(y * Math.log(1 / (1 + Math.exp(-x))) + (1 - y) * Math.log(1 - 1 / (1 + Math.exp(-x))));

beforeAll(() => initBackend('cpu'));

describe('maskedLoss', () => {
  const heads: TaskId[] = ['promo_stream', 'ad_stream', 'click'];
  // Rows: promo, promo, ad, ad. Labels in LABELS order (stream, click, like, follow).
  const logits = [
    [0.5, -1, 2],
    [-2, 0.3, -0.7],
    [1.5, 1, 0.2],
    [-0.4, -3, 4],
  ];
  const labels = [
    [1, 1, 0, 0],
    [0, 0, 0, 0],
    [1, 0, 0, 0],
    [0, 1, 0, 0],
  ];
  // Row 1's click is missing (its stored label 0 must add no loss).
  const present = [
    [1, 1, 1, 1],
    [1, 0, 1, 1],
    [1, 1, 1, 1],
    [1, 1, 1, 1],
  ];
  const run = (weights = [1, 1, 1]) =>
    tf.tidy(() => {
      const l = maskedLoss(
        tf.tensor2d(logits),
        tf.tensor2d(labels),
        tf.tensor2d(present),
        tf.tensor1d([0, 0, 1, 1], 'int32'),
        maskTensor(paperMask(heads), heads),
        heads,
        weights,
      );
      return { total: l.total.dataSync()[0], perTask: Array.from(l.perTask.dataSync()) };
    });

  it('averages BCE over the rows the mask keeps and whose label is present, per head', () => {
    const promoStream = (bce(0.5, 1) + bce(-2, 0)) / 2; // ad rows masked out
    const adStream = (bce(-1, 1) + bce(0.3, 0) + bce(1, 1) + bce(-3, 0)) / 4;
    const click = (bce(2, 1) + bce(0.2, 0) + bce(4, 1)) / 3; // row 1 missing
    const { total, perTask } = run();
    expect(perTask[0]).toBeCloseTo(promoStream, 5);
    expect(perTask[1]).toBeCloseTo(adStream, 5);
    expect(perTask[2]).toBeCloseTo(click, 5);
    expect(total).toBeCloseTo(promoStream + adStream + click, 5);
  });

  it('weights tasks by lambda_t', () => {
    const { perTask } = run();
    expect(run([2, 0, 0.5]).total).toBeCloseTo(2 * perTask[0] + 0.5 * perTask[2], 5);
  });

  it('is finite for extreme logits (stable BCE form)', () => {
    const l = tf.tidy(() => {
      const h: TaskId[] = ['click'];
      const out = maskedLoss(
        tf.tensor2d([[200], [-200]]),
        tf.tensor2d([
          [0, 0, 0, 0],
          [0, 1, 0, 0],
        ]),
        tf.ones([2, 4]),
        tf.tensor1d([0, 1], 'int32'),
        maskTensor(paperMask(h), h),
        h,
        [1],
      );
      return out.total.dataSync()[0];
    });
    expect(l).toBeCloseTo(200, 3);
  });
});

describe('activeHeads', () => {
  it('marks a head active only when some row is kept by the mask and has its label', () => {
    const heads: TaskId[] = ['promo_stream', 'ad_stream', 'click'];
    const source = new Uint8Array([1, 1, 0]);
    const present = new Float32Array([1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1]); // rows 0-1 ad; no click anywhere
    expect(activeHeads(Int32Array.from([0, 1]), source, present, paperMask(heads), heads)).toEqual([
      false,
      true,
      false,
    ]);
    expect(activeHeads(Int32Array.from([2]), source, present, paperMask(heads), heads)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
