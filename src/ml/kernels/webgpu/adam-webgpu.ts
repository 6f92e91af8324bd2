/**
 * adam.ts's grouped Adam on tfjs-backend-webgpu in a few dispatches per step: each dispatch
 * updates three variables in place, with their moments in two flat vectors (m, v) read and
 * written in place too. The tfjs ops take twelve kernels per update unit plus a concat and one
 * slice per small variable: 111 dispatches per step for the joint-5task model; this: 13.
 *
 * Maths per element, as adam.ts (same float32 operations in the same order; WGSL's sqrt and
 * division may round differently from the CPU's, so webgpu and cpu agree to float32 rounding):
 *   m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,  p <- p - (m / (sqrt(v) + eps_t)) lr_t,
 * with each group's own step count t: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t), eps_t = eps sqrt(1 - b2^t).
 * An inactive group's variables are not in any dispatch, so they and their moments stay as
 * they are. Every element is written by one invocation: no atomics, deterministic.
 *
 * Why three per dispatch: a shader binds at most 8 storage buffers (program.ts): m, v, and per
 * variable its parameters (read-write) and gradient. In place, because a new buffer per variable
 * would need an output binding each (two per dispatch). A variable whose buffer another tensor
 * shares (a best-epoch snapshot is a tf.clone of it) gets a private copy first, so the
 * snapshot keeps its values.
 */
import * as tf from '@tensorflow/tfjs';
import type { AdamOptimizer, GroupedAdamArgs } from '../../train/adam-types';
import { flatAdamState } from '../adam-flat';
import {
  type Binding,
  ceilDiv,
  makeOutput,
  onWebGpu,
  ownsBuffer,
  packUniforms,
  requireFloatBuffers,
  runProgram,
  storageDecls,
} from './program';

/** Variables per dispatch: m, v and two bindings each within 8 storage buffers. */
export const ADAM_VARS_PER_DISPATCH = 3;
const WORKGROUP = 256;

/** The shader for k variables: slot s updates p_s from g_s over m, v at offset_s. */
function adamCode(k: number, bindings: readonly Binding[]): string {
  const names = ['m', 'v', ...Array.from({ length: k }, (_, s) => [`p${s}`, `g${s}`]).flat()];
  const slot = (s: number) => `
    if (slot == ${s}u) {
      let c = u.s${s};
      if (i >= c.size) { return; }
      let j = c.offset + i;
      let g = g${s}[i];
      let mj = c.b1 * m[j] + c.c1 * g;
      let vj = c.b2 * v[j] + c.c2 * (g * g);
      m[j] = mj;
      v[j] = vj;
      p${s}[i] = p${s}[i] - (mj / (sqrt(vj) + c.eps)) * c.lr;
    }`;
  return `
struct Slot { offset: u32, size: u32, b1: f32, c1: f32, b2: f32, c2: f32, lr: f32, eps: f32 };
struct U { ${Array.from({ length: k }, (_, s) => `s${s}: Slot,`).join(' ')} };
${storageDecls(
  bindings,
  names,
  names.map(() => 'f32'),
)}
@group(0) @binding(${bindings.length}) var<uniform> u: U;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let slot = gid.y;
  ${Array.from({ length: k }, (_, s) => slot(s)).join('\n')}
}`;
}

/** One update: variables (parameters, gradients) with their offsets in m, v and coefficients. */
export interface AdamSlot {
  readonly p: tf.TensorInfo;
  readonly g: tf.TensorInfo;
  readonly offset: number;
  /** [b1, 1 - b1, b2, 1 - b2, lr_t, eps_t]. */
  readonly coefs: readonly number[];
}

/** Updates p, m and v in place for every slot, ADAM_VARS_PER_DISPATCH slots per dispatch. */
export function adamInPlace(m: tf.TensorInfo, v: tf.TensorInfo, slots: readonly AdamSlot[]): void {
  for (let at = 0; at < slots.length; at += ADAM_VARS_PER_DISPATCH) {
    const chunk = slots.slice(at, at + ADAM_VARS_PER_DISPATCH);
    requireFloatBuffers('Adam', ...chunk.flatMap((s) => [s.p, s.g]));
    const bindings: Binding[] = [
      { tensor: m, write: true },
      { tensor: v, write: true },
      ...chunk.flatMap((s) => [{ tensor: s.p, write: true }, { tensor: s.g }]),
    ];
    const maxSize = Math.max(...chunk.map((s) => s.p.shape.reduce((a, d) => a * d, 1)));
    const uniforms = packUniforms(
      chunk.flatMap((s) => [
        ['u', s.offset] as const,
        ['u', s.p.shape.reduce((a, d) => a * d, 1)] as const,
        ...s.coefs.map((c) => ['f', c] as const),
      ]),
    );
    runProgram({
      name: `ColdStartLabAdam${chunk.length}`,
      code: adamCode(chunk.length, bindings),
      bindings,
      workgroups: [ceilDiv(maxSize, WORKGROUP), chunk.length, 1],
      uniforms,
    });
  }
}

const COPY_CODE = `
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x < arrayLength(&y)) { y[gid.x] = x[gid.x]; }
}`;

/** Gives variable x a buffer of its own (a copy) when another tensor shares its data. */
export function ownBuffer(x: tf.Variable): void {
  if (ownsBuffer(x)) return;
  const copy = makeOutput([...x.shape], x.dtype);
  runProgram({
    name: 'ColdStartLabCopy',
    code: COPY_CODE,
    bindings: [{ tensor: x }, { tensor: copy, write: true }],
    workgroups: [ceilDiv(x.size, WORKGROUP), 1, 1],
  });
  const t = tf.engine().makeTensorFromTensorInfo(copy);
  x.assign(t);
  t.dispose();
}

/**
 * The grouped Adam of adam.ts (same arguments, same maths) on webgpu, or undefined elsewhere
 * (another backend, a variable that is not float32).
 */
export function createWebGpuGroupedAdam(...args: GroupedAdamArgs): AdamOptimizer | undefined {
  if (!onWebGpu()) return undefined;
  if (args[0].some((vars) => vars.some((x) => x.dtype !== 'float32'))) return undefined;
  const state = flatAdamState(args, 1); // an empty model still binds a buffer
  return {
    setLearningRate: state.setLearningRate,
    apply(grads, active = args[0].map(() => true)) {
      const coefs = state.advance(active);
      const slots: AdamSlot[] = [];
      state.entries.forEach((e, j) => {
        const c = coefs[e.group];
        if (!c || e.variable.size === 0) return;
        const g = grads[e.variable.name];
        if (!g) throw new Error(`Adam: no gradient for ${e.variable.name}`);
        ownBuffer(e.variable);
        slots.push({ p: e.variable, g, offset: state.offsets[j]!, coefs: c });
      });
      adamInPlace(state.m, state.v, slots);
    },
    dispose: state.dispose,
  };
}
