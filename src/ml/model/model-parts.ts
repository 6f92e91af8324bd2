/** The variables of a shared-bottom model, as the forward passes (plain and fast) read them. */
import type * as tf from '@tensorflow/tfjs';
import type { TaskId } from '../../core/data/schema';
import type { EmbeddingGradMode } from './embedding';
import type { FlatTables } from './flat-lookup';
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

/** A softmax gate over experts: g = softmax(x W + b), [B, experts]. */
export interface Gate {
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;
}

/** An expert: dense layers, each followed by batch norm and ReLU (as the shared encoder's). */
export type Expert = readonly EncoderLayer[];

/** MMoE: shared expert MLPs, one gate per head (heads order) mixing them from the input x. */
export interface MmoeParts {
  readonly kind: 'mmoe';
  readonly experts: readonly Expert[];
  readonly gates: readonly Gate[];
}

/**
 * One PLE level (customised gate control): shared experts, each head's own experts, a gate per
 * head over [its own experts, the shared ones], and (below the last level) a shared gate over
 * every expert of the level that makes the next level's shared input.
 */
export interface PleLevel {
  readonly shared: readonly Expert[];
  /** Per head (heads order), that head's experts. */
  readonly own: readonly (readonly Expert[])[];
  readonly gates: readonly Gate[];
  readonly sharedGate: Gate | null;
}

export interface PleParts {
  readonly kind: 'ple';
  readonly levels: readonly PleLevel[];
}

export interface ModelParts {
  readonly spec: ModelInputSpec;
  readonly heads: readonly TaskId[];
  /**
   * One embedding table [V, d] per categorical column, then per multi-valued column; empty when
   * `flat` holds them.
   */
  readonly tables: readonly tf.Variable[];
  /**
   * With our WebGPU kernels (the model was made with them on): every table in one flat variable,
   * read by the fused lookup (flat-lookup.ts); else null.
   */
  readonly flat: FlatTables | null;
  /** The shared-bottom encoder (empty for a mixture-of-experts model). */
  readonly encoder: readonly EncoderLayer[];
  /** The mixture-of-experts encoder, when the model has one instead of the shared bottom. */
  readonly moe: MmoeParts | PleParts | null;
  /** Per head (heads order): hidden layers then the 1-unit output layer. */
  readonly towers: readonly (readonly DenseLayer[])[];
  readonly gradMode: EmbeddingGradMode;
  /** Batch norm's moving statistics: m <- bnMomentum m + (1 - bnMomentum) s per training step. */
  readonly bnMomentum: number;
  /**
   * Dropout on a representation z the towers read, for a training step (model.ts): z * keep /
   * (1 - rate) with keep ~ Bernoulli(1 - rate) per element, seeded per model and step; the
   * identity when the rate is 0.
   */
  readonly dropout: (z: tf.Tensor2D) => tf.Tensor2D;
}
