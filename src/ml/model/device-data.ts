/**
 * The whole encoded dataset uploaded to the active tfjs backend once per run, so that a
 * mini-batch costs one small index upload plus on-device gathers instead of a copy of its rows.
 */
import * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../core/data/encoded';
import type { ModelInputs } from './inputs';
import { gatherRows } from '../kernels/row-gather';
import { embeddingGradMode } from './embedding';
import { lookupPlan, uploadSegmentPlans } from './segment-plan';
import { onWebGpu } from '../kernels/webgpu/program';

/** A batch of rows gathered on the device (the caller disposes it, or creates it inside tf.tidy). */
export interface DeviceBatch extends ModelInputs {
  /** float32 [B, 4], LABELS order; missing labels hold 0. */
  readonly labels: tf.Tensor2D;
  /** float32 [B, 4]: 1 where the label was observed. */
  readonly labelPresent: tf.Tensor2D;
  /** int32 [B]: SOURCE_CODE (0 promo, 1 ad). */
  readonly source: tf.Tensor1D;
}

export interface DeviceData {
  /** The host-side dataset the tensors were uploaded from (kept for CPU-side bookkeeping). */
  readonly host: EncodedDataset;
  /**
   * Rows `rowIdx` (indices into the dataset, any order, repeats allowed), gathered on the device;
   * `forGradient` false skips the segment plans (an inference batch takes no gradient).
   */
  gatherBatch(rowIdx: Int32Array, forGradient?: boolean): DeviceBatch;
  dispose(): void;
}

/**
 * Uploads every column of `ds` to the active backend; the tensors stay there until dispose().
 * Where the embedding gradient is a sorted segmented sum (WebGPU), each batch also carries its
 * segment plans, sorted here on the host from the rows' ids: one for all columns when our WebGPU
 * kernels are on (the fused lookup's, flat-lookup.ts), else one per column.
 */
export function uploadDataset(ds: EncodedDataset): DeviceData {
  const n = ds.n;
  const plans = embeddingGradMode() === 'segment';
  const mat = (values: Int32Array | Float32Array, width: number, dtype: 'int32' | 'float32') =>
    tf.tensor2d(values, [n, width], dtype);
  const whole = {
    catCodes: mat(ds.catCodes, ds.categorical.length, 'int32'),
    multiCodes: mat(ds.multiCodes, ds.multiWidth, 'int32'),
    multiWeights: mat(ds.multiWeights, ds.multiWidth, 'float32'),
    numericValues: mat(ds.numericValues, 2 * ds.numeric.length, 'float32'),
    labels: mat(ds.labels, 4, 'float32'),
    labelPresent: mat(ds.labelPresent, 4, 'float32'),
    source: tf.tensor1d(Int32Array.from(ds.source), 'int32'),
  };
  // Zero-width columns (no multi or numeric features) are not gathered: some backends reject
  // empty tensors in gather kernels, and a [B, 0] tensor carries nothing.
  const gatherOrEmpty = <T extends tf.Tensor>(t: T, idx: tf.Tensor1D, b: number): T =>
    (t.size === 0 ? tf.zeros([b, ...t.shape.slice(1)], t.dtype) : gatherRows(t, idx)) as T;
  return {
    host: ds,
    gatherBatch(rowIdx, forGradient = true) {
      return tf.tidy(() => {
        const idx = tf.tensor1d(rowIdx, 'int32');
        const b = rowIdx.length;
        return {
          catCodes: gatherOrEmpty(whole.catCodes, idx, b),
          multiCodes: gatherOrEmpty(whole.multiCodes, idx, b),
          multiWeights: gatherOrEmpty(whole.multiWeights, idx, b),
          numericValues: gatherOrEmpty(whole.numericValues, idx, b),
          labels: gatherRows(whole.labels, idx),
          labelPresent: gatherRows(whole.labelPresent, idx),
          source: gatherRows(whole.source, idx),
          ...(plans && forGradient ? batchPlans(ds, rowIdx) : {}),
        };
      });
    },
    dispose() {
      tf.dispose(Object.values(whole));
    },
  };
}

/** The segment plans of a training batch (see uploadDataset). */
function batchPlans(
  ds: EncodedDataset,
  rows: Int32Array,
): { segmentPlans: tf.Tensor2D[] } | { lookupPlan: tf.Tensor1D } {
  if (onWebGpu()) return { lookupPlan: tf.tensor1d(lookupPlan(ds, rows), 'int32') };
  return { segmentPlans: uploadSegmentPlans(ds, rows) };
}

/** Disposes every tensor of a batch. */
export function disposeBatch(batch: DeviceBatch): void {
  tf.dispose(Object.values(batch) as (tf.Tensor | tf.Tensor[])[]);
}
