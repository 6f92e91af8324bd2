/**
 * Blocks of columns: concat(parts, 1) and its inverse, with faster kernels on wasm.
 *
 * tfjs-backend-wasm 4.22 concatenates along axis 1 with a `subarray` + `set` per row and part (13
 * parts of a [512, 151] input: about 0.7 ms), and slices a block of columns as a kernel of its own
 * that is costly per call (13 column blocks of a [128, 151] matrix: about 0.5 ms; the 33 pieces
 * of Adam's flat vector through SplitV: 0.4 ms). The kernels here copy over the wasm heap, once
 * per output, with no per-row allocation: with kernels.wat's copy_blocks where our SIMD kernels
 * run, else element by element in JavaScript. On webgpu: webgpu/column-blocks-webgpu.ts (seven
 * parts per dispatch). Other backends keep tf.concat and tf.split. No gradient is defined here: callers that need one wrap them in tf.customGrad.
 *
 * Maths: for x [r, c] and widths w_1 .. w_k summing to c, split gives part_j[i, :] =
 * x[i, o_j .. o_j + w_j) with o_j = w_1 + ... + w_{j-1}; concat is its inverse.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { bytesPerElement, type SimdKernels, simdKernels } from './simd/module';
import { onWasmKernels, registerWasmKernel } from './wasm-kernel';
import {
  columnBlocksApplyWebGpu,
  concatColumnsWebGpu,
  splitColumnsWebGpu,
} from './webgpu/column-blocks-webgpu';
import { onWebGpu } from './webgpu/program';

/** Kernel names in tfjs's registry (backend 'wasm' only). */
export const CONCAT_COLUMNS_KERNEL = 'ColdStartLabConcatColumns';
export const SPLIT_COLUMNS_KERNEL = 'ColdStartLabSplitColumns';

type Arrays = ReturnType<BackendWasm['typedArrayFromHeap']>;

/** Copies between x [rows, sum w] and the parts [rows, w_j]; toParts picks the direction. */
function copyBlocks(
  x: Arrays,
  parts: readonly Arrays[],
  widths: readonly number[],
  rows: number,
  toParts: boolean,
) {
  const total = widths.reduce((a, w) => a + w, 0);
  let offset = 0;
  parts.forEach((part, j) => {
    const w = widths[j] as number;
    if (rows === 1) {
      // One contiguous piece (a flat vector): a single memory copy.
      if (toParts) part.set(x.subarray(offset, offset + w));
      else x.set(part.subarray(0, w), offset);
      offset += w;
      return;
    }
    for (let i = 0; i < rows; i++) {
      let xi = i * total + offset;
      let pi = i * w;
      if (toParts) for (let e = 0; e < w; e++) part[pi++] = x[xi++] as number;
      else for (let e = 0; e < w; e++) x[xi++] = part[pi++] as number;
    }
    offset += w;
  });
}

/**
 * copyBlocks with kernels.wat's copy_blocks, one call per part (rows of w_j elements copied 16
 * bytes at a time; the JavaScript loops above copy one element at a time: 0.3-0.45 ms for the
 * step's [512, 151]). Pointers are bytes on the wasm heap.
 */
function copyBlocksSimd(
  simd: SimdKernels,
  x: number,
  parts: readonly number[],
  widths: readonly number[],
  rows: number,
  toParts: boolean,
  bytes: number,
) {
  const stride = widths.reduce((a, w) => a + w, 0) * bytes;
  let offset = 0;
  parts.forEach((part, j) => {
    const w = (widths[j] as number) * bytes;
    if (toParts) simd.copy_blocks(x + offset, stride, part, w, rows, w);
    else simd.copy_blocks(part, w, x + offset, stride, rows, w);
    offset += w;
  });
}

/** Copies between x and its parts on the backend's heap: SIMD kernels where they run, else JavaScript. */
function copyOnHeap(
  backend: BackendWasm,
  x: tf.TensorInfo,
  parts: readonly tf.TensorInfo[],
  widths: readonly number[],
  rows: number,
  toParts: boolean,
) {
  const simd = simdKernels(backend);
  if (simd) {
    const at = (t: tf.TensorInfo) => backend.getMemoryOffset(t.dataId);
    copyBlocksSimd(simd, at(x), parts.map(at), widths, rows, toParts, bytesPerElement(x.dtype));
    return;
  }
  const views = parts.map((p) => backend.typedArrayFromHeap(p));
  copyBlocks(backend.typedArrayFromHeap(x), views, widths, rows, toParts);
}

function concatColumnsWasm(args: { inputs: tf.NamedTensorMap; backend: unknown }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const parts = Object.values(args.inputs) as tf.TensorInfo[];
  const rows = parts[0]!.shape[0] as number;
  const widths = parts.map((p) => p.shape[1] as number);
  const out = backend.makeOutput([rows, widths.reduce((a, w) => a + w, 0)], parts[0]!.dtype);
  copyOnHeap(backend, out, parts, widths, rows, false);
  return out;
}

function splitColumnsWasm(args: {
  inputs: tf.NamedTensorMap;
  backend: unknown;
  attrs: { widths: number[] };
}): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const x = args.inputs.x as tf.TensorInfo;
  // A rank-1 x is one row, and its pieces are rank 1: the backend keeps each output's shape with
  // its data, and some kernels check it (a fused matmul's bias must be rank 1 there).
  const flat = x.shape.length === 1;
  const rows = flat ? 1 : (x.shape[0] as number);
  const { widths } = args.attrs;
  const outs = widths.map((w) => backend.makeOutput(flat ? [w] : [rows, w], x.dtype));
  copyOnHeap(backend, x, outs, widths, rows, true);
  return outs;
}

function ensureRegistered(): void {
  registerWasmKernel(CONCAT_COLUMNS_KERNEL, concatColumnsWasm);
  registerWasmKernel(SPLIT_COLUMNS_KERNEL, splitColumnsWasm);
}

/** concat(parts, 1) for 2-D parts [r, w_j] of one dtype -> [r, sum w_j]. */
export function concatColumns(parts: readonly tf.Tensor2D[]): tf.Tensor2D {
  if (parts.length === 1) return parts[0]!;
  if (onWebGpu() && columnBlocksApplyWebGpu(parts)) return concatColumnsWebGpu(parts);
  if (!onWasmKernels(parts[0]!) || parts.some((p) => p.size === 0)) return tf.concat([...parts], 1);
  ensureRegistered();
  const inputs = Object.fromEntries(parts.map((p, j) => [`p${j}`, p]));
  return tf.engine().runKernel(CONCAT_COLUMNS_KERNEL, inputs) as tf.Tensor2D;
}

/** The blocks of columns of x [r, sum widths], widths[j] columns each, in order. */
export function splitColumns(x: tf.Tensor2D, widths: readonly number[]): tf.Tensor2D[] {
  return split(x, widths, 1);
}

/** The pieces of a flat x [sum sizes] (rank 1), sizes[j] elements each, in order. */
export function splitFlat(x: tf.Tensor1D, sizes: readonly number[]): tf.Tensor1D[] {
  return split(x, sizes, 0);
}

function split<T extends tf.Tensor>(x: T, widths: readonly number[], axis: number): T[] {
  if (widths.length === 1) return [x];
  if (onWebGpu() && columnBlocksApplyWebGpu([x]) && widths.every((w) => w > 0))
    return splitColumnsWebGpu(x, widths);
  if (!onWasmKernels(x) || widths.some((w) => w === 0)) return tf.split(x, [...widths], axis) as T[];
  ensureRegistered();
  const attrs = { widths: [...widths] } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(SPLIT_COLUMNS_KERNEL, { x }, attrs) as unknown as T[];
}
