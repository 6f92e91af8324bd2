/**
 * The H heads' towers (identical shapes, at least one hidden layer) side by side as one
 * hand-differentiated node, for the optimised forward pass. tfjs's autodiff of the same ops
 * tapes every stack, reshape and transpose of the per-head variables and clones what their
 * gradients save; here the forward runs untaped and the backward is written out, about half the
 * kernels per step.
 */
import * as tf from '@tensorflow/tfjs';
import { columnSums } from './fused-ops';
import { concatColumns, splitColumns, splitFlat } from '../kernels/column-blocks';
import { gemm, gemmMasked } from '../kernels/gemm';
import { onWebGpu } from '../kernels/webgpu/program';
import { transpose2d } from '../kernels/transpose';
import type { DenseLayer } from './model-parts';
import { shallowTowersWebGpu } from './towers-webgpu';

/** Batched a^T for a [H, r, c] (wasm's BatchMatMul is slow with a transpose flag, gemm.ts). */
const swap = (a: tf.Tensor) => tf.transpose(a, [0, 2, 1]);

/**
 * logits [B, H] for z [B, n] and towers of depth D >= 2 (hidden layers 0..D-2, 1-unit output).
 * Forward: layer 0 of all heads is one matmul z [W_1 ... W_H] + [b_1 ... b_H] (columns grouped
 * by head), relu; hidden layer i >= 1 is a batched matmul over heads, t_i = relu(t_{i-1} W_i + b_i)
 * on [H, B, u]; the output is out[h, r] = sum_j t[h, r, j] w_h[j] + c_h.
 * Backward, with g = dlogits^T [H, B]: dc_h = sum_r g[h, r], dw_h = sum_r g[h, r] t[h, r, :],
 * dt = g w (outer product per head); per hidden layer, with d = dt * 1[t_i > 0]:
 * dW_i = t_{i-1}^T d, db_i = sum_rows d, dt_{i-1} = d W_i^T; layer 0 as fused-ops.ts's linear.
 */
export function towersNode(towers: readonly (readonly DenseLayer[])[], z: tf.Tensor2D): tf.Tensor2D {
  const nHeads = towers.length;
  const depth = towers[0].length;
  if (depth === 2 && onWebGpu()) return shallowTowersWebGpu(towers, z);
  const batch = z.shape[0];
  const units0 = towers[0][0].kernel.shape[1] as number;
  // Inputs in the order gradFunc returns their gradients: z, then per layer all kernels, all biases.
  const vars: tf.Tensor[] = [];
  for (let i = 0; i < depth; i++)
    for (const key of ['kernel', 'bias'] as const) vars.push(...towers.map((layers) => layers[i][key]));
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    const zi = args[0] as tf.Tensor2D;
    const ofLayer = (i: number) => {
      const at = 1 + 2 * nHeads * i;
      return [args.slice(at, at + nHeads), args.slice(at + nHeads, at + 2 * nHeads)] as tf.Tensor[][];
    };
    const [k0, b0] = ofLayer(0);
    // [W_1 ... W_H] side by side: one column concat (column-blocks.ts: one copy kernel on wasm
    // and webgpu; tfjs's Concat elsewhere).
    const kernels0 = concatColumns(k0 as tf.Tensor2D[]);
    const wide = gemm(zi, kernels0 as tf.Tensor2D, { bias: tf.concat(b0) as tf.Tensor1D, relu: true });
    const ts: tf.Tensor[] = [tf.transpose(tf.reshape(wide, [batch, nHeads, units0]), [1, 0, 2])]; // [H, B, u0]
    const ws: tf.Tensor[] = [];
    for (let i = 1; i < depth - 1; i++) {
      const [k, b] = ofLayer(i);
      const w = tf.stack(k);
      ws.push(w);
      const bias = tf.reshape(tf.stack(b), [nHeads, 1, -1]);
      ts.push(tf.relu(tf.add(tf.matMul(ts[i - 1], w), bias)));
    }
    const [kLast, bLast] = ofLayer(depth - 1);
    const units = kLast[0].shape[0] as number;
    const wOut = tf.reshape(tf.stack(kLast), [nHeads, 1, units]);
    const tLast = ts[ts.length - 1];
    const out = tf.add(tf.sum(tf.mul(tLast, wOut), 2), tf.stack(bLast)); // [H, B] (+ [H, 1])
    save([zi, kernels0, wide, wOut, ...ts, ...ws]);
    return {
      value: transpose2d(out),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [zs, k0s, wideS, wOutS] = saved as tf.Tensor2D[];
        const tsS = saved.slice(4, 4 + ts.length);
        const wsS = saved.slice(4 + ts.length);
        const g = transpose2d(dy); // [H, B]
        const g3 = tf.reshape(g, [nHeads, batch, 1]);
        // Per-head pieces of a [H, ...] result: one split kernel of the flat vector (column-blocks.ts).
        const perHead = (t: tf.Tensor, shape: number[]) =>
          splitFlat(tf.reshape(t, [-1]) as tf.Tensor1D, Array<number>(nHeads).fill(t.size / nHeads)).map(
            (p) => tf.reshape(p, shape),
          );
        const grads: tf.Tensor[][] = [];
        grads[depth - 1] = [
          // dw_h = g_h^T t_h as a batched [1, B] x [B, u] product (a Sum over the batch axis, not
          // the innermost, costs wasm a transpose: 0.3 ms at B = 512)
          ...perHead(tf.matMul(tf.reshape(g, [nHeads, 1, batch]), tsS[tsS.length - 1]), [units, 1]),
          ...perHead(tf.sum(g, 1), [1]),
        ];
        let dt: tf.Tensor = tf.mul(g3, wOutS); // [H, B, u]
        for (let i = depth - 2; i >= 1; i--) {
          const d = tf.mul(dt, tf.step(tsS[i]));
          const dW = tf.matMul(swap(tsS[i - 1]), d); // [H, u_{i-1}, u_i]
          const db = tf.sum(d, 1); // [H, u_i]
          grads[i] = [...tf.unstack(dW), ...tf.unstack(db)];
          dt = tf.matMul(d, swap(wsS[i - 1]));
        }
        // dWide = dt (as [B, H u0]) 1[wide > 0]; on webgpu the mask is applied as the products and
        // the sum read it (gemm.ts's gemmMasked), elsewhere once here.
        const masked = onWebGpu();
        const dtWide = tf.reshape(tf.transpose(dt, [1, 0, 2]), [batch, nHeads * units0]) as tf.Tensor2D;
        const dWide = masked ? dtWide : (tf.mul(dtWide, tf.step(wideS!)) as tf.Tensor2D);
        const mask = masked ? wideS : undefined;
        // dK0 = z^T dWide [fanIn, H u0]: head h's kernel gradient is its u0 columns.
        const widths = Array<number>(nHeads).fill(units0);
        const dK0 = gemmMasked(zs!, dWide, { transposeA: true, maskB: mask });
        grads[0] = [...splitColumns(dK0, widths), ...splitFlat(columnSums(dWide, mask), widths)];
        return [gemmMasked(dWide, k0s!, { transposeB: true, maskA: mask }), ...grads.flat()];
      },
    };
  });
  return op(z, ...vars) as tf.Tensor2D;
}
