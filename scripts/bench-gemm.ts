/**
 * The matrix-product floor of one training step: the step's dense GEMMs, each timed alone on a
 * tfjs backend and in PyTorch (same shapes, 1 thread), so the bench can say how much of the gap
 * to PyTorch is arithmetic that no reduction of kernel count or overhead can remove.
 *
 * The GEMMs of the joint-5task model at batch B (shared bottom, input width D = the concatenated
 * features, encoder widths u_1..u_L, the H towers' first layers side by side as one [u_L, H t]):
 * forward X W per layer; backward dW = X^T G and dX = G W^T per layer. That is 3 per layer, the
 * towers included: 2 x B x fanIn x fanOut flops each. Smaller products (one-hot lookups, the
 * 1-unit outputs, column sums) are left out, so the sum is a lower bound on a step's matmul time.
 *
 * Every timed product gets a fresh right-hand operand, as in training (the weights and gradients
 * are new tensors every step): tfjs-backend-wasm's XNNPACK path caches its packed copy of the right
 * operand by tensor, so reusing one would time a cached repack that training never gets (our GEMM
 * packs on every call either way).
 */
import { spawnSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { gemm } from '../src/ml/kernels/gemm';

/** [m, k, n]: an m x k by k x n product (2 m k n flops). */
export type GemmShape = readonly [number, number, number];

export interface GemmRow {
  readonly shape: GemmShape;
  readonly ms: number;
  readonly gflops: number;
}
export interface GemmFloor {
  readonly rows: readonly GemmRow[];
  /** Sum of the rows' ms: the step's GEMM time on this side. */
  readonly totalMs: number;
  readonly mflopPerStep: number;
  readonly gflops: number;
}

/** The step's GEMMs for batch b, input width d, encoder widths and the towers' total width. */
export function stepGemms(
  b: number,
  d: number,
  encoder: readonly number[],
  towersWidth: number,
): GemmShape[] {
  const widths = [d, ...encoder, towersWidth];
  const out: GemmShape[] = [];
  for (let i = 0; i + 1 < widths.length; i++) {
    const [fanIn, fanOut] = [widths[i] as number, widths[i + 1] as number];
    out.push([b, fanIn, fanOut], [fanIn, b, fanOut], [b, fanOut, fanIn]); // X W, X^T G, G W^T
  }
  return out;
}

function floorOf(rows: GemmRow[]): GemmFloor {
  const totalMs = rows.reduce((a, r) => a + r.ms, 0);
  const flops = rows.reduce((a, r) => a + 2 * r.shape[0] * r.shape[1] * r.shape[2], 0);
  return { rows, totalMs, mflopPerStep: flops / 1e6, gflops: flops / totalMs / 1e6 };
}

/**
 * Times each shape on the active tfjs backend with the product training uses (gemm.ts: our GEMM on
 * wasm, tfjs's matMul elsewhere): median of `repeats` runs of `reps` products.
 */
export function tfjsGemmFloor(shapes: readonly GemmShape[], reps = 40, repeats = 5): GemmFloor {
  const rows = shapes.map(([m, k, n]) => {
    const a = tf.randomNormal([m, k]) as tf.Tensor2D;
    const bs = Array.from({ length: reps + 5 }, () => tf.randomNormal([k, n]) as tf.Tensor2D);
    // Each product is freed as the next is issued; only the last is read back, so that queued
    // work (a GPU backend) is inside the timing while no per-product read-back is.
    const run = (from: number, count: number) => {
      let last: tf.Tensor | undefined;
      for (let i = from; i < from + count; i++) {
        last?.dispose();
        last = gemm(a, bs[i] as tf.Tensor2D);
      }
      last?.dataSync();
      last?.dispose();
    };
    run(reps, 5); // warm-up on operands not timed below
    const times: number[] = [];
    for (let r = 0; r < repeats; r++) {
      // A fresh set of right operands per repeat: re-randomised in place of the used ones.
      const t0 = performance.now();
      run(0, reps);
      times.push((performance.now() - t0) / reps);
      for (let i = 0; i < reps; i++) {
        bs[i]?.dispose();
        bs[i] = tf.randomNormal([k, n]) as tf.Tensor2D;
      }
    }
    tf.dispose([a, ...bs]);
    const ms = times.sort((x, y) => x - y)[Math.floor(times.length / 2)] as number;
    return { shape: [m, k, n] as GemmShape, ms, gflops: (2 * m * k * n) / ms / 1e6 };
  });
  return floorOf(rows);
}

const PY = `
import json, sys, time, torch
torch.set_num_threads(1)
rows = []
reps, repeats = int(sys.argv[2]), int(sys.argv[3])
for m, k, n in json.loads(sys.argv[1]):
    a = torch.randn(m, k); bs = [torch.randn(k, n) for _ in range(reps + 5)]
    for b in bs[reps:]: a @ b
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        for b in bs[:reps]: a @ b
        times.append((time.perf_counter() - t) / reps * 1e3)
    rows.append(sorted(times)[repeats // 2])
print(json.dumps(rows))
`;

/** The same shapes in PyTorch on one thread (python with torch), or why not. */
export function torchGemmFloor(
  shapes: readonly GemmShape[],
  python: string,
  reps = 40,
  repeats = 5,
): GemmFloor | { error: string } {
  const args = ['-c', PY, JSON.stringify(shapes), String(reps), String(repeats)];
  const r = spawnSync(python, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0)
    return { error: (r.stderr || r.error?.message || 'failed').trim().split('\n').pop() ?? '' };
  const ms = JSON.parse(r.stdout) as number[];
  return floorOf(
    shapes.map((shape, i) => {
      const t = ms[i] as number;
      return { shape, ms: t, gflops: (2 * shape[0] * shape[1] * shape[2]) / t / 1e6 };
    }),
  );
}

export interface GemmComparison {
  readonly shapes: readonly GemmShape[];
  readonly tfjs: GemmFloor;
  readonly torch: GemmFloor | { error: string };
  /** PyTorch's whole training step at batch 512, 1 thread (ms), from the training rows. */
  readonly torchStepMs: number;
  /**
   * torchStepMs / tfjs GEMM ms: the best tfjs / PyTorch ratio possible if everything but these
   * GEMMs took no time at all on the tfjs side (an upper bound on the ratio, unitless).
   */
  readonly ratioCeiling: number;
}

/** Prints the tfjs and PyTorch GEMM floors side by side and the ratio they cap; returns them. */
export function compareGemmFloors(
  tfjs: { shapes: readonly GemmShape[]; floor: GemmFloor },
  python: string,
  torchStepMs: number,
): GemmComparison {
  const torch = torchGemmFloor(tfjs.shapes, python);
  const f = (x: number) => x.toFixed(3).padStart(7);
  console.log(
    `\nThe step's GEMMs alone (batch ${tfjs.shapes[0]?.[0]}, fresh right operand each, 1 thread; median of repeats):`,
  );
  tfjs.shapes.forEach((s, i) => {
    const a = tfjs.floor.rows[i] as GemmRow;
    const b = 'rows' in torch ? (torch.rows[i] as GemmRow) : undefined;
    console.log(
      `  ${s.join(' x ').padEnd(16)} wasm ${f(a.ms)} ms ${a.gflops.toFixed(1).padStart(5)} GFLOP/s` +
        (b ? `   torch ${f(b.ms)} ms ${b.gflops.toFixed(1).padStart(5)} GFLOP/s` : ''),
    );
  });
  const ratioCeiling = torchStepMs / tfjs.floor.totalMs;
  console.log(
    `  sum: wasm ${tfjs.floor.totalMs.toFixed(2)} ms (${tfjs.floor.gflops.toFixed(1)} GFLOP/s)` +
      ('rows' in torch
        ? `, torch ${torch.totalMs.toFixed(2)} ms (${torch.gflops.toFixed(1)} GFLOP/s)`
        : `, torch: ${torch.error}`),
  );
  console.log(
    `  PyTorch's whole step is ${torchStepMs.toFixed(2)} ms: with nothing but these GEMMs, wasm would reach a ratio of ` +
      `${ratioCeiling.toFixed(2)} at most`,
  );
  return {
    shapes: tfjs.shapes,
    tfjs: tfjs.floor,
    torch,
    torchStepMs,
    ratioCeiling: +ratioCeiling.toFixed(3),
  };
}
