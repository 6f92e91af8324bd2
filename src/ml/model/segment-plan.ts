/**
 * Segment plans: for each embedding column of a batch, its ids sorted once on the CPU, so that the
 * WebGPU gradient can sum rows sharing an id in a fixed order (kernels/webgpu/segment-sum.ts).
 *
 * The sampler picks the batch's rows on the host, where the encoded dataset also lives, so the
 * ids are known there before the batch is gathered on the device: sorting them here costs one
 * counting sort (O(N + V)) and one small upload per column, and no read back from the GPU.
 */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../core/data/encoded';

/**
 * A stable argsort of `ids` (values in [0, vocab)) followed by the ids in that order: int32
 * [2N], plan[s] = the position of the s-th smallest id (ties in increasing position), plan[N + s]
 * = ids[plan[s]] (ascending). Counting sort: O(N + vocab).
 */
export function segmentPlan(ids: Int32Array, vocab: number): Int32Array {
  const n = ids.length;
  const start = new Int32Array(vocab + 1);
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number;
    if (!(id >= 0 && id < vocab)) throw new Error(`segmentPlan: id ${id} is not in [0, ${vocab - 1}]`);
    start[id + 1]++;
  }
  for (let v = 0; v < vocab; v++) start[v + 1] += start[v] as number;
  const plan = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const id = ids[i] as number;
    const s = start[id]++ as number;
    plan[s] = i;
    plan[n + s] = id;
  }
  return plan;
}

/**
 * The ids each embedding column looks up for batch rows `rows`, flattened as embed() flattens
 * them: a categorical column's [B] ids, then each multi-valued column's [B, L] codes row-major
 * (padding slots included: their gradient rows are 0 times the weight, so they add 0).
 */
export function batchColumnIds(ds: EncodedDataset, rows: Int32Array): { ids: Int32Array; vocab: number }[] {
  const b = rows.length;
  const nCat = ds.categorical.length;
  const cat = ds.categorical.map((c, j) => {
    const ids = new Int32Array(b);
    for (let i = 0; i < b; i++) ids[i] = ds.catCodes[(rows[i] as number) * nCat + j] as number;
    return { ids, vocab: c.vocabSize };
  });
  const multi = ds.multi.map((m) => {
    const ids = new Int32Array(b * m.maxLen);
    for (let i = 0; i < b; i++) {
      const from = (rows[i] as number) * ds.multiWidth + m.offset;
      ids.set(ds.multiCodes.subarray(from, from + m.maxLen), i * m.maxLen);
    }
    return { ids, vocab: m.vocabSize };
  });
  return [...cat, ...multi];
}

/** One segment plan tensor (int32 [2, N]) per embedding column of the batch, in table order. */
export function uploadSegmentPlans(ds: EncodedDataset, rows: Int32Array): tf.Tensor2D[] {
  return batchColumnIds(ds, rows).map(({ ids, vocab }) =>
    tf.tensor2d(segmentPlan(ids, vocab), [2, ids.length], 'int32'),
  );
}

/**
 * The fused lookup's plan (kernels/webgpu/lookup-webgpu.ts): every column's segment plan for
 * batch rows `rows`, end to end in table order, int32 [2 B S] for S id slots per row (column j's
 * at 2 B times the slots of the columns before it; flat-tables.ts slotsBefore).
 */
export function lookupPlan(ds: EncodedDataset, rows: Int32Array): Int32Array {
  const plans = batchColumnIds(ds, rows).map(({ ids, vocab }) => segmentPlan(ids, vocab));
  const out = new Int32Array(plans.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of plans) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
