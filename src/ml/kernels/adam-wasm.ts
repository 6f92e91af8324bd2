/**
 * adam.ts's grouped Adam as one kernel per step on tfjs-backend-wasm: every variable's update in
 * a single pass of kernels.wat's SIMD `adam` over its elements, where the tfjs ops take twelve
 * kernels per unit (72 per step for the joint model, about 2.4 ms of kernel time at batch 512, the
 * embedding table's Sqrt alone 0.46 ms, five times its Multiply). This kernel: about 0.6 ms.
 *
 * The maths is adam.ts's exactly (the same float32 operations in the same order, so the same bits:
 * adam-wasm.test.ts compares them on wasm): per variable p of group k with step count t_k,
 *   m <- b1 m + (1 - b1) g,  v <- b2 v + (1 - b2) g^2,  p <- p - lr_t m / (sqrt(v) + eps_t).
 * The moments of all variables lie end to end in two flat vectors; an inactive group's segments
 * are copied unchanged and its variables are not touched.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { AdamOptimizer, GroupedAdamArgs } from '../train/adam-types';
import { flatAdamState } from './adam-flat';
import { simdKernels, simdKernelsActive } from './simd/module';
import { registerWasmKernel } from './wasm-kernel';

/** The kernel's name in tfjs's registry (backend 'wasm' only). */
export const ADAM_KERNEL = 'ColdStartLabAdam';

/** One variable's update: its segment of the flat moments and its group's coefficients. */
interface Segment {
  readonly offset: number;
  readonly size: number;
  /** [b1, 1 - b1, b2, 1 - b2, lr_t, eps_t], or null: inactive (moments copied, no output). */
  readonly coefs: readonly number[] | null;
}

/** Inputs m, v (flat) and p<j>, g<j> for each active segment j; outputs m', v', then p'<j>. */
function adamWasm(args: {
  inputs: tf.NamedTensorMap;
  backend: unknown;
  attrs: { segments: readonly Segment[] };
}): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const kernels = simdKernels(backend);
  if (!kernels) throw new Error('ColdStartLabAdam: the SIMD kernels are not available');
  const { m, v } = args.inputs as Record<string, tf.TensorInfo>;
  const mOut = backend.makeOutput(m!.shape, 'float32');
  const vOut = backend.makeOutput(v!.shape, 'float32');
  const active = args.attrs.segments.map((s, j) => ({ s, j })).filter(({ s }) => s.coefs);
  const pOuts = active.map(({ j }) => backend.makeOutput(args.inputs[`p${j}`]!.shape, 'float32'));
  // Pointers (bytes) are taken after every allocation; they stay valid if the heap grows.
  const at = (t: tf.TensorInfo) => backend.getMemoryOffset(t.dataId);
  const [mp, vp, mo, vo] = [m!, v!, mOut, vOut].map(at) as [number, number, number, number];
  let next = 0;
  for (const { offset, size, coefs } of args.attrs.segments) {
    const bytes = offset * 4;
    if (!coefs) {
      kernels.copy(mo + bytes, mp + bytes, size * 4);
      kernels.copy(vo + bytes, vp + bytes, size * 4);
      continue;
    }
    const { j } = active[next]!;
    const [b1, c1, b2, c2, lr, eps] = coefs as [number, number, number, number, number, number];
    const p = args.inputs[`p${j}`] as tf.TensorInfo;
    const g = args.inputs[`g${j}`] as tf.TensorInfo;
    kernels.adam(
      at(p),
      mp + bytes,
      vp + bytes,
      at(g),
      at(pOuts[next]!),
      mo + bytes,
      vo + bytes,
      size,
      b1,
      c1,
      b2,
      c2,
      lr,
      eps,
    );
    next++;
  }
  return [mOut, vOut, ...pOuts];
}

/**
 * The grouped Adam of adam.ts (same arguments, same results) as one wasm kernel per step, or
 * undefined where it cannot run (another backend, no SIMD kernels, a non-float32 variable).
 */
export function createWasmGroupedAdam(...args: GroupedAdamArgs): AdamOptimizer | undefined {
  if (!simdKernelsActive()) return undefined;
  if (args[0].some((vars) => vars.some((x) => x.dtype !== 'float32'))) return undefined;
  registerWasmKernel(ADAM_KERNEL, adamWasm);
  const state = flatAdamState(args);
  const { entries, offsets, m, v } = state;
  return {
    setLearningRate: state.setLearningRate,
    apply(grads, active = args[0].map(() => true)) {
      const coefs = state.advance(active);
      const inputs: tf.NamedTensorMap = { m, v };
      const segments: Segment[] = entries.map((e, j) => {
        const c = coefs[e.group] ?? null;
        if (c) {
          const g = grads[e.variable.name];
          if (!g) throw new Error(`Adam: no gradient for ${e.variable.name}`);
          inputs[`p${j}`] = e.variable;
          inputs[`g${j}`] = g;
        }
        return { offset: offsets[j]!, size: e.variable.size, coefs: c };
      });
      const [mNext, vNext, ...ps] = tf.engine().runKernel(ADAM_KERNEL, inputs, {
        segments,
      } as unknown as tf.NamedAttrMap) as tf.Tensor[];
      m.assign(mNext!);
      v.assign(vNext!);
      entries.filter((e) => active[e.group]).forEach((e, i) => e.variable.assign(ps[i]!));
      tf.dispose([mNext!, vNext!, ...ps]);
    },
    dispose: state.dispose,
  };
}
