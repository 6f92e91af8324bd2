/**
 * loss.ts's masked multi-task loss and its gradient as one WGSL dispatch on tfjs-backend-webgpu,
 * targets included: the tfjs path makes the targets in 7 kernels (column and row gathers,
 * products, sums) and the loss and its saved gradient in about 16 more.
 *
 * Maths (loss.ts): y_t = labels[:, col_t], k_t = mask[source][t] labelPresent[:, col_t],
 * count_t = max(1, sum_rows k_t), BCE = (relu(x) - x y) + log(1 + exp(-|x|)),
 * L_t = (sum_rows k_t BCE) / count_t, total = sum_t L_t lambda_t, and the saved gradient
 * dL/dx = ((k_t lambda_t) / count_t) (sigmoid(x) - y). WGSL has no log1p: log(1 + e) with
 * e = exp(-|x|) in (0, 1] loses at most a few float32 ulps of BCE, far inside the 1e-4 the step
 * is checked to.
 *
 * One workgroup of 256 invocations: heads one after another, invocation i summing rows i, i +
 * 256, ... in order, then a fixed pairwise tree (deterministic, no atomics). The batch's few
 * thousand elements make one workgroup enough; the mask, label columns and weights travel as
 * uniforms (at most MAX_HEADS heads).
 */
import * as tf from '@tensorflow/tfjs';
import { registerKernelOnce } from '../wasm-kernel';
import { elementType, makeOutput, packUniforms, runProgram, storageDecls } from './program';

export const MASKED_LOSS_WEBGPU_KERNEL = 'ColdStartLabMaskedLossWebGpu';
/** The most heads the kernel's uniforms hold. */
export const MAX_HEADS = 8;
const WG = 256;

const NAMES = ['logits', 'labels', 'present', 'source', 'perTask', 'total', 'grad'];

function code(bindings: Parameters<typeof storageDecls>[0]): string {
  return `
struct U { rows: u32, heads: u32, mask: array<vec4<f32>, ${(2 * MAX_HEADS) / 4}>, cols: array<vec4<u32>, ${MAX_HEADS / 4}>, weights: array<vec4<f32>, ${MAX_HEADS / 4}> };
${storageDecls(
  bindings,
  NAMES,
  bindings.map((b) => (b.write ? 'f32' : elementType(b.tensor))),
)}
@group(0) @binding(${bindings.length}) var<uniform> u: U;
var<workgroup> red: array<f32, ${WG}>;
fn reduce(v: f32, t: u32) -> f32 {
  red[t] = v;
  workgroupBarrier();
  for (var s = ${WG / 2}u; s > 0u; s = s / 2u) {
    if (t < s) { red[t] = red[t] + red[t + s]; }
    workgroupBarrier();
  }
  let whole = red[0];
  workgroupBarrier();
  return whole;
}
fn maskAt(src: i32, h: u32) -> f32 { let j = u32(src) * ${MAX_HEADS}u + h; return u.mask[j / 4u][j % 4u]; }
@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  let t = lid.x;
  var sum = 0.0;
  for (var h = 0u; h < u.heads; h++) {
    let col = u.cols[h / 4u][h % 4u];
    let w = u.weights[h / 4u][h % 4u];
    var kept = 0.0;
    var loss = 0.0;
    for (var r = t; r < u.rows; r += ${WG}u) {
      let k = maskAt(i32(source[r]), h) * f32(present[r * 4u + col]);
      let x = f32(logits[r * u.heads + h]);
      let y = f32(labels[r * 4u + col]);
      let bce = (max(x, 0.0) - x * y) + log(1.0 + exp(-abs(x)));
      kept = kept + k;
      loss = loss + k * bce;
    }
    let count = max(reduce(kept, t), 1.0);
    let lt = reduce(loss, t) / count;
    for (var r = t; r < u.rows; r += ${WG}u) {
      let k = maskAt(i32(source[r]), h) * f32(present[r * 4u + col]);
      let x = f32(logits[r * u.heads + h]);
      let y = f32(labels[r * 4u + col]);
      grad[r * u.heads + h] = ((k * w) / count) * (1.0 / (1.0 + exp(-x)) - y);
    }
    if (t == 0u) { perTask[h] = lt; }
    sum = sum + lt * w;
  }
  if (t == 0u) { total[0] = sum; }
}`;
}

interface Attrs {
  /** Row-major [2, heads] (loss.ts's maskMatrix). */
  readonly mask: readonly number[];
  readonly cols: readonly number[];
  readonly weights: readonly number[];
}

function lossKernel(args: { inputs: tf.NamedTensorMap; attrs: Attrs }): tf.TensorInfo[] {
  const { logits, labels, labelPresent, source } = args.inputs as Record<string, tf.TensorInfo>;
  const [rows, heads] = logits!.shape as [number, number];
  const { mask, cols, weights } = args.attrs;
  const perTask = makeOutput([heads]);
  const total = makeOutput([]);
  const grad = makeOutput([rows, heads]);
  const bindings = [
    ...[logits!, labels!, labelPresent!, source!].map((tensor) => ({ tensor })),
    ...[perTask, total, grad].map((tensor) => ({ tensor, write: true })),
  ];
  const pad = (xs: readonly number[], n: number) => [...xs, ...Array<number>(n - xs.length).fill(0)];
  const maskPadded = [0, 1].flatMap((s) => pad(mask.slice(s * heads, (s + 1) * heads), MAX_HEADS));
  runProgram({
    name: 'ColdStartLabMaskedLoss',
    code: code(bindings),
    bindings,
    workgroups: [1, 1, 1],
    // Layout: rows, heads, 2 pad words, then the three arrays (16-byte aligned).
    uniforms: packUniforms([
      ['u', rows],
      ['u', heads],
      ['u', 0],
      ['u', 0],
      ...maskPadded.map((x) => ['f', x] as const),
      ...pad(cols, MAX_HEADS).map((x) => ['u', x] as const),
      ...pad(weights, MAX_HEADS).map((x) => ['f', x] as const),
    ]),
  });
  return [perTask, total, grad];
}

/**
 * The masked loss of logits [B, H] (total and per-task L_t) with its gradient as a custom
 * gradient node; labels, labelPresent [B, 4], source int32 [B]; mask row-major [2, H]
 * (maskMatrix), cols = labelColumns(heads), weights lambda_t. perTask is kept out of the node
 * (the caller disposes it).
 */
export function maskedLossWebGpu(
  logits: tf.Tensor2D,
  batch: { labels: tf.Tensor2D; labelPresent: tf.Tensor2D; source: tf.Tensor1D },
  attrs: Attrs,
): { total: tf.Scalar; perTask: tf.Tensor1D } {
  if (attrs.cols.length > MAX_HEADS) throw new Error(`masked loss on webgpu: at most ${MAX_HEADS} heads`);
  registerKernelOnce('webgpu', MASKED_LOSS_WEBGPU_KERNEL, lossKernel);
  let perTask: tf.Tensor1D | undefined;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    const inputs = {
      logits: x,
      labels: batch.labels,
      labelPresent: batch.labelPresent,
      source: batch.source,
    };
    const [pt, total, grad] = tf
      .engine()
      .runKernel(MASKED_LOSS_WEBGPU_KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
    perTask = tf.keep(pt as tf.Tensor1D);
    save([grad!]);
    return {
      value: total as tf.Scalar,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, saved[0]!),
    };
  });
  const total = op(logits) as tf.Scalar;
  return { total, perTask: perTask! };
}
