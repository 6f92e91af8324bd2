/**
 * The multi-task model, written with raw tfjs ops and tf.variable so that batch-norm modes,
 * per-head variable lists and embedding gradients are under our control.
 *
 *   x = [E_1[c_1], ..., E_C[c_C], sum_k w_k E_m[code_k] (per multi column), numeric]
 *   z_t = encoder(x): the paper's shared bottom (per layer relu(BN(x W)), z_t = z for every
 *         head), or a mixture of experts (MMoE, PLE: experts.ts), one z_t per head
 *   logit_t = tower_t(z_t): per hidden layer relu(h W + b), then h w_t + b_t (one logit)
 */
import * as tf from '@tensorflow/tfjs';
import type { EncoderKind, ModelConfig, WidthRule } from '../../core/config/experiment';
import type { TaskId } from '../../core/data/schema';
import { embeddingGradMode } from './embedding';
import { type FastInputs, prepareFast } from './fast-inputs';
import { forwardFast } from './forward-fast';
import { forwardPlain } from './forward-plain';
import { glorotLimit, seededNormal, seededUniform } from './init';
import { flatTables } from './flat-lookup';
import { flatInitial, flatLayout } from './flat-tables';
import { onWebGpu } from '../kernels/webgpu/program';
import type { ModelInputSpec, ModelInputs } from './inputs';
import { buildExperts, buildLayers, layerVariables } from './experts-build';
import type { ModelParts } from './model-parts';

export { inputSpecOf, type ModelInputSpec, type ModelInputs } from './inputs';

/**
 * 'plain': the reference step, one tfjs op per mathematical operation; 'fast': the optimised
 * step training uses (same mathematics; a test checks equal losses on cpu). The forward pass
 * takes it, so it lives here; step.ts re-exports it.
 */
export type StepKind = 'plain' | 'fast';

/** A multi-task model (named for the paper's architecture; MMoE and PLE models are one too). */
export interface SharedBottomModel {
  readonly heads: readonly TaskId[];
  readonly encoder: EncoderKind;
  /** Embedding width per categorical then per multi column (after the vocabulary-size cap). */
  readonly embeddingDims: readonly number[];
  /**
   * logits [B, heads.length] (log-odds; column i is heads[i]). training = true: batch norm uses
   * the batch's mean and biased variance, and the moving statistics move m <- 0.99 m + 0.01 s;
   * false: it uses the moving statistics. kind 'plain' is the op-by-op reference, 'fast' (the
   * default) the same function in fewer kernels (forward-fast.ts).
   */
  forward(inputs: ModelInputs, training: boolean, kind?: StepKind, prepared?: FastInputs): tf.Tensor2D;
  /**
   * logits as forward(inputs, true, kind, prepared) but without moving the batch-norm statistics:
   * for per-head gradient passes (task-grads.ts) that must leave the model as it was.
   */
  forwardDiagnostic(inputs: ModelInputs, kind?: StepKind, prepared?: FastInputs): tf.Tensor2D;
  /** The fast pass's batch-only tensors (fast-inputs.ts), for forward's `prepared`. */
  prepareFast(inputs: ModelInputs): FastInputs;
  /** Trainable variables of one head: its tower, and its gates and own experts (empty for a head the model lacks). */
  variablesOf(head: TaskId): tf.Variable[];
  /** Trainable variables every head shares: embeddings, encoder (or shared experts) kernels, BN gamma/beta. */
  sharedVariables(): tf.Variable[];
  /** The last shared layer's kernels: GradNorm's W (the embeddings when there is no encoder layer). */
  lastSharedVariables(): tf.Variable[];
  /** Every variable by its name within the model (no per-instance prefix), for copying weights. */
  namedVariables(): Map<string, tf.Variable>;
  /** Every variable, trainable or not (for snapshots of the best epoch). */
  allVariables(): tf.Variable[];
  dispose(): void;
}

export { BN_EPSILON } from './forward-plain';
/**
 * Embedding width for a vocabulary of V ids. 'fourth-root': min(maxDim, ceil(6 * V^(1/4))), the
 * common rule (V = 2 -> 8, V = 100 -> 19, V = 20000 -> 72), so tiny vocabularies stay small;
 * 'fixed': maxDim for every column (PyTorch's usual one width for all).
 */
export function embeddingDimFor(vocabSize: number, maxDim: number, rule: WidthRule = 'fourth-root'): number {
  if (rule === 'fixed') return Math.max(1, maxDim);
  return Math.max(1, Math.min(maxDim, Math.ceil(6 * vocabSize ** 0.25)));
}

/**
 * The flat embedding variable's name within the model (flat-tables.ts): 'emb/' as every table's,
 * so weight decay treats it as one; '*' is in no column's name.
 */
export const FLAT_TABLES_NAME = 'emb/*';

let modelCount = 0;

/**
 * Builds the variables of a shared-bottom model with one tower per head. Initial values depend
 * only on (seed, layer name), not on the backend.
 */
export function createModel(
  spec: ModelInputSpec,
  heads: readonly TaskId[],
  cfg: ModelConfig & { readonly encoder?: EncoderKind },
  seed: number,
): SharedBottomModel {
  const kind = cfg.encoder ?? 'shared-bottom';
  // tfjs variable names are global to the engine; a per-instance prefix lets models coexist.
  const prefix = `csl${modelCount++}/`;
  const all: tf.Variable[] = [];
  const byName = new Map<string, tf.Variable>();
  /** A variable named `name` holding `initial` (disposed here). */
  const adopt = (name: string, initial: tf.Tensor, trainable = true): tf.Variable => {
    const v = tf.tidy(() => tf.variable(initial, trainable, prefix + name));
    initial.dispose();
    all.push(v);
    byName.set(name, v);
    return v;
  };
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
    return adopt(name, tf.tensor(values, shape), trainable);
  };
  const dense = (name: string, fanIn: number, fanOut: number) =>
    make(`${name}/kernel`, [fanIn, fanOut], glorotLimit(fanIn, fanOut));

  const columns = [...spec.categorical, ...spec.multi];
  const embeddingDims = columns.map((c) =>
    embeddingDimFor(c.vocabSize, cfg.embeddingDim, cfg.embeddingWidth),
  );
  // Embedding tables start as the recipe says (normal: PyTorch's default at scale 1; uniform:
  // Keras's at 0.05); dense kernels Glorot uniform.
  const initial = columns.map((c, i) => {
    const name = `emb/${c.name}`;
    const size = c.vocabSize * embeddingDims[i];
    return cfg.embeddingInit === 'uniform'
      ? seededUniform(seed, name, size, cfg.embeddingScale)
      : seededNormal(seed, name, size, cfg.embeddingScale);
  });
  // With our WebGPU kernels, one flat variable holds every table (flat-tables.ts): the same
  // initial numbers, end to end, read and updated by the fused kernels.
  const layout = onWebGpu() && columns.length > 0 ? flatLayout(spec, embeddingDims) : null;
  const flat = layout
    ? flatTables(adopt(FLAT_TABLES_NAME, tf.tensor1d(flatInitial(layout, initial))), layout)
    : null;
  const tables = flat
    ? []
    : columns.map((c, i) => adopt(`emb/${c.name}`, tf.tensor(initial[i]!, [c.vocabSize, embeddingDims[i]!])));
  const tableVariables = flat ? [flat.variable] : tables;
  let width = embeddingDims.reduce((a, b) => a + b, 0) + spec.numericWidth;
  if (width === 0) throw new Error('model has no inputs');

  // No dense bias before batch norm: BN's beta plays that role, so a bias would be redundant.
  const encoder = kind === 'shared-bottom' ? buildLayers(make, dense, 'enc', width, cfg.encoderUnits) : [];
  const experts = kind === 'shared-bottom' ? null : buildExperts(kind, make, dense, width, heads, cfg);
  const zWidth = experts ? experts.zWidth : (cfg.encoderUnits[cfg.encoderUnits.length - 1] ?? width);
  width = zWidth;

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
    flat,
    encoder,
    moe: experts?.moe ?? null,
    towers: heads.map((h) => towers.get(h)!),
    gradMode: embeddingGradMode(),
    dropout: dropoutOf(cfg.dropout, seed),
    bnMomentum: cfg.bnMomentum,
  };

  return {
    heads,
    encoder: kind,
    embeddingDims,
    forward: (inputs, training, step = 'fast', prepared) =>
      step === 'plain'
        ? forwardPlain(parts, inputs, training)
        : forwardFast(parts, inputs, training, prepared),
    forwardDiagnostic: (inputs, step = 'fast', prepared) =>
      step === 'plain'
        ? forwardPlain(parts, inputs, true, false)
        : forwardFast(parts, inputs, true, prepared, false),
    prepareFast: (inputs) => (flat ? { columns: [], numeric: undefined } : prepareFast(spec, inputs)),
    variablesOf(head) {
      const t = heads.indexOf(head);
      if (t < 0) return [];
      return [...towers.get(head)!.flatMap((l) => [l.kernel, l.bias]), ...(experts?.perHead[t] ?? [])];
    },
    sharedVariables() {
      return [...tableVariables, ...layerVariables(encoder), ...(experts?.shared ?? [])];
    },
    lastSharedVariables() {
      if (experts) return [...experts.lastShared];
      return encoder.length ? [encoder[encoder.length - 1].kernel] : [...tableVariables];
    },
    namedVariables: () => new Map(byName),
    allVariables() {
      return [...all];
    },
    dispose() {
      for (const v of all) v.dispose();
      flat?.meta.dispose();
    },
  };
}

/**
 * Inverted dropout at `rate` (model-parts.ts): the k-th call draws its mask from tfjs's seeded
 * uniform generator with seed (model seed, k), generated on the CPU, so every backend drops the
 * same elements of the same step.
 */
function dropoutOf(rate: number, seed: number): (z: tf.Tensor2D) => tf.Tensor2D {
  if (!(rate > 0)) return (z) => z;
  let calls = 0;
  return (z) => {
    const u = tf.randomUniform(z.shape, 0, 1, 'float32', seed * 1_000_003 + calls++);
    return tf.mul(z, tf.mul(tf.cast(tf.greater(u, rate), 'float32'), 1 / (1 - rate))) as tf.Tensor2D;
  };
}
