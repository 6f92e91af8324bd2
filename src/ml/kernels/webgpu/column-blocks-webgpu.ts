/**
 * column-blocks.ts's concat(parts, 1) and its inverse on tfjs-backend-webgpu, up to seven parts
 * per dispatch: tfjs's Concat binds at most 7 inputs per program and its split (Slice) is one
 * dispatch per part (the step's 13 input parts: 13 slices for the gradient, 7 concat dispatches).
 * Bits are copied as u32, so int32 and float32 data move alike. A concat of more than seven parts
 * writes its one output in several dispatches, each to its own columns.
 *
 * Maths: for x [r, c] and widths w_1 .. w_k summing to c, part_j[i, :] = x[i, o_j .. o_j + w_j)
 * with o_j = w_1 + ... + w_{j-1}. Rank-1 x: one row.
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

export const CONCAT_COLUMNS_WEBGPU_KERNEL = 'ColdStartLabConcatColumnsWebGpu';
export const SPLIT_COLUMNS_WEBGPU_KERNEL = 'ColdStartLabSplitColumnsWebGpu';

/** Parts per dispatch: the whole matrix plus seven parts fill the 8 storage bindings. */
const PARTS = 7;
const WG = 256;

/** One dispatch copying between x (binding 0) and parts 1..k; toParts picks the direction. */
function copyCode(k: number, bindings: readonly Binding[], toParts: boolean): string {
  const names = ['x', ...Array.from({ length: k }, (_, j) => `p${j}`)];
  const arms = Array.from({ length: k }, (_, j) => {
    const copy = toParts
      ? `p${j}[r * w + c] = x[r * u.total + u.o${j} + c];`
      : `x[r * u.total + u.o${j} + c] = p${j}[r * w + c];`;
    return `if (j == ${j}u) { let w = u.w${j}; if (c < w) { ${copy} } }`;
  });
  return `
struct U { rows: u32, total: u32, ${Array.from({ length: k }, (_, j) => `o${j}: u32, w${j}: u32,`).join(' ')} };
${storageDecls(
  bindings,
  names,
  names.map(() => 'u32'),
)}
@group(0) @binding(${bindings.length}) var<uniform> u: U;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  // x: column within the part's row-major [rows, w] block; y: row; z: part.
  let j = gid.z;
  let r = gid.y;
  let c = gid.x;
  if (r >= u.rows) { return; }
  ${arms.join('\n  ')}
}`;
}

function copy(
  x: tf.TensorInfo,
  parts: readonly tf.TensorInfo[],
  widths: readonly number[],
  rows: number,
  toParts: boolean,
) {
  const total = widths.reduce((a, w) => a + w, 0);
  let offset = 0;
  for (let at = 0; at < parts.length; at += PARTS) {
    const chunk = parts.slice(at, at + PARTS);
    const ws = widths.slice(at, at + PARTS);
    const bindings: Binding[] = [
      { tensor: x, write: !toParts },
      ...chunk.map((tensor) => ({ tensor, write: toParts })),
    ];
    const fields = ws.flatMap((w) => {
      const f = [
        ['u', offset],
        ['u', w],
      ] as const;
      offset += w;
      return f;
    });
    runProgram({
      name: toParts ? 'ColdStartLabSplitColumns' : 'ColdStartLabConcatColumns',
      code: copyCode(chunk.length, bindings, toParts),
      bindings,
      workgroups: [ceilDiv(Math.max(...ws), WG), rows, chunk.length],
      uniforms: packUniforms([['u', rows], ['u', total], ...fields]),
    });
  }
}

/** A new tensor whose buffer holds the same element type as `like`'s buffer, labelled `dtype`. */
function outputLike(like: tf.TensorInfo, shape: number[], dtype: tf.DataType): tf.TensorInfo {
  const info = makeOutput(shape, elementType(like) === 'i32' ? 'int32' : 'float32');
  return { ...info, dtype };
}

function concatKernel(args: { inputs: tf.NamedTensorMap }): tf.TensorInfo {
  const parts = Object.values(args.inputs) as tf.TensorInfo[];
  const rows = parts[0]!.shape[0] as number;
  const widths = parts.map((p) => p.shape[1] as number);
  const out = outputLike(parts[0]!, [rows, widths.reduce((a, w) => a + w, 0)], parts[0]!.dtype);
  copy(out, parts, widths, rows, false);
  return out;
}

function splitKernel(args: { inputs: tf.NamedTensorMap; attrs: { widths: number[] } }): tf.TensorInfo[] {
  const x = args.inputs.x as tf.TensorInfo;
  const flat = x.shape.length === 1;
  const rows = flat ? 1 : (x.shape[0] as number);
  const { widths } = args.attrs;
  const outs = widths.map((w) => outputLike(x, flat ? [w] : [rows, w], x.dtype));
  copy(x, outs, widths, rows, true);
  return outs;
}

/** Whether the webgpu copies apply: every tensor's data is 4-byte and all buffers share one element type. */
export function columnBlocksApplyWebGpu(ts: readonly tf.Tensor[]): boolean {
  if (ts.some((t) => t.dtype === 'string' || t.dtype === 'complex64' || t.size === 0)) return false;
  const type = elementType(ts[0]!);
  return ts.every((t) => elementType(t) === type);
}

/** concat(parts, 1) for 2-D parts [r, w_j] -> [r, sum w_j], seven parts per dispatch. */
export function concatColumnsWebGpu(parts: readonly tf.Tensor2D[]): tf.Tensor2D {
  registerKernelOnce('webgpu', CONCAT_COLUMNS_WEBGPU_KERNEL, concatKernel);
  const inputs = Object.fromEntries(parts.map((p, j) => [`p${j}`, p]));
  return tf.engine().runKernel(CONCAT_COLUMNS_WEBGPU_KERNEL, inputs) as tf.Tensor2D;
}

/** The blocks of columns of x [r, sum widths] (or the pieces of a flat x), seven per dispatch. */
export function splitColumnsWebGpu<T extends tf.Tensor>(x: T, widths: readonly number[]): T[] {
  registerKernelOnce('webgpu', SPLIT_COLUMNS_WEBGPU_KERNEL, splitKernel);
  const attrs = { widths: [...widths] } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(SPLIT_COLUMNS_WEBGPU_KERNEL, { x }, attrs) as unknown as T[];
}
