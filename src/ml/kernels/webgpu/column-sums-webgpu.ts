/**
 * Column sums of a [B, n] matrix, optionally masked: out[c] = sum_r x[r, c] 1[mask[r, c] > 0],
 * as one WGSL dispatch on tfjs-backend-webgpu (a fused layer's bias gradient, sum_rows dy ⊙
 * 1[y > 0], which the tfjs ops make in three kernels: step, multiply, sum). Rows are summed in
 * column-reduce.ts's fixed order.
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernelOnce } from '../wasm-kernel';
import { ceilDiv, elementType, makeOutput, packUniforms, runProgram, storageDecls } from './program';
import { COLS, columnKernelWgsl, LANES } from './column-reduce';

export const COLUMN_SUMS_WEBGPU_KERNEL = 'ColdStartLabColumnSumsWebGpu';

function code(masked: boolean, bindings: Parameters<typeof storageDecls>[0], names: string[]): string {
  const load = masked ? 'select(0.0, f32(x[i]), f32(mask[i]) > 0.0)' : 'f32(x[i])';
  return columnKernelWgsl(
    `
struct U { rows: u32, cols: u32 };
${storageDecls(
  bindings,
  names,
  bindings.map((b) => (b.write ? 'f32' : elementType(b.tensor))),
)}
@group(0) @binding(${bindings.length}) var<uniform> u: U;`,
    `  var s = 0.0;
  if (c < u.cols) { for (var r = lid.y; r < u.rows; r += ${LANES}u) { let i = r * u.cols + c; s = s + ${load}; } }
  let total = reduce(s, lid);
  if (c < u.cols && lid.y == 0u) { out[c] = total; }`,
  );
}

function columnSumsKernel(args: { inputs: tf.NamedTensorMap }): tf.TensorInfo {
  const { x, mask } = args.inputs as Record<string, tf.TensorInfo | undefined>;
  const [rows, cols] = x!.shape as [number, number];
  const out = makeOutput([cols]);
  const names = mask ? ['x', 'mask', 'out'] : ['x', 'out'];
  const bindings = [{ tensor: x! }, ...(mask ? [{ tensor: mask }] : []), { tensor: out, write: true }];
  runProgram({
    name: 'ColdStartLabColumnSums',
    code: code(mask !== undefined, bindings, names),
    bindings,
    workgroups: [ceilDiv(cols, COLS), 1, 1],
    uniforms: packUniforms([
      ['u', rows],
      ['u', cols],
    ]),
  });
  return out;
}

/** sum_r x[r, :] (⊙ 1[mask > 0] when given) of x [B, n] -> [n]. */
export function columnSumsWebGpu(x: tf.Tensor2D, mask?: tf.Tensor2D): tf.Tensor1D {
  registerKernelOnce('webgpu', COLUMN_SUMS_WEBGPU_KERNEL, columnSumsKernel);
  return tf.engine().runKernel(COLUMN_SUMS_WEBGPU_KERNEL, mask ? { x, mask } : { x }) as tf.Tensor1D;
}
