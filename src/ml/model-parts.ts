/** The variables of a shared-bottom model, as the forward passes (plain and fast) read them. */
import type * as tf from '@tensorflow/tfjs';
import type { TaskId } from '../core/data/schema';
import type { EmbeddingGradMode } from './embedding';
import type { ModelInputSpec } from './inputs';

export interface EncoderLayer {
  /** [fanIn, units]; no bias: batch norm's beta plays that role. */
  readonly kernel: tf.Variable;
  readonly gamma: tf.Variable;
  readonly beta: tf.Variable;
  readonly movingMean: tf.Variable;
  readonly movingVar: tf.Variable;
}

export interface DenseLayer {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

export interface ModelParts {
  readonly spec: ModelInputSpec;
  readonly heads: readonly TaskId[];
  /** One embedding table [V, d] per categorical column, then per multi-valued column. */
  readonly tables: readonly tf.Variable[];
  readonly encoder: readonly EncoderLayer[];
  /** Per head (heads order): hidden layers then the 1-unit output layer. */
  readonly towers: readonly (readonly DenseLayer[])[];
  readonly gradMode: EmbeddingGradMode;
}
