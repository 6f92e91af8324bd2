/** What the model reads: input shapes (for sizing variables) and a batch's feature tensors. */
import type * as tf from '@tensorflow/tfjs';
import type { EncodedDataset } from '../../core/data/encoded';

/** Shapes of the model's inputs (what the variables' sizes depend on). */
export interface ModelInputSpec {
  readonly categorical: readonly { readonly name: string; readonly vocabSize: number }[];
  readonly multi: readonly {
    readonly name: string;
    readonly vocabSize: number;
    readonly maxLen: number;
    readonly offset: number;
  }[];
  /** Width of EncodedDataset.numericValues rows: 2 per numeric column (value, missing flag). */
  readonly numericWidth: number;
}

/** The input spec of an encoded dataset. */
export function inputSpecOf(ds: Pick<EncodedDataset, 'categorical' | 'multi' | 'numeric'>): ModelInputSpec {
  return { categorical: ds.categorical, multi: ds.multi, numericWidth: 2 * ds.numeric.length };
}

/** Feature tensors of a batch of B rows (layouts as in EncodedDataset). */
export interface ModelInputs {
  /** int32 [B, C]. */
  readonly catCodes: tf.Tensor2D;
  /** int32 [B, M], M = multiWidth. */
  readonly multiCodes: tf.Tensor2D;
  /** float32 [B, M]; pooling weights, 0 on padding slots. */
  readonly multiWeights: tf.Tensor2D;
  /** float32 [B, numericWidth]. */
  readonly numericValues: tf.Tensor2D;
  /**
   * On WebGPU: one segment plan per embedding column, categorical then multi (segment-plan.ts),
   * which the embedding gradient sums by in a fixed order. Absent on other backends.
   */
  readonly segmentPlans?: readonly tf.Tensor2D[];
  /**
   * With our WebGPU kernels on: every column's segment plan end to end (segment-plan.ts
   * lookupPlan), which the fused lookup's gradient sums by (then segmentPlans is absent).
   */
  readonly lookupPlan?: tf.Tensor1D;
}
