/**
 * Our wasm GEMM (src/ml/kernels/gemm.ts) against tfjs-backend-wasm's own matMul (XNNPACK, with the
 * explicit transposes it needs) on the training step's nine products, interleaved in one process:
 * `B=4096 npx tsx scripts/gemm-ab.ts` (B defaults to 512). Each product gets fresh right operands
 * (20 per timing, as in training); a side's figure is the best of 3 x 7 timings. Prints ms and
 * GFLOP/s per product and the sums. docs/performance.md quotes it for batch 4096.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/ml/backend';
import { gemm, type GemmOptions } from '../src/ml/kernels/gemm';
import { setSimdKernelsEnabled } from '../src/ml/kernels/simd/module';
import { stepGemms } from './bench-gemm';

await initBackend('wasm');
const batch = Number(process.env.B ?? 512);
// The step's layouts, per layer: X W, X^T G (A transposed), G W^T (B transposed).
const layouts: GemmOptions[] = [{}, { transposeA: true }, { transposeB: true }];
const total = { ours: 0, tfjs: 0 };
const gflops = (m: number, k: number, n: number, ms: number) => ((2 * m * k * n) / ms / 1e6).toFixed(1);
for (const [i, [m, k, n]] of stepGemms(batch, 151, [128, 64], 160).entries()) {
  const o = layouts[i % 3] as GemmOptions;
  const a = tf.randomNormal(o.transposeA ? [k, m] : [m, k]) as tf.Tensor2D;
  const bs = Array.from({ length: 20 }, () => tf.randomNormal(o.transposeB ? [n, k] : [k, n]) as tf.Tensor2D);
  const time = (ours: boolean) => {
    setSimdKernelsEnabled(ours); // off: gemm falls back to tfjs's matMul
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      for (const b of bs) tf.tidy(() => gemm(a, b, o)).dispose();
      best = Math.min(best, (performance.now() - t) / bs.length);
    }
    return best;
  };
  time(true);
  time(false);
  let [ours, theirs] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let r = 0; r < 3; r++) {
    ours = Math.min(ours, time(true));
    theirs = Math.min(theirs, time(false));
  }
  setSimdKernelsEnabled(true);
  total.ours += ours;
  total.tfjs += theirs;
  console.log(
    `${m} x ${k} x ${n} ${JSON.stringify(o)}: ours ${ours.toFixed(3)} ms (${gflops(m, k, n, ours)} GFLOP/s), ` +
      `tfjs ${theirs.toFixed(3)} ms (${gflops(m, k, n, theirs)} GFLOP/s)`,
  );
  tf.dispose([a, ...bs]);
}
console.log(
  `batch ${batch}, the nine products: ours ${total.ours.toFixed(2)} ms, tfjs ${total.tfjs.toFixed(2)} ms`,
);
