/**
 * wouldSplitK mirrors tfjs-backend-webgpu 4.22's choice of MatMulSplitKProgram (batchMatMulImpl):
 * the products it names are exactly those whose partial sums tfjs would add with atomics. On
 * SwiftShader, six runs of X^T dy over 4,096 rows gave five different results with split-K and one
 * with the small-output program (docs/performance.md, "Deterministic WebGPU").
 */
import '@tensorflow/tfjs-backend-webgpu'; // registers the WEBGPU_* flags read below
import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { wouldSplitK } from './matmul-no-split-k';

const info = (shape: number[]) => ({ shape }) as unknown as tf.Tensor;
const backend = { thresholdToIncreaseWorkgroups: 8 };
const args = (a: number[], b: number[], transposeA = false, transposeB = false) => ({
  inputs: { a: info(a), b: info(b) },
  backend,
  attrs: { transposeA, transposeB },
});

describe('wouldSplitK', () => {
  it('names a weight gradient X^T dy from batch 2,000 on', () => {
    expect(wouldSplitK(args([4096, 64], [4096, 32], true))).toBe(true);
    expect(wouldSplitK(args([2048, 128], [2048, 64], true))).toBe(true);
    expect(wouldSplitK(args([1999, 64], [1999, 32], true))).toBe(false);
  });

  it('leaves tiny outputs (reduce program), wide outputs (packed) and batched products alone', () => {
    expect(wouldSplitK(args([4096, 8], [4096, 16], true))).toBe(false); // 128 outputs
    expect(wouldSplitK(args([4096, 512], [4096, 256], true))).toBe(false); // 128 tiles > 8
    expect(wouldSplitK(args([2, 4096, 64], [2, 4096, 32], true))).toBe(false);
    expect(wouldSplitK(args([512, 64], [64, 32]))).toBe(false); // a forward product: K = 64
  });
});
