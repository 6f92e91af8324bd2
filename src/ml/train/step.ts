/**
 * One optimisation step of the masked multi-task loss, with per-head variable lists.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossMask, TrainConfig } from '../../core/config/experiment';
import { type AdamOptimizer, createGroupedAdam } from './adam';
import type { DeviceData } from '../model/device-data';
import type { Rng } from '../../core/data/rng';
import { uncertaintyLoss } from './balancing';
import {
  activeHeads,
  labelColumns,
  lossTargets,
  maskedLoss,
  maskedLossFast,
  maskMatrix,
  maskTensor,
} from './loss';
import { maskedLossWebGpu } from '../kernels/webgpu/masked-loss-webgpu';
import { onWebGpu } from '../kernels/webgpu/program';
import type { SharedBottomModel, StepKind } from '../model/model';
import { createWeightDecay, nameIn } from './recipe';
import { createPerTaskStepper } from './step-pertask';
import type { Stepper } from './stepper';

export type { StepKind } from '../model/model';

/**
 * The step a training uses: PCGrad and GradNorm need per-head gradients (step-pertask.ts);
 * uncertainty weighting learns its weights through tfjs's autodiff of the plain step; fixed
 * weights use the fast step, for every encoder.
 */
export function createTrainingStepper(
  model: SharedBottomModel,
  data: DeviceData,
  lossMask: LossMask,
  train: TrainConfig,
  rng: Rng,
): Stepper {
  if (train.balancing === 'pcgrad' || train.balancing === 'gradnorm')
    return createPerTaskStepper(model, data, lossMask, train, rng);
  return createStepper(model, data, lossMask, train, train.balancing === 'uncertainty' ? 'plain' : 'fast');
}

/**
 * Adam (beta1 0.9, beta2 0.999, explicit epsilon) on L = sum_t lambda_t L_t. Each step updates
 * the shared variables and the towers of only those heads with at least one kept row (mask 1 and
 * label present) in the batch: PyTorch semantics, where a head outside the loss graph has no
 * gradient, so Adam's momentum cannot move it. Each variable group (shared, one per head) has
 * its own moments and step count: 'plain' gives each group its own tf.train.adam (tfjs's Adam
 * keys its moments by position in the gradient list and counts one global step, which would mix
 * moments between variables when the list changes); 'fast' uses adam.ts's grouped Adam, the same
 * update over all groups at once with inactive groups masked out (fewer kernels).
 */
export function createStepper(
  model: SharedBottomModel,
  data: DeviceData,
  lossMask: LossMask,
  train: TrainConfig,
  kind: StepKind = 'fast',
): Stepper {
  const heads = model.heads;
  const mask = maskTensor(lossMask, heads);
  const weights = heads.map((h) => train.taskWeights[h] ?? 1);
  // Constants of the fast loss, uploaded once rather than per step.
  const cols = tf.tensor1d(labelColumns(heads), 'int32');
  const weightsT = tf.tensor1d(weights);
  // On webgpu the fast loss is one kernel, targets included (webgpu/masked-loss-webgpu.ts).
  const gpuLoss =
    kind === 'fast' && onWebGpu()
      ? { mask: [...maskMatrix(lossMask, heads)], cols: labelColumns(heads), weights }
      : undefined;
  // Uncertainty weighting: one learned log-variance s_t per head, in that head's Adam group.
  const uncertainty = train.balancing === 'uncertainty';
  if (uncertainty && kind === 'fast') throw new Error('uncertainty weighting runs on the plain step');
  // (tidy: tf.variable keeps its initial tensor alive otherwise)
  const logVars = uncertainty ? heads.map(() => tf.tidy(() => tf.variable(tf.zeros([1])))) : [];
  const varGroups = [
    model.sharedVariables(),
    ...heads.map((h, t) => [...model.variablesOf(h), ...(uncertainty ? [logVars[t]] : [])]),
  ];
  const optimizer = kind === 'fast' ? fastAdam(varGroups, train) : plainAdam(varGroups, train);
  const decay = createWeightDecay(varGroups, nameIn(model), train);
  let lr = train.learningRate;
  return {
    setLearningRate(rate) {
      lr = rate;
      optimizer.setLearningRate(rate);
    },
    step(rows) {
      const active = activeHeads(rows, data.host.source, data.host.labelPresent, lossMask, heads);
      if (!active.some(Boolean)) return { loss: undefined, active };
      const used = [true, ...active]; // per group: shared, then one per head
      const loss = tf.tidy(() => {
        const batch = data.gatherBatch(rows);
        // Batch-only tensors of the fast step, made before variableGrads opens its tape, so
        // that their kernels are not recorded and their saved inputs not cloned.
        const fast =
          kind === 'fast'
            ? {
                inputs: model.prepareFast(batch),
                targets: gpuLoss
                  ? undefined
                  : lossTargets(batch.labels, batch.labelPresent, batch.source, mask, cols),
              }
            : undefined;
        let perTask: tf.Tensor1D | undefined;
        const { grads } = tf.variableGrads(
          () => {
            const logits = model.forward(batch, true, kind, fast?.inputs);
            const l = gpuLoss
              ? maskedLossWebGpu(logits, batch, gpuLoss)
              : fast?.targets
                ? maskedLossFast(logits, fast.targets, weightsT)
                : maskedLoss(logits, batch.labels, batch.labelPresent, batch.source, mask, heads, weights);
            perTask = tf.keep(l.perTask); // survives the gradient's internal tidy
            if (!uncertainty) return l.total;
            const activeT = tf.tensor1d(active.map((a) => (a ? 1 : 0)));
            return uncertaintyLoss(l.perTask, tf.concat(logVars) as tf.Tensor1D, weightsT, activeT);
          },
          varGroups.filter((_, i) => used[i]).flat(),
        );
        optimizer.apply(grads, used);
        decay?.apply(used, lr);
        return perTask!;
      });
      return { loss, active };
    },
    async taskWeights() {
      if (!uncertainty) return [...weights];
      const s = await Promise.all(logVars.map((v) => v.data()));
      return weights.map((l, t) => l * Math.exp(-s[t][0]));
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([mask, cols, weightsT, ...logVars]);
    },
  };
}

/** One Adam over all groups (adam.ts): groups keep their own step counts and moments. */
function fastAdam(groups: tf.Variable[][], train: TrainConfig): AdamOptimizer {
  return createGroupedAdam(groups, train.learningRate, 0.9, 0.999, train.adamEpsilon);
}

/** The reference: one tf.train.adam per group, applied only to the active groups. */
function plainAdam(groups: tf.Variable[][], train: TrainConfig): AdamOptimizer {
  const opts = groups.map(() => tf.train.adam(train.learningRate, 0.9, 0.999, train.adamEpsilon));
  return {
    // tfjs's Adam reads its (protected) learningRate on every update.
    setLearningRate: (lr) => opts.forEach((o) => Object.assign(o, { learningRate: lr })),
    apply: (grads, active) =>
      groups.forEach((vars, i) => {
        if (active?.[i] ?? true)
          opts[i].applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] })));
      }),
    dispose: () => opts.forEach((o) => o.dispose()),
  };
}
