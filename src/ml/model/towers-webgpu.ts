/**
 * towers.ts's node for towers of one hidden layer (the default: towers [32]) on webgpu, in our
 * kernels: the first layers side by side as one GEMM with bias and relu, the 1-unit outputs as
 * one kernel (webgpu/tower-heads-webgpu.ts), and per-head parameters gathered and gradients split
 * with column-blocks.ts's copies. 14 dispatches forward and backward, where towers.ts's ops
 * take about 23 on webgpu. The maths is towers.ts's with D = 2.
 */
import * as tf from '@tensorflow/tfjs';
import { concatColumns, splitColumns } from '../kernels/column-blocks';
import { gemm } from '../kernels/gemm';
import { towerHeadsGradWebGpu, towerHeadsWebGpu } from '../kernels/webgpu/tower-heads-webgpu';
import { columnSums } from './fused-ops';
import type { DenseLayer } from './model-parts';

/** logits [B, H] for z [B, n] and H towers [hidden (u units), output (1 unit)]. */
export function shallowTowersWebGpu(towers: readonly (readonly DenseLayer[])[], z: tf.Tensor2D): tf.Tensor2D {
  const nHeads = towers.length;
  const units = towers[0][0].kernel.shape[1] as number;
  const row = (t: tf.Tensor) => tf.reshape(t, [1, -1]) as tf.Tensor2D; // a reshape: no kernel
  const vars = [0, 1].flatMap((i) =>
    (['kernel', 'bias'] as const).flatMap((k) => towers.map((l) => l[i]![k])),
  );
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const zi = args[0] as tf.Tensor2D;
    const part = (i: number) => args.slice(1 + i * nHeads, 1 + (i + 1) * nHeads) as tf.Tensor[];
    const [k0, b0, k1, b1] = [0, 1, 2, 3].map(part) as [tf.Tensor[], tf.Tensor[], tf.Tensor[], tf.Tensor[]];
    const kernels0 = concatColumns(k0 as tf.Tensor2D[]); // [n, H u]
    const bias0 = tf.reshape(concatColumns(b0.map(row)), [-1]) as tf.Tensor1D; // [H u]
    const t = gemm(zi, kernels0, { bias: bias0, relu: true }); // [B, H u]
    const w = concatColumns(k1 as tf.Tensor2D[]); // [u, H]
    const c = concatColumns(b1.map(row)); // [1, H]
    save([zi, kernels0, t, w]);
    return {
      value: towerHeadsWebGpu(t, w, c),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [zs, k0s, ts, ws] = saved as tf.Tensor2D[];
        const [dt, dw, dc] = towerHeadsGradWebGpu(dy, ts!, ws!) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const widths = Array<number>(nHeads).fill(units);
        const ones = Array<number>(nHeads).fill(1);
        return [
          gemm(dt, k0s!, { transposeB: true }),
          ...splitColumns(gemm(zs!, dt, { transposeA: true }), widths),
          ...splitColumns(row(columnSums(dt)), widths).map((x) => tf.reshape(x, [units])),
          ...splitColumns(dw, ones),
          ...splitColumns(dc, ones).map((x) => tf.reshape(x, [1])),
        ];
      },
    };
  });
  return op(z, ...vars) as tf.Tensor2D;
}
