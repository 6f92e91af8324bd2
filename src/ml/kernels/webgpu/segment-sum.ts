/**
 * A deterministic segmented sum on WebGPU: the embedding gradient without atomics.
 *
 * tfjs-backend-webgpu 4.22 computes tf.gather's gradient (UnsortedSegmentSum) and ScatterNd by
 * adding every row into the output with a float atomic (a compare-exchange loop), so rows that
 * share an id are summed in whatever order the GPU's threads happen to run: float addition is not
 * associative, and the same seed gave different weights and APs from run to run. Here every
 * output element is written by one thread, which sums its rows in a fixed order.
 *
 * Maths: out[v, j] = sum over s = lo(v) .. hi(v) - 1 of dy[order[s], j], for v in [0, V), j in
 * [0, d), where `order` is a stable argsort of the ids (segment-plan.ts, made on the CPU per
 * batch) and [lo(v), hi(v)) the run of sorted positions whose id is v (found by binary search
 * over the sorted ids); an id absent from the batch gets 0. Rows are added in increasing
 * position, the order ScatterNd uses on cpu and wasm. O(V d log N + N d) work, one dispatch.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { MAX_WORKGROUPS_PER_DIM } from './program';

/** The kernel's name in tfjs's registry (backend 'webgpu' only). */
export const SEGMENT_SUM_KERNEL = 'ColdStartLabSortedSegmentSum';

const WORKGROUP = 64;

/** One thread per output element; rows [V, d]; inputs dy [N, d] and plan int32 [2, N]. */
class SortedSegmentSumProgram implements WebGPUProgram {
  outputShape: number[];
  shaderKey = 'coldStartLabSortedSegmentSum';
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  variableNames = ['dy', 'plan'];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  size = true;

  constructor(rows: number, dim: number) {
    this.outputShape = [rows, dim];
    // Split the groups over x and y past the limit; getGlobalIndex() then folds both back.
    const groups = Math.ceil((rows * dim) / WORKGROUP);
    const y = groups > MAX_WORKGROUPS_PER_DIM ? Math.ceil(groups / MAX_WORKGROUPS_PER_DIM) : 1;
    this.dispatch = [Math.ceil(groups / y), y, 1];
  }

  getUserCode(): string {
    // plan[s] is the s-th row in id order; plan[n + s] its id (ascending).
    return `
      fn main(index : i32) {
        if (index >= uniforms.size) { return; }
        let d = uniforms.outShape.y;
        let n = uniforms.dyShape.x;
        let v = index / d;
        let j = index - v * d;
        var lo = 0;
        var hi = n;
        loop {
          if (lo >= hi) { break; }
          let mid = (lo + hi) / 2;
          if (plan[n + mid] < v) { lo = mid + 1; } else { hi = mid; }
        }
        var acc = 0.0;
        var s = lo;
        loop {
          if (s >= n) { break; }
          if (plan[n + s] != v) { break; }
          acc = acc + dy[plan[s] * d + j];
          s = s + 1;
        }
        setOutputAtIndex(index, acc);
      }
    `;
  }
}

function sortedSegmentSumWebGpu(args: {
  inputs: tf.NamedTensorMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const backend = args.backend as WebGPUBackend;
  const dy = args.inputs.dy as tf.TensorInfo;
  const plan = args.inputs.plan as tf.TensorInfo;
  const rows = args.attrs?.numSegments as number;
  const program = new SortedSegmentSumProgram(rows, dy.shape[1] as number);
  return backend.runWebGPUProgram(program, [dy, plan], 'float32');
}

let registered = false;

/** Registers the kernel for 'webgpu' (once; harmless where the backend is never started). */
export function registerSegmentSumKernel(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(SEGMENT_SUM_KERNEL, 'webgpu')) return;
  tf.registerKernel({
    kernelName: SEGMENT_SUM_KERNEL,
    backendName: 'webgpu',
    kernelFunc: sortedSegmentSumWebGpu as unknown as tf.KernelFunc,
  });
}

/**
 * The segmented sum out [V, d] of dy [N, d] (float32) under a segment plan (int32 [2, N]: a
 * stable argsort of the ids, then the ids in that order; segment-plan.ts). WebGPU only.
 */
export function sortedSegmentSum(dy: tf.Tensor2D, plan: tf.Tensor2D, numSegments: number): tf.Tensor2D {
  registerSegmentSumKernel();
  return tf.engine().runKernel(SEGMENT_SUM_KERNEL, { dy, plan }, { numSegments }) as tf.Tensor2D;
}
