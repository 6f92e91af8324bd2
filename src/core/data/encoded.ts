/**
 * Model-ready inputs: every feature column turned into integers or standardised floats using
 * vocabularies and statistics from the training days only. Row-major flat typed arrays so the
 * whole dataset can be uploaded to a tfjs backend once per run.
 */
import type { FeatureGroup } from './schema';

export interface CategoricalInput {
  readonly name: string;
  readonly group: FeatureGroup;
  /** Vocabulary size including index 0, the out-of-vocabulary / missing bucket. */
  readonly vocabSize: number;
}

export interface MultiInput extends CategoricalInput {
  /** Slots reserved per row (the longest list in the training rows, capped). */
  readonly maxLen: number;
  /** First slot of this column in the `multiCodes` / `multiWeights` rows. */
  readonly offset: number;
}

export interface NumericInput {
  readonly name: string;
  readonly group: FeatureGroup;
  /** Training-day mean and standard deviation (std 1 when constant). */
  readonly mean: number;
  readonly std: number;
}

export interface EncodedDataset {
  readonly n: number;
  readonly categorical: readonly CategoricalInput[];
  /** n x categorical.length, row-major; values in [0, vocabSize). */
  readonly catCodes: Int32Array;
  readonly multi: readonly MultiInput[];
  /** Total slots per row over all multi columns (sum of maxLen). */
  readonly multiWidth: number;
  /** n x multiWidth codes; padding slots hold 0 with weight 0. */
  readonly multiCodes: Int32Array;
  /** n x multiWidth weights: 1 / (values in that row's list) for filled slots, else 0 (mean pooling). */
  readonly multiWeights: Float32Array;
  readonly numeric: readonly NumericInput[];
  /**
   * n x (2 * numeric.length), row-major: for numeric column j, slot 2j is the standardised value
   * ((x - mean) / std, 0 when missing) and slot 2j+1 the missing indicator (1 when missing).
   */
  readonly numericValues: Float32Array;
  /** SOURCE_CODE per row (0 promo, 1 ad). */
  readonly source: Uint8Array;
  /** n x 4 labels in LABELS order (stream, click, like, follow); missing stored as 0. */
  readonly labels: Float32Array;
  /** n x 4: 1 where the label was observed, 0 where missing. */
  readonly labelPresent: Float32Array;
}
