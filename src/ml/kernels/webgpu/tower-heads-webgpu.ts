/**
 * The 1-unit output layer of H towers side by side, forward and backward, one WGSL dispatch each
 * on tfjs-backend-webgpu (towers-webgpu.ts). The tfjs ops take a transpose to [H, B, u], a
 * multiply, a sum and a bias add forward, and a transpose, a batched matmul, a sum, a multiply,
 * a transpose back and the relu mask backward.
 *
 * With t [B, H u] the relu'd hidden layer (head h's units in columns h u .. h u + u - 1), w [u, H]
 * (column h: head h's output kernel) and c [1, H]:
 *   forward  out[b, h] = sum_j t[b, h u + j] w[j, h] + c[h]   (j in order: fixed, as the ops' sum)
 *   backward with g = dout [B, H]: dw[j, h] = sum_b g[b, h] t[b, h u + j], dc[h] = sum_b g[b, h],
 *            dt[b, h u + j] = g[b, h] w[j, h] 1[t[b, h u + j] > 0]   (the relu gradient included).
 * Sums over b in column-reduce.ts's fixed order; no atomics.
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernelOnce } from '../wasm-kernel';
import { COLS, columnKernelWgsl, LANES } from './column-reduce';
import {
  type Binding,
  ceilDiv,
  makeOutput,
  packUniforms,
  requireFloatBuffers,
  runProgram,
  shaderDecls,
} from './program';

export const TOWER_HEADS_WEBGPU_KERNEL = 'ColdStartLabTowerHeadsWebGpu';
export const TOWER_HEADS_GRAD_WEBGPU_KERNEL = 'ColdStartLabTowerHeadsGradWebGpu';

const decls = (bindings: readonly Binding[], names: readonly string[]) =>
  shaderDecls('rows: u32, heads: u32, units: u32', bindings, names);

function forwardCode(bindings: readonly Binding[], names: readonly string[]): string {
  return `${decls(bindings, names)}
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= u.rows * u.heads) { return; }
  let b = i / u.heads;
  let h = i % u.heads;
  let base = b * u.heads * u.units + h * u.units;
  var s = 0.0;
  for (var j = 0u; j < u.units; j++) { s = s + t[base + j] * w[j * u.heads + h]; }
  out[i] = s + c[h];
}`;
}

function backwardCode(bindings: readonly Binding[], names: readonly string[]): string {
  return columnKernelWgsl(
    decls(bindings, names),
    `  let width = u.heads * u.units;
  let live = c < width;
  let h = select(0u, c / u.units, live);
  let j = select(0u, c % u.units, live);
  let wj = select(0.0, w[j * u.heads + h], live);
  var sw = 0.0;
  var sc = 0.0;
  if (live) {
    for (var b = lid.y; b < u.rows; b += ${LANES}u) {
      let gb = g[b * u.heads + h];
      let tb = t[b * width + c];
      sw = sw + gb * tb;
      sc = sc + gb;
      dt[b * width + c] = select(0.0, gb * wj, tb > 0.0);
    }
  }
  let dwj = reduce(sw, lid);
  let dch = reduce(sc, lid);
  if (live && lid.y == 0u) {
    dw[j * u.heads + h] = dwj;
    if (j == 0u) { dc[h] = dch; }
  }`,
  );
}

const uniformsOf = (rows: number, heads: number, units: number) =>
  packUniforms([
    ['u', rows],
    ['u', heads],
    ['u', units],
  ]);

function forwardKernel(args: { inputs: tf.NamedTensorMap }): tf.TensorInfo {
  const { t, w, c } = args.inputs as Record<string, tf.TensorInfo>;
  requireFloatBuffers('tower heads', t!, w!, c!);
  const [units, heads] = w!.shape as [number, number];
  const rows = t!.shape[0] as number;
  const out = makeOutput([rows, heads]);
  const names = ['t', 'w', 'c', 'out'];
  const bindings = [{ tensor: t! }, { tensor: w! }, { tensor: c! }, { tensor: out, write: true }];
  runProgram({
    name: 'ColdStartLabTowerHeads',
    code: forwardCode(bindings, names),
    bindings,
    workgroups: [ceilDiv(rows * heads, 64), 1, 1],
    uniforms: uniformsOf(rows, heads, units),
  });
  return out;
}

function backwardKernel(args: { inputs: tf.NamedTensorMap }): tf.TensorInfo[] {
  const { g, t, w } = args.inputs as Record<string, tf.TensorInfo>;
  requireFloatBuffers('tower heads gradient', g!, t!, w!);
  const [units, heads] = w!.shape as [number, number];
  const rows = t!.shape[0] as number;
  const [dt, dw, dc] = [
    makeOutput([rows, heads * units]),
    makeOutput([units, heads]),
    makeOutput([1, heads]),
  ];
  const names = ['g', 't', 'w', 'dt', 'dw', 'dc'];
  const bindings = [g!, t!, w!]
    .map((tensor) => ({ tensor }))
    .concat([dt, dw, dc].map((tensor) => ({ tensor, write: true })));
  runProgram({
    name: 'ColdStartLabTowerHeadsGrad',
    code: backwardCode(bindings, names),
    bindings,
    workgroups: [ceilDiv(heads * units, COLS), 1, 1],
    uniforms: uniformsOf(rows, heads, units),
  });
  return [dt, dw, dc];
}

/** out [B, H] of the output layers; t [B, H u], w [u, H], c [1, H]. */
export function towerHeadsWebGpu(t: tf.Tensor2D, w: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  registerKernelOnce('webgpu', TOWER_HEADS_WEBGPU_KERNEL, forwardKernel);
  return tf.engine().runKernel(TOWER_HEADS_WEBGPU_KERNEL, { t, w, c }) as tf.Tensor2D;
}

/** [dt (relu mask applied), dw, dc] for the upstream gradient g [B, H]. */
export function towerHeadsGradWebGpu(g: tf.Tensor, t: tf.Tensor, w: tf.Tensor): tf.Tensor2D[] {
  registerKernelOnce('webgpu', TOWER_HEADS_GRAD_WEBGPU_KERNEL, backwardKernel);
  return tf.engine().runKernel(TOWER_HEADS_GRAD_WEBGPU_KERNEL, { g, t, w }) as tf.Tensor2D[];
}
