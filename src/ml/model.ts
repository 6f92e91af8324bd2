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
import { embed, embeddingGradMode } from './embedding';
import { glorotLimit, seededUniform } from './init';
import type { ModelInputSpec, ModelInputs } from './inputs';

export { inputSpecOf, type ModelInputSpec, type ModelInputs } from './inputs';

/** A moving statistic and the value it should be assigned after a training step. */
export interface BatchNormUpdate {
  readonly variable: tf.Variable;
  readonly value: tf.Tensor;
}

export interface ForwardResult {
  /** [B, heads.length], column i is heads[i]'s logit (log-odds, unbounded). */
  readonly logits: tf.Tensor2D;
  /** Moving mean/variance updates (training mode only; empty at inference). */
  readonly bnUpdates: readonly BatchNormUpdate[];
}

export interface SharedBottomModel {
  readonly heads: readonly TaskId[];
  /** Embedding width per categorical then per multi column (after the vocabulary-size cap). */
  readonly embeddingDims: readonly number[];
  /**
   * training = true: batch norm uses the batch's mean and biased variance, and returns moving
   * updates m <- 0.99 m + 0.01 batchStat; false: it uses the moving statistics, no updates.
   */
  forward(inputs: ModelInputs, training: boolean): ForwardResult;
  /** Trainable variables of one head's tower (empty for a head the model lacks). */
  variablesOf(head: TaskId): tf.Variable[];
  /** Trainable variables every head shares: embeddings, encoder kernels, BN gamma/beta. */
  sharedVariables(): tf.Variable[];
  /** Every variable, trainable or not (for snapshots of the best epoch). */
  allVariables(): tf.Variable[];
  dispose(): void;
}

/** Batch-norm momentum and epsilon (Keras defaults, as the brief fixes them). */
export const BN_MOMENTUM = 0.99;
export const BN_EPSILON = 1e-3;
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

  const gradMode = embeddingGradMode();

  function features(inputs: ModelInputs): tf.Tensor2D {
    const parts: tf.Tensor[] = [];
    const nCat = spec.categorical.length;
    const catCols = nCat > 0 ? tf.unstack(inputs.catCodes, 1) : [];
    for (let j = 0; j < nCat; j++) parts.push(embed(tables[j], catCols[j], gradMode));
    spec.multi.forEach((m, j) => {
      const codes = tf.slice(inputs.multiCodes, [0, m.offset], [-1, m.maxLen]);
      const weights = tf.slice(inputs.multiWeights, [0, m.offset], [-1, m.maxLen]);
      const vecs = embed(tables[nCat + j], codes, gradMode); // [B, L, d]
      parts.push(tf.sum(tf.mul(vecs, tf.expandDims(weights, 2)), 1)); // weighted mean: sum_k w_k E[code_k]
    });
    if (spec.numericWidth > 0) parts.push(inputs.numericValues);
    return (parts.length === 1 ? parts[0] : tf.concat(parts, 1)) as tf.Tensor2D;
  }

  return {
    heads,
    embeddingDims,
    forward(inputs, training) {
      const bnUpdates: BatchNormUpdate[] = [];
      let h: tf.Tensor2D = features(inputs);
      for (const layer of encoder) {
        const pre = tf.matMul(h, layer.kernel as tf.Tensor2D);
        let mean: tf.Tensor = layer.movingMean;
        let variance: tf.Tensor = layer.movingVar;
        if (training) {
          ({ mean, variance } = tf.moments(pre, 0));
          bnUpdates.push(
            {
              variable: layer.movingMean,
              value: tf.add(tf.mul(layer.movingMean, BN_MOMENTUM), tf.mul(mean, 1 - BN_MOMENTUM)),
            },
            {
              variable: layer.movingVar,
              value: tf.add(tf.mul(layer.movingVar, BN_MOMENTUM), tf.mul(variance, 1 - BN_MOMENTUM)),
            },
          );
        }
        const normed = tf.mul(tf.sub(pre, mean), tf.rsqrt(tf.add(variance, BN_EPSILON)));
        h = tf.relu(tf.add(tf.mul(normed, layer.gamma), layer.beta)) as tf.Tensor2D;
      }
      const z = h;
      const logits = heads.map((head) => {
        const layers = towers.get(head)!;
        let t: tf.Tensor2D = z;
        layers.forEach((layer, i) => {
          t = tf.add(tf.matMul(t, layer.kernel), layer.bias) as tf.Tensor2D;
          if (i < layers.length - 1) t = tf.relu(t);
        });
        return t;
      });
      return { logits: (logits.length === 1 ? logits[0] : tf.concat(logits, 1)) as tf.Tensor2D, bnUpdates };
    },
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
