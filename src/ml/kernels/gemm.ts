/**
 * Matrix products for the training step, with our own GEMM on wasm (kernels.wat's gemm: 4 x 8
 * register tiles over B packed in 8-column panels, 16-byte SIMD, the transposes read in place).
 *
 * C = op(A) op(B) (+ bias per column, then relu), op = identity or transpose; A [M, K] (or
 * [K, M] with transposeA), B [K, N] (or [N, K] with transposeB), bias [N]. Each output sums its
 * K products in order k = 0 .. K-1 from the bias (or 0), one float32 multiply and one add each.
 *
 * Why: the training step's products at batch 512 took about 6 ms of tfjs-backend-wasm's
 * BatchMatMul (XNNPACK) per step, about half the step, plus explicit transposes: its BatchMatMul
 * with a transpose flag is about 7x slower ([512,128] x [151,128]^T: 12.0 against 1.7 ms with a
 * transpose first), so every transposed operand was a kernel of its own. Elsewhere (other
 * backends, no SIMD module) tfjs's matMul and fused matMul run, with the same values up to float32
 * rounding; on wasm without the SIMD module, after an explicit transpose.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels, simdKernelsActive } from './simd/module';
import { transpose2d } from './transpose';
import { registerWasmKernel } from './wasm-kernel';
import { gemmWebGpu2d, type GemmWebGpuOptions } from './webgpu/gemm-webgpu';
import { onWebGpu } from './webgpu/program';

/** The kernel's name in tfjs's registry (backend 'wasm' only). */
export const GEMM_KERNEL = 'ColdStartLabGemm';

export interface GemmOptions {
  readonly transposeA?: boolean;
  readonly transposeB?: boolean;
  /** Added to every row of the product (length N). */
  readonly bias?: tf.Tensor1D;
  /** max(0, .) after the bias. */
  readonly relu?: boolean;
}

/**
 * gemm with operand masks, A ⊙ 1[maskA > 0] and B ⊙ 1[maskB > 0] (a relu layer's gradient
 * dy ⊙ 1[y > 0] applied as the operand is read): one dispatch on webgpu (webgpu/gemm-webgpu.ts),
 * elsewhere the masked operand first, then gemm.
 */
export function gemmMasked(a: tf.Tensor2D, b: tf.Tensor2D, opts: GemmWebGpuOptions): tf.Tensor2D {
  const { maskA, maskB, ...rest } = opts;
  if (onWebGpu() && a.dtype === 'float32' && b.dtype === 'float32')
    return gemmWebGpu2d(a, b, opts, GEMM_GRAD);
  const masked = (x: tf.Tensor2D, m: tf.Tensor | undefined) =>
    m ? (tf.mul(x, tf.step(m)) as tf.Tensor2D) : x;
  return gemm(masked(a, maskA), masked(b, maskB), rest);
}

type Attrs = { transposeA: boolean; transposeB: boolean; relu: boolean };

function gemmWasm(args: { inputs: tf.NamedTensorMap; backend: unknown; attrs: Attrs }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const simd = simdKernels(backend)!;
  const { a, b, bias } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const { transposeA, transposeB, relu } = args.attrs;
  const [m, k] = (transposeA ? [...a!.shape].reverse() : a!.shape) as [number, number];
  const n = (transposeB ? b!.shape[0] : b!.shape[1]) as number;
  const out = backend.makeOutput([m, n], 'float32');
  // Scratch: B in panels of 8 columns, the bias padded to them, one 4 x 8 edge tile.
  const panels = Math.ceil(n / 8);
  const scratch = backend.makeOutput([panels * 8 * (k + 1) + 32], 'float32');
  const at = (t: tf.TensorInfo) => backend.getMemoryOffset(t.dataId);
  const packed = at(scratch);
  const biasAt = packed + panels * 32 * k;
  if (bias) {
    const pad = backend.typedArrayFromHeap(scratch) as Float32Array;
    const start = panels * 8 * k;
    pad.set(backend.typedArrayFromHeap(bias) as Float32Array, start);
    pad.fill(0, start + n, start + panels * 8);
  }
  // B(k, j) at 4 (k sK + j sJ) bytes; A(i, k) at a + 4 (i rowStride + k kStride).
  simd.gemm_pack_b(at(b!), transposeB ? 1 : n, transposeB ? k : 1, k, n, packed);
  const [row, kStep] = transposeA ? [4, 4 * m] : [4 * k, 4];
  simd.gemm(
    at(a!),
    4 * row,
    row,
    kStep,
    m,
    k,
    n,
    packed,
    bias ? biasAt : 0,
    relu ? 1 : 0,
    at(out),
    biasAt + panels * 32,
  );
  backend.disposeData(scratch.dataId);
  return out;
}

/**
 * Gradients of C = op(A) op(B) (no bias, relu or mask: products with those run only where no
 * tape records, inside hand-differentiated nodes): with G = dC, for C = A B: dA = G B^T, dB = A^T G;
 * C = A B^T: dA = G B, dB = G^T A; C = A^T B: dA = B G^T, dB = A G; C = A^T B^T: dA = B^T G^T,
 * dB = G^T A^T.
 */
function gemmGrad(
  dy: tf.Tensor | tf.Tensor[],
  saved: tf.Tensor[],
  attrs: tf.NamedAttrMap,
): Record<string, () => tf.Tensor> {
  const { transposeA, transposeB, relu } = attrs as unknown as Attrs;
  const g = dy as tf.Tensor2D;
  const [a, b] = saved as [tf.Tensor2D, tf.Tensor2D];
  if (relu) throw new Error('gemm: no gradient through a fused bias or relu');
  if (!transposeA && !transposeB)
    return { a: () => gemm(g, b, { transposeB: true }), b: () => gemm(a, g, { transposeA: true }) };
  if (!transposeA) return { a: () => gemm(g, b), b: () => gemm(g, a, { transposeA: true }) };
  if (!transposeB) return { a: () => gemm(b, g, { transposeB: true }), b: () => gemm(a, g) };
  return {
    a: () => gemm(b, g, { transposeA: true, transposeB: true }),
    b: () => gemm(g, a, { transposeA: true, transposeB: true }),
  };
}

/** gemm's gradient in the registry (products with a bias, relu or mask run untaped only). */
const GEMM_GRAD = { inputsToSave: ['a', 'b'], gradFunc: gemmGrad };

function ourGemmApplies(a: tf.Tensor, b: tf.Tensor): boolean {
  return a.dtype === 'float32' && b.dtype === 'float32' && a.size > 0 && b.size > 0 && simdKernelsActive();
}

/** op(A) op(B) (+ bias, relu) as GemmOptions describes; shapes as tf.matMul checks them. */
export function gemm(a: tf.Tensor2D, b: tf.Tensor2D, opts: GemmOptions = {}): tf.Tensor2D {
  const { transposeA = false, transposeB = false, bias, relu = false } = opts;
  const k = transposeA ? a.shape[0] : a.shape[1];
  const kb = transposeB ? b.shape[1] : b.shape[0];
  if (k !== kb) throw new Error(`gemm: inner sizes differ (${a.shape} x ${b.shape})`);
  if (onWebGpu() && a.dtype === 'float32' && b.dtype === 'float32')
    return gemmWebGpu2d(a, b, opts, GEMM_GRAD);
  if (!ourGemmApplies(a, b)) return tfProduct(a, b, opts);
  registerWasmKernel(GEMM_KERNEL, gemmWasm, { inputsToSave: ['a', 'b'], gradFunc: gemmGrad });
  const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
  const attrs: Attrs = { transposeA, transposeB, relu };
  return tf.engine().runKernel(GEMM_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/** tfjs's own product: on wasm the operands are transposed first (its transpose flag is slow). */
function tfProduct(a: tf.Tensor2D, b: tf.Tensor2D, opts: GemmOptions): tf.Tensor2D {
  const explicit = tf.getBackend() === 'wasm';
  const [a2, ta] = opts.transposeA && explicit ? [transpose2d(a), false] : [a, opts.transposeA ?? false];
  const [b2, tb] = opts.transposeB && explicit ? [transpose2d(b), false] : [b, opts.transposeB ?? false];
  if (!opts.bias && !opts.relu) return tf.matMul(a2, b2, ta, tb);
  return tf.fused.matMul({
    a: a2,
    b: b2,
    transposeA: ta,
    transposeB: tb,
    bias: opts.bias,
    activation: opts.relu ? 'relu' : 'linear',
  }) as tf.Tensor2D;
}
