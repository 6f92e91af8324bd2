/**
 * The fused embedding lookup on tfjs-backend-webgpu and its gradient: every embedding table of
 * the model in one flat variable (model/flat-tables.ts), read by one dispatch that writes the
 * encoder's whole input, and written back by one deterministic dispatch.
 *
 * Forward, for batch row r and output column e of x [B, W], W = sum_j d_j + numericWidth:
 *   categorical column j:  x[r, o_j + k] = T_j[c_j(r), k]
 *   multi column j:        x[r, o_j + k] = sum_{l = 0 .. L_j - 1} w_j(r, l) T_j[c_j(r, l), k]
 *                          (in increasing l, as the cpu ops sum it; padding slots have w = 0)
 *   numeric column m:      x[r, sum_j d_j + m] = numeric[r, m]
 * with T_j[v, k] = flat[tableOffset_j + v d_j + k]. It replaces, per step, the one-hot matrices
 * and their products (small vocabularies), the gathers, weights and sums of the large ones, and
 * the concatenation of the parts (tfjs's or our column copies).
 *
 * Gradient, for every element (j, v, k) of the flat table and the upstream gradient dx [B, W]:
 *   dT_j[v, k] = sum over slots s of column j with id v, in increasing slot position,
 *                of dx[r(s), o_j + k] (times w_j(r(s), l(s)) for a multi column),
 * an id absent from the batch getting 0. The slots of each column are sorted by id on the host
 * (model/segment-plan.ts lookupPlan, the same stable counting sort as the per-column plans), one
 * invocation per table element finds its id's run by binary search and sums it in that fixed
 * order: no atomics, the same bits on every run. dx is read in place (no split of the encoder
 * input's gradient); numeric columns get no gradient.
 *
 * Bindings (at most 8 storage buffers per shader): forward catCodes, multiCodes, multiWeights,
 * numeric, flat, meta, x (7); gradient dx, plan, multiWeights, meta, dflat (5).
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernelOnce } from '../wasm-kernel';
import {
  type Binding,
  ceilDiv,
  elementType,
  makeOutput,
  MAX_WORKGROUPS_PER_DIM,
  packUniforms,
  requireFloatBuffers,
  runProgram,
  shaderDecls,
} from './program';
import { OUT_META, TABLE_META } from '../../model/flat-tables';

export const LOOKUP_WEBGPU_KERNEL = 'ColdStartLabLookupWebGpu';
export const LOOKUP_GRAD_WEBGPU_KERNEL = 'ColdStartLabLookupGradWebGpu';

/** Invocations per workgroup: one output element each (see the kernels README on sizes). */
const WG = 256;

/** Workgroups for n one-element invocations, folded into y past the per-dimension limit. */
function groupsFor(n: number): [number, number, number] {
  const groups = Math.max(1, ceilDiv(n, WG));
  const x = Math.min(groups, MAX_WORKGROUPS_PER_DIM);
  return [x, ceilDiv(groups, x), 1];
}

/** The flat invocation index, and the WGSL entry point's header, for groupsFor's dispatch. */
const ENTRY = `@compute @workgroup_size(${WG})
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>,
        @builtin(local_invocation_index) li: u32) {
  let i = (wg.y * nwg.x + wg.x) * ${WG}u + li;`;

function requireIntBuffers(name: string, ...ts: tf.TensorInfo[]): void {
  if (ts.some((t) => elementType(t) !== 'i32')) throw new Error(`${name}: codes must be int32 data`);
}

/** The layout's sizes the kernels take as attributes (the rest is in the meta tensor). */
export interface LookupAttrs {
  readonly width: number;
  readonly tableSize: number;
  readonly columns: number;
  readonly catWidth: number;
  readonly multiWidth: number;
  readonly numericWidth: number;
}

function lookupKernel(args: { inputs: tf.NamedTensorMap; attrs: LookupAttrs }): tf.TensorInfo {
  const { cat, codes, weights, numeric, table, meta } = args.inputs as Record<string, tf.TensorInfo>;
  const { width, catWidth, multiWidth, numericWidth } = args.attrs;
  requireIntBuffers('lookup', cat!, codes!, meta!);
  requireFloatBuffers('lookup', weights!, numeric!, table!);
  const rows = cat!.shape[0] as number;
  const out = makeOutput([rows, width]);
  const bindings: Binding[] = [
    ...[cat!, codes!, weights!, numeric!, table!, meta!].map((tensor) => ({ tensor })),
    { tensor: out, write: true },
  ];
  const names = ['cat', 'codes', 'weights', 'numeric', 'table', 'desc', 'x'];
  const types = ['i32', 'i32', 'f32', 'f32', 'f32', 'i32', 'f32'];
  runProgram({
    name: 'ColdStartLabLookup',
    code: `${shaderDecls('rows: u32, width: u32, cat: u32, multi: u32, num: u32', bindings, names, types)}
${ENTRY}
  if (i >= u.rows * u.width) { return; }
  let r = i / u.width;
  let e = i - r * u.width;
  let bagLen = desc[${OUT_META}u * e];
  let src = u32(desc[${OUT_META}u * e + 1u]);
  let base = desc[${OUT_META}u * e + 2u];
  let d = desc[${OUT_META}u * e + 3u];
  var v = 0.0;
  if (bagLen < 0) {
    v = numeric[r * u.num + src];
  } else if (bagLen == 0) {
    v = table[base + cat[r * u.cat + src] * d];
  } else {
    for (var l = 0u; l < u32(bagLen); l++) {
      let s = r * u.multi + src + l;
      v = v + table[base + codes[s] * d] * weights[s];
    }
  }
  x[i] = v;
}`,
    bindings,
    workgroups: groupsFor(rows * width),
    uniforms: packUniforms([
      ['u', rows],
      ['u', width],
      ['u', catWidth],
      ['u', multiWidth],
      ['u', numericWidth],
    ]),
  });
  return out;
}

function lookupGradKernel(args: { inputs: tf.NamedTensorMap; attrs: LookupAttrs }): tf.TensorInfo {
  const { dx, plan, weights, meta } = args.inputs as Record<string, tf.TensorInfo>;
  const { width, tableSize, columns, multiWidth } = args.attrs;
  requireIntBuffers('lookup gradient', plan!, meta!);
  requireFloatBuffers('lookup gradient', dx!, weights!);
  const rows = dx!.shape[0] as number;
  const out = makeOutput([tableSize]);
  const bindings: Binding[] = [
    ...[dx!, plan!, weights!, meta!].map((tensor) => ({ tensor })),
    { tensor: out, write: true },
  ];
  const names = ['dx', 'plan', 'weights', 'desc', 'dt'];
  const types = ['f32', 'i32', 'f32', 'i32', 'f32'];
  const t = (j: string, field: number) => `desc[u.tables + ${TABLE_META}u * ${j} + ${field}u]`;
  runProgram({
    name: 'ColdStartLabLookupGrad',
    code: `${shaderDecls('rows: u32, width: u32, multi: u32, columns: u32, size: u32, tables: u32', bindings, names, types)}
${ENTRY}
  if (i >= u.size) { return; }
  // The table holding flat element i: the last one starting at or before it.
  var j = 0u;
  for (var c = 1u; c < u.columns; c++) { if (u32(${t('c', 0)}) <= i) { j = c; } }
  let d = u32(${t('j', 1)});
  let o = u32(${t('j', 2)});
  let bagLen = u32(${t('j', 4)});
  let src = u32(${t('j', 5)});
  let within = i - u32(${t('j', 0)});
  let v = i32(within / d);
  let k = within - u32(v) * d;
  // The column's plan: n slot positions sorted by id, then the n ids ascending.
  let n = u.rows * max(bagLen, 1u);
  let p = 2u * u.rows * u32(${t('j', 3)});
  var lo = 0u;
  var hi = n;
  loop {
    if (lo >= hi) { break; }
    let mid = (lo + hi) / 2u;
    if (plan[p + n + mid] < v) { lo = mid + 1u; } else { hi = mid; }
  }
  var acc = 0.0;
  for (var s = lo; s < n; s++) {
    if (plan[p + n + s] != v) { break; }
    let pos = u32(plan[p + s]);
    if (bagLen == 0u) {
      acc = acc + dx[pos * u.width + o + k];
    } else {
      let r = pos / bagLen;
      acc = acc + dx[r * u.width + o + k] * weights[r * u.multi + src + (pos - r * bagLen)];
    }
  }
  dt[i] = acc;
}`,
    bindings,
    workgroups: groupsFor(tableSize),
    uniforms: packUniforms([
      ['u', rows],
      ['u', width],
      ['u', multiWidth],
      ['u', columns],
      ['u', tableSize],
      ['u', OUT_META * width],
    ]),
  });
  return out;
}

/** The batch's inputs the lookup reads (int32 codes, float32 weights and numeric values). */
export interface LookupInputs {
  readonly catCodes: tf.Tensor2D;
  readonly multiCodes: tf.Tensor2D;
  readonly multiWeights: tf.Tensor2D;
  readonly numericValues: tf.Tensor2D;
}

/** An empty input as one element (a zero-size buffer cannot be bound; the kernels never read it). */
const bindable = (t: tf.Tensor): tf.Tensor => (t.size > 0 ? t : tf.zeros([1], t.dtype));

/** x [B, W] (see the file's comment) for the flat table `table` and its layout's `meta`. WebGPU only. */
export function lookupWebGpu(
  table: tf.Tensor,
  inputs: LookupInputs,
  meta: tf.Tensor1D,
  attrs: LookupAttrs,
): tf.Tensor2D {
  registerKernelOnce('webgpu', LOOKUP_WEBGPU_KERNEL, lookupKernel);
  return tf.tidy(() =>
    tf.engine().runKernel(
      LOOKUP_WEBGPU_KERNEL,
      {
        cat: bindable(inputs.catCodes),
        codes: bindable(inputs.multiCodes),
        weights: bindable(inputs.multiWeights),
        numeric: bindable(inputs.numericValues),
        table,
        meta,
      },
      attrs as unknown as tf.NamedAttrMap,
    ),
  ) as tf.Tensor2D;
}

/** dflat [tableSize] for the upstream gradient dx [B, W] under the batch's lookup plan. WebGPU only. */
export function lookupGradWebGpu(
  dx: tf.Tensor2D,
  plan: tf.Tensor1D,
  multiWeights: tf.Tensor2D,
  meta: tf.Tensor1D,
  attrs: LookupAttrs,
): tf.Tensor1D {
  registerKernelOnce('webgpu', LOOKUP_GRAD_WEBGPU_KERNEL, lookupGradKernel);
  return tf.tidy(() =>
    tf
      .engine()
      .runKernel(
        LOOKUP_GRAD_WEBGPU_KERNEL,
        { dx, plan, weights: bindable(multiWeights), meta },
        attrs as unknown as tf.NamedAttrMap,
      ),
  ) as tf.Tensor1D;
}
