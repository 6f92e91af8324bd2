import { describe, expect, it } from 'vitest';
import { stepGemms } from './bench-gemm';

describe('stepGemms', () => {
  it('lists forward, weight-gradient and input-gradient products of every layer', () => {
    // The default joint model: 151 input columns, encoder [128, 64], 5 towers of 32 side by side.
    const shapes = stepGemms(512, 151, [128, 64], 160);
    expect(shapes).toEqual([
      [512, 151, 128],
      [151, 512, 128],
      [512, 128, 151],
      [512, 128, 64],
      [128, 512, 64],
      [512, 64, 128],
      [512, 64, 160],
      [64, 512, 160],
      [512, 160, 64],
    ]);
    const mflop = shapes.reduce((a, [m, k, n]) => a + 2 * m * k * n, 0) / 1e6;
    expect(mflop).toBeCloseTo(116.0, 1); // 3 x 2 x 512 x (151*128 + 128*64 + 64*160)
  });

  it('has no layers without an encoder: input straight to the towers', () => {
    expect(stepGemms(8, 3, [], 2)).toEqual([
      [8, 3, 2],
      [3, 8, 2],
      [8, 2, 3],
    ]);
  });
});
