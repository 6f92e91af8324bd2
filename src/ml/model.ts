/**
 * The paper's shared-bottom multi-task model, written with raw tfjs ops and tf.variable so that
 * batch-norm modes, per-head variable lists and embedding gradients are under our control.
 *
 *   x = [E_1[c_1], ..., E_C[c_C], sum_k w_k E_m[code_k] (per multi column), numeric]
 *   z = encoder(x): per layer, relu(BN(x W))
 *   logit_t = tower_t(z): per hidden layer relu(h W + b), then h w_t + b_t (one logit)
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../core/config/experiment';
import type { TaskId } from '../core/data/schema';
import { embeddingGradMode } from './embedding';
import { type FastInputs, prepareFast } from './fast-inputs';
import { forwardFast } from './forward-fast';
import { forwardPlain } from './forward-plain';
import { glorotLimit, seededUniform } from './init';
import type { ModelInputSpec, ModelInputs } from './inputs';
import type { ModelParts } from './model-parts';
import type { StepKind } from './step';

export { inputSpecOf, type ModelInputSpec, type ModelInputs } from './inputs';

export interface SharedBottomModel {
  readonly heads: readonly TaskId[];
  /** Embedding width per categorical then per multi column (after the vocabulary-size cap). */
  readonly embeddingDims: readonly number[];
  /**
   * logits [B, heads.length] (log-odds; column i is heads[i]). training = true: batch norm uses
   * the batch's mean and biased variance, and the moving statistics move m <- 0.99 m + 0.01 s;
   * false: it uses the moving statistics. kind 'plain' is the op-by-op reference, 'fast' (the
   * default) the same function in fewer kernels (forward-fast.ts).
   */
  forward(inputs: ModelInputs, training: boolean, kind?: StepKind, prepared?: FastInputs): tf.Tensor2D;
  /** The fast pass's batch-only tensors (fast-inputs.ts), for forward's `prepared`. */
  prepareFast(inputs: ModelInputs): FastInputs;
  /** Trainable variables of one head's tower (empty for a head the model lacks). */
  variablesOf(head: TaskId): tf.Variable[];
  /** Trainable variables every head shares: embeddings, encoder kernels, BN gamma/beta. */
  sharedVariables(): tf.Variable[];
  /** Every variable, trainable or not (for snapshots of the best epoch). */
  allVariables(): tf.Variable[];
  dispose(): void;
}

export { BN_EPSILON, BN_MOMENTUM } from './forward-plain';
/** Embeddings start uniform in [-0.05, 0.05] (Keras's default), dense kernels Glorot uniform. */
export const EMBEDDING_INIT_LIMIT = 0.05;

/**
 * Embedding width for a vocabulary of V ids: min(maxDim, ceil(6 * V^(1/4))), the common
 * fourth-root rule (V = 2 -> 8, V = 100 -> 19, V = 20000 -> 72), so tiny vocabularies stay small.
 */
export function embeddingDimFor(vocabSize: number, maxDim: number): number {
  return Math.max(1, Math.min(maxDim, Math.ceil(6 * vocabSize ** 0.25)));
}

let modelCount = 0;

/**
 * Builds the variables of a shared-bottom model with one tower per head. Initial values depend
 * only on (seed, layer name), not on the backend.
 */
export function createModel(
  spec: ModelInputSpec,
  heads: readonly TaskId[],
  cfg: ModelConfig,
  seed: number,
): SharedBottomModel {
  // tfjs variable names are global to the engine; a per-instance prefix lets models coexist.
  const prefix = `csl${modelCount++}/`;
  const all: tf.Variable[] = [];
  const make = (
    name: string,
    shape: number[],
    limit: number,
    trainable = true,
    fill?: number,
  ): tf.Variable => {
    const size = shape.reduce((a, b) => a * b, 1);
    const values =
      fill === undefined ? seededUniform(seed, name, size, limit) : new Float32Array(size).fill(fill);
    const v = tf.tidy(() => tf.variable(tf.tensor(values, shape), trainable, prefix + name));
    all.push(v);
    return v;
  };
  const dense = (name: string, fanIn: number, fanOut: number) =>
    make(`${name}/kernel`, [fanIn, fanOut], glorotLimit(fanIn, fanOut));

  const columns = [...spec.categorical, ...spec.multi];
  const embeddingDims = columns.map((c) => embeddingDimFor(c.vocabSize, cfg.embeddingDim));
  const tables = columns.map((c, i) =>
    make(`emb/${c.name}`, [c.vocabSize, embeddingDims[i]], EMBEDDING_INIT_LIMIT),
  );
  let width = embeddingDims.reduce((a, b) => a + b, 0) + spec.numericWidth;
  if (width === 0) throw new Error('model has no inputs');

  // No dense bias before batch norm: BN's beta plays that role, so a bias would be redundant.
  const encoder = cfg.encoderUnits.map((units, i) => {
    const layer = {
      kernel: dense(`enc${i}`, width, units),
      gamma: make(`enc${i}/bn/gamma`, [units], 0, true, 1),
      beta: make(`enc${i}/bn/beta`, [units], 0, true, 0),
      movingMean: make(`enc${i}/bn/moving_mean`, [units], 0, false, 0),
      movingVar: make(`enc${i}/bn/moving_var`, [units], 0, false, 1),
    };
    width = units;
    return layer;
  });
  const zWidth = width;

  const towers = new Map<TaskId, { kernel: tf.Variable; bias: tf.Variable }[]>();
  for (const head of heads) {
    let w = zWidth;
    const layers = [...cfg.towerUnits, 1].map((units, i) => {
      const layer = {
        kernel: dense(`tower/${head}/${i}`, w, units),
        bias: make(`tower/${head}/${i}/bias`, [units], 0, true, 0),
      };
      w = units;
      return layer;
    });
    towers.set(head, layers);
  }

  const parts: ModelParts = {
    spec,
    heads,
    tables,
    encoder,
    towers: heads.map((h) => towers.get(h)!),
    gradMode: embeddingGradMode(),
  };

  return {
    heads,
    embeddingDims,
    forward: (inputs, training, kind = 'fast', prepared) =>
      kind === 'plain'
        ? forwardPlain(parts, inputs, training)
        : forwardFast(parts, inputs, training, prepared),
    prepareFast: (inputs) => prepareFast(spec, inputs),
    variablesOf(head) {
      return (towers.get(head) ?? []).flatMap((l) => [l.kernel, l.bias]);
    },
    sharedVariables() {
      return [...tables, ...encoder.flatMap((l) => [l.kernel, l.gamma, l.beta])];
    },
    allVariables() {
      return [...all];
    },
    dispose() {
      for (const v of all) v.dispose();
    },
  };
}
