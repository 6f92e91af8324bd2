/**
 * The batch-only half of the optimised forward pass: everything that depends on the batch and not
 * on any variable (id columns, one-hot and bag rows, multi-column slices). The training step makes
 * it before tf.variableGrads opens its tape: inside the tape every such kernel would be recorded
 * and would clone (Identity) the inputs its gradient saves, though no gradient ever reaches it.
 */
import * as tf from '@tensorflow/tfjs';
import { BAG_MAX_VOCAB, bagRows, oneHotRows } from './bag-lookup';
import { splitColumns } from '../kernels/column-blocks';
import { transpose2d } from '../kernels/transpose';
import { onWebGpu } from '../kernels/webgpu/program';
import type { ModelInputs } from './inputs';
import type { ModelInputSpec } from './inputs';

/** One input column as the fast forward pass consumes it. */
export type FastColumn =
  /** Small vocabulary: one-hot or bag rows [B, V] (float32), looked up as rows E. */
  | { readonly bag: tf.Tensor2D }
  /**
   * Large vocabulary: ids [B] (categorical) or [B, L] (multi, with weights [B, L, 1]), and on
   * WebGPU the column's segment plan (segment-plan.ts) for a deterministic gradient.
   */
  | { readonly ids: tf.Tensor; readonly weights?: tf.Tensor3D; readonly plan?: tf.Tensor2D };

export interface FastInputs {
  /** Categorical columns then multi-valued ones, in ModelParts.tables order. */
  readonly columns: readonly FastColumn[];
  /** float32 [B, numericWidth], or undefined when the model has no numeric inputs. */
  readonly numeric: tf.Tensor2D | undefined;
}

/** The batch-only tensors of the fast forward pass (create inside tf.tidy, or dispose them). */
export function prepareFast(spec: ModelInputSpec, inputs: ModelInputs): FastInputs {
  const { categorical, multi } = spec;
  const columns: FastColumn[] = [];
  // Columns of [B, C] as C contiguous rows of its transpose: unstacking along axis 1 would copy
  // row by row (on wasm, a JavaScript copy per row and column).
  // On webgpu one split kernel gives the C columns (column-blocks.ts), reshaped to [B] (free).
  const catCols =
    categorical.length === 0
      ? []
      : onWebGpu()
        ? splitColumns(inputs.catCodes, Array<number>(categorical.length).fill(1)).map((c) =>
            tf.reshape(c, [-1]),
          )
        : tf.unstack(transpose2d(inputs.catCodes));
  categorical.forEach((c, j) => {
    const ids = catCols[j] as tf.Tensor1D;
    const plan = inputs.segmentPlans?.[j];
    columns.push(c.vocabSize <= BAG_MAX_VOCAB ? { bag: oneHotRows(ids, c.vocabSize) } : { ids, plan });
  });
  // The multi-valued columns lie side by side (offset = the widths before), so each of codes
  // and weights splits in one kernel on wasm (column-blocks.ts).
  const widths = multi.map((m) => m.maxLen);
  const allCodes = multi.length > 0 ? splitColumns(inputs.multiCodes, widths) : [];
  const allWeights = multi.length > 0 ? splitColumns(inputs.multiWeights, widths) : [];
  multi.forEach((m, j) => {
    const codes = allCodes[j] as tf.Tensor2D;
    const weights = allWeights[j] as tf.Tensor2D;
    columns.push(
      m.vocabSize <= BAG_MAX_VOCAB
        ? { bag: bagRows(codes, weights, m.vocabSize) }
        : {
            ids: codes,
            weights: tf.expandDims(weights, 2) as tf.Tensor3D,
            plan: inputs.segmentPlans?.[categorical.length + j],
          },
    );
  });
  return { columns, numeric: spec.numericWidth > 0 ? inputs.numericValues : undefined };
}
