/**
 * gemm.ts's product on tfjs-backend-webgpu as one WGSL dispatch: C = op(A ⊙ 1[MA > 0])
 * op(B ⊙ 1[MB > 0]) (+ bias per column, then relu), op = identity or transpose read in place, the
 * masks optional. The masks are the relu gradient of a fused layer (g = dy ⊙ 1[y > 0]), applied as
 * the operand is loaded, so a layer's backward products need no separate mask kernel.
 *
 * Each output sums its K products in order k = 0 .. K-1 from 0, then adds the bias: fixed order,
 * no atomics, so the same inputs give the same bits on a device (tfjs's matmul splits K across
 * workgroups for some shapes, MatMulSplitK, with atomics).
 *
 * Tiling: 64 x 64 outputs per workgroup of 16 x 16 invocations, each a 4 x 4 register block,
 * K in steps of 16 through workgroup memory (A 64 x 16 and B 16 x 64 floats, 8 KiB). Why: a
 * discrete GPU wants 256-invocation workgroups and enough reuse per load (each loaded float feeds
 * 4 multiply-adds from registers, 16 from workgroup memory); an integrated GPU's smaller register
 * file still holds a 4 x 4 block (16 accumulators) without spilling, and 8 KiB leaves room for
 * several resident workgroups in its 32-64 KiB of shared memory. The step's products are small
 * (M = 512 rows; N 64-160; K 64-512): 8 x 3 workgroups for the widest, so bigger tiles would
 * leave most of a discrete GPU idle.
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernelOnce } from '../wasm-kernel';
import {
  type Binding,
  ceilDiv,
  elementType,
  makeOutput,
  packUniforms,
  runProgram,
  storageDecls,
} from './program';

/** The kernel's name in tfjs's registry (backend 'webgpu' only). */
export const GEMM_WEBGPU_KERNEL = 'ColdStartLabGemmWebGpu';

const TILE = 64;
const KSTEP = 16;

export interface GemmWebGpuAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  readonly relu: boolean;
}

function gemmCode(bindings: readonly Binding[], names: readonly string[]): string {
  const has = (n: string) => names.includes(n);
  const loadA = has('maskA') ? 'select(0.0, f32(a[ia]), f32(maskA[ia]) > 0.0)' : 'f32(a[ia])';
  const loadB = has('maskB') ? 'select(0.0, f32(b[ib]), f32(maskB[ib]) > 0.0)' : 'f32(b[ib])';
  return `
struct U { m: u32, n: u32, k: u32, transA: u32, transB: u32, relu: u32 };
${storageDecls(
  bindings,
  names,
  bindings.map((b) => (b.write ? 'f32' : elementType(b.tensor))),
)}
@group(0) @binding(${bindings.length}) var<uniform> u: U;
var<workgroup> As: array<array<f32, ${KSTEP}>, ${TILE}>;
var<workgroup> Bs: array<array<f32, ${TILE}>, ${KSTEP}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let row0 = wid.y * ${TILE}u;
  let col0 = wid.x * ${TILE}u;
  let t = lid.y * 16u + lid.x;
  var acc: array<array<f32, 4>, 4>;
  for (var k0 = 0u; k0 < u.k; k0 += ${KSTEP}u) {
    // 256 invocations load 64 x 16 of A and 16 x 64 of B, 4 each; outside the matrix: 0.
    for (var e = 0u; e < 4u; e++) {
      let idx = t + e * 256u;
      let r = idx / ${KSTEP}u;
      let kk = idx % ${KSTEP}u;
      let gi = row0 + r;
      let gk = k0 + kk;
      var av = 0.0;
      if (gi < u.m && gk < u.k) {
        let ia = select(gi * u.k + gk, gk * u.m + gi, u.transA == 1u);
        av = ${loadA};
      }
      As[r][kk] = av;
      let kb = idx / ${TILE}u;
      let c = idx % ${TILE}u;
      let gj = col0 + c;
      let gkb = k0 + kb;
      var bv = 0.0;
      if (gj < u.n && gkb < u.k) {
        let ib = select(gkb * u.n + gj, gj * u.k + gkb, u.transB == 1u);
        bv = ${loadB};
      }
      Bs[kb][c] = bv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${KSTEP}u; kk++) {
      var bcol: array<f32, 4>;
      for (var j = 0u; j < 4u; j++) { bcol[j] = Bs[kk][lid.x * 4u + j]; }
      for (var i = 0u; i < 4u; i++) {
        let av = As[lid.y * 4u + i][kk];
        for (var j = 0u; j < 4u; j++) { acc[i][j] = acc[i][j] + av * bcol[j]; }
      }
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < 4u; i++) {
    let gi = row0 + lid.y * 4u + i;
    if (gi >= u.m) { continue; }
    for (var j = 0u; j < 4u; j++) {
      let gj = col0 + lid.x * 4u + j;
      if (gj >= u.n) { continue; }
      var x = acc[i][j];
      ${has('bias') ? 'x = x + f32(bias[gj]);' : ''}
      if (u.relu == 1u) { x = max(x, 0.0); }
      out[gi * u.n + gj] = x;
    }
  }
}`;
}

function gemmWebGpu(args: { inputs: tf.NamedTensorMap; attrs: GemmWebGpuAttrs }): tf.TensorInfo {
  const { transposeA, transposeB, relu } = args.attrs;
  const inputs = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const a = inputs.a!;
  const b = inputs.b!;
  const [m, k] = (transposeA ? [a.shape[1], a.shape[0]] : a.shape) as [number, number];
  const n = (transposeB ? b.shape[0] : b.shape[1]) as number;
  const out = makeOutput([m, n]);
  const names = ['a', 'b', ...(['bias', 'maskA', 'maskB'] as const).filter((x) => inputs[x]), 'out'];
  const bindings: Binding[] = names.map((x) =>
    x === 'out' ? { tensor: out, write: true } : { tensor: inputs[x]! },
  );
  runProgram({
    name: 'ColdStartLabGemm',
    code: gemmCode(bindings, names),
    bindings,
    workgroups: [ceilDiv(n, TILE), ceilDiv(m, TILE), 1],
    uniforms: packUniforms([
      ['u', m],
      ['u', n],
      ['u', k],
      ['u', transposeA ? 1 : 0],
      ['u', transposeB ? 1 : 0],
      ['u', relu ? 1 : 0],
    ]),
  });
  return out;
}

export interface GemmWebGpuOptions {
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
  readonly bias?: tf.Tensor1D;
  readonly relu?: boolean;
  /** A is read as A ⊙ 1[maskA > 0] (maskA shaped as A). */
  readonly maskA?: tf.Tensor;
  /** B is read as B ⊙ 1[maskB > 0] (maskB shaped as B). */
  readonly maskB?: tf.Tensor;
}

/** op(A) op(B) (+ bias, relu) as one dispatch; a, b float32 rank 2, inner sizes checked by the caller. */
export function gemmWebGpu2d(
  a: tf.Tensor2D,
  b: tf.Tensor2D,
  opts: GemmWebGpuOptions = {},
  /** The product's gradient for the registry (gemm.ts's, shared with the wasm kernel). */
  gradient?: Omit<tf.GradConfig, 'kernelName'>,
): tf.Tensor2D {
  registerKernelOnce('webgpu', GEMM_WEBGPU_KERNEL, gemmWebGpu, gradient);
  const inputs: tf.NamedTensorMap = { a, b };
  if (opts.bias) inputs.bias = opts.bias;
  if (opts.maskA) inputs.maskA = opts.maskA;
  if (opts.maskB) inputs.maskB = opts.maskB;
  const attrs: GemmWebGpuAttrs = {
    transposeA: opts.transposeA ?? false,
    transposeB: opts.transposeB ?? false,
    relu: opts.relu ?? false,
  };
  return tf
    .engine()
    .runKernel(GEMM_WEBGPU_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
