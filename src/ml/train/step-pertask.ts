/**
 * Training steps that need each head's gradient separately (balancing.ts): PCGrad and GradNorm.
 * A step costs one forward and backward pass per active head (the reference ops, not the fast
 * pass), so these train several times slower than the fixed-weight step.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossMask, TrainConfig } from '../../core/config/experiment';
import { type Rng, shuffleInPlace } from '../../core/data/rng';
import { type AdamOptimizer, createGroupedAdam } from './adam';
import { gradnormWeightGrad, pcgradCombine, renormalise } from './balancing';
import type { DeviceData } from '../model/device-data';
import { activeHeads, maskTensor } from './loss';
import { createWeightDecay, nameIn } from './recipe';
import type { SharedBottomModel } from '../model/model';
import type { Stepper } from './stepper';
import { flatGrad, taskGradients, unflatten } from './task-grads';

/**
 * A stepper for train.balancing 'pcgrad' or 'gradnorm'. Adam groups and the per-head activity
 * rule are the plain step's (step.ts): a head without kept rows in the batch has no gradient and
 * is not updated. `rng` draws PCGrad's projection orders.
 */
export function createPerTaskStepper(
  model: SharedBottomModel,
  data: DeviceData,
  lossMask: LossMask,
  train: TrainConfig,
  rng: Rng,
): Stepper {
  const heads = model.heads;
  const H = heads.length;
  const mask = maskTensor(lossMask, heads);
  const lambda = heads.map((h) => train.taskWeights[h] ?? 1);
  const shared = model.sharedVariables();
  const groups = [shared, ...heads.map((h) => model.variablesOf(h))];
  const optimizer: AdamOptimizer = createGroupedAdam(
    groups,
    train.learningRate,
    0.9,
    0.999,
    train.adamEpsilon,
  );
  const gradnorm = train.balancing === 'gradnorm';
  // GradNorm's state: w (starts at 1), each head's first active loss L(0), and whether it has one.
  // (tidy: tf.variable keeps its initial tensor alive otherwise)
  const w = tf.tidy(() => tf.variable(tf.ones([H]), false)) as tf.Variable<tf.Rank.R1>;
  const initial = tf.tidy(() => tf.variable(tf.zeros([H]), false));
  const seen = tf.tidy(() => tf.variable(tf.zeros([H]), false));
  const wOptimizer = tf.train.adam(train.learningRate, 0.9, 0.999, train.adamEpsilon);
  const lastShared = new Set(model.lastSharedVariables().map((v) => v.name));
  const decay = createWeightDecay(groups, nameIn(model), train);
  let lr = train.learningRate;
  return {
    setLearningRate(rate) {
      lr = rate;
      optimizer.setLearningRate(rate);
    },
    step(rows) {
      const active = activeHeads(rows, data.host.source, data.host.labelPresent, lossMask, heads);
      const which = active.flatMap((a, t) => (a ? [t] : []));
      if (which.length === 0) return { loss: undefined, active };
      const orders = which.map((t) =>
        // PCGrad's random order of the other heads (the same draws as a Fisher-Yates over them).
        Array.from(shuffleInPlace(Int32Array.from(which.filter((j) => j !== t)), rng)),
      );
      const loss = tf.tidy(() => {
        const batch = { ...data.gatherBatch(rows), mask, weights: lambda };
        const { grads, perTask } = taskGradients(
          model,
          batch,
          which,
          (t) => [...shared, ...groups[t + 1]],
          true,
        );
        const activeT = tf.tensor1d(active.map((a) => (a ? 1 : 0)));
        const combined: tf.NamedTensorMap = {};
        if (gradnorm) {
          const norms = tf.stack(
            heads.map((_, t) => {
              const g = grads.find((x) => x.head === t);
              if (!g) return tf.scalar(0);
              const sq = shared
                .filter((v) => lastShared.has(v.name))
                .map((v) => tf.sum(tf.square(g.grads[v.name])));
              return tf.sqrt(tf.addN(sq));
            }),
          ) as tf.Tensor1D;
          const wt = tf.unstack(w);
          for (const v of shared)
            combined[v.name] = tf.addN(grads.map((g) => tf.mul(wt[g.head], g.grads[v.name])));
          for (const g of grads)
            for (const v of groups[g.head + 1]) combined[v.name] = tf.mul(wt[g.head], g.grads[v.name]);
          // L(0): a head's loss on the first step where it had kept rows.
          initial.assign(tf.where(tf.greater(seen, 0), initial, tf.mul(perTask, activeT)));
          seen.assign(tf.maximum(seen, activeT));
          const wGrad = gradnormWeightGrad(
            w,
            norms,
            perTask,
            initial as tf.Tensor as tf.Tensor1D,
            activeT,
            train.gradnormAlpha,
          );
          wOptimizer.applyGradients([{ name: w.name, tensor: wGrad }]);
          w.assign(renormalise(w));
        } else {
          const flat = grads.map((g) => flatGrad(g.grads, shared));
          Object.assign(
            combined,
            unflatten(
              pcgradCombine(
                flat,
                orders.map((o) => o.map((j) => which.indexOf(j))),
              ),
              shared,
            ),
          );
          for (const g of grads) for (const v of groups[g.head + 1]) combined[v.name] = g.grads[v.name];
        }
        optimizer.apply(combined, [true, ...active]);
        decay?.apply([true, ...active], lr);
        return perTask;
      });
      return { loss, active };
    },
    async taskWeights() {
      const wv = gradnorm ? await w.data() : new Float32Array(H).fill(1);
      return lambda.map((l, t) => l * wv[t]);
    },
    dispose() {
      wOptimizer.dispose();
      tf.dispose([mask, w, initial, seen]);
      optimizer.dispose();
    },
  };
}
