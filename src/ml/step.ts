/**
 * One optimisation step of the masked multi-task loss, with per-head variable lists.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossMask, TrainConfig } from '../core/config/experiment';
import { type AdamOptimizer, createAdam } from './adam';
import type { DeviceData } from './device-data';
import { activeHeads, maskedLoss, maskTensor } from './loss';
import type { SharedBottomModel } from './model';

/**
 * 'plain': the reference step, one tfjs op per mathematical operation; 'fast': the optimised
 * step training uses (same mathematics; a test checks equal losses on cpu).
 */
export type StepKind = 'plain' | 'fast';

export interface Stepper {
  /**
   * Trains on rows `rows` of `data`. Returns the step's per-task loss L_t ([heads], nats; the
   * caller disposes it) and which heads had kept rows, or `loss: undefined` when none had (then
   * nothing at all is updated, batch-norm statistics included).
   */
  step(rows: Int32Array): { loss: tf.Tensor1D | undefined; active: boolean[] };
  dispose(): void;
}

/**
 * Adam (beta1 0.9, beta2 0.999, explicit epsilon) on L = sum_t lambda_t L_t. Each step updates
 * the shared variables and the towers of only those heads with at least one kept row (mask 1 and
 * label present) in the batch: PyTorch semantics, where a head outside the loss graph has no
 * gradient, so Adam's momentum cannot move it. Each variable group (shared, one per head) has
 * its own Adam because tfjs's Adam keys its moments by position in the gradient list and counts
 * one global step, which would mix moments between variables when the list changes.
 * kind 'plain' uses tf.train.adam; 'fast' uses adam.ts (the same update in fewer kernels).
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
  const adam = (vars: tf.Variable[]): AdamOptimizer => {
    if (kind === 'fast') return createAdam(vars, train.learningRate, 0.9, 0.999, train.adamEpsilon);
    const opt = tf.train.adam(train.learningRate, 0.9, 0.999, train.adamEpsilon);
    return {
      apply: (grads) => opt.applyGradients(vars.map((v) => ({ name: v.name, tensor: grads[v.name] }))),
      dispose: () => opt.dispose(),
    };
  };
  const groups = [model.sharedVariables(), ...heads.map((h) => model.variablesOf(h))].map((vars) => ({
    vars,
    opt: adam(vars),
  }));
  return {
    step(rows) {
      const active = activeHeads(rows, data.host.source, data.host.labelPresent, lossMask, heads);
      if (!active.some(Boolean)) return { loss: undefined, active };
      const used = groups.filter((_, i) => i === 0 || active[i - 1]);
      const loss = tf.tidy(() => {
        const batch = data.gatherBatch(rows);
        let perTask: tf.Tensor1D | undefined;
        const { grads } = tf.variableGrads(
          () => {
            const logits = model.forward(batch, true, kind);
            const l = maskedLoss(
              logits,
              batch.labels,
              batch.labelPresent,
              batch.source,
              mask,
              heads,
              weights,
            );
            perTask = tf.keep(l.perTask); // survives the gradient's internal tidy
            return l.total;
          },
          used.flatMap((g) => g.vars),
        );
        for (const g of used) g.opt.apply(grads);
        return perTask!;
      });
      return { loss, active };
    },
    dispose() {
      for (const g of groups) g.opt.dispose();
      mask.dispose();
    },
  };
}
