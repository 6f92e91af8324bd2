/**
 * The parts of the training recipe that act on every step beside Adam itself: the learning-rate
 * schedule and decoupled weight decay (config train.lrSchedule, weightDecayEmbeddings,
 * weightDecayDense; docs/experiments.md gives the defaults and the evidence for them).
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../core/config/experiment';
import type { SharedBottomModel } from '../model/model';

/**
 * The learning rate for the step after `done` of `total` steps: constant, or cosine decay
 * lr * (1 + cos(pi * done / total)) / 2, from lr at the first step towards 0 at the last.
 */
export function scheduledRate(
  train: Pick<TrainConfig, 'learningRate' | 'lrSchedule'>,
  done: number,
  total: number,
): number {
  if (train.lrSchedule === 'constant' || total <= 0) return train.learningRate;
  return (train.learningRate * (1 + Math.cos((Math.PI * Math.min(done, total)) / total))) / 2;
}

/** The decay rate of a model variable by its name: embedding tables, dense kernels, else none. */
export function decayRateOf(
  name: string,
  train: Pick<TrainConfig, 'weightDecayEmbeddings' | 'weightDecayDense'>,
) {
  if (name.startsWith('emb/')) return train.weightDecayEmbeddings;
  if (name.endsWith('/kernel')) return train.weightDecayDense;
  return 0; // biases, batch-norm gamma and beta, learned loss weights
}

export interface WeightDecay {
  /**
   * p <- p (1 - lr wd_p) for the variables of the groups with used[i] (AdamW's decoupled decay,
   * after the Adam update; a group without a gradient this step is left alone, as PyTorch skips
   * a parameter whose grad is None). Call inside a tidy.
   */
  apply(used: readonly boolean[], lr: number): void;
}

/** Weight decay over `groups` (the optimizer's variable groups); null when no rate is above 0. */
export function createWeightDecay(
  groups: readonly (readonly tf.Variable[])[],
  nameOf: (v: tf.Variable) => string,
  train: Pick<TrainConfig, 'weightDecayEmbeddings' | 'weightDecayDense'>,
): WeightDecay | null {
  const decayed = groups.map((vars) =>
    vars.flatMap((v) => {
      const wd = decayRateOf(nameOf(v), train);
      return wd > 0 ? [{ v, wd }] : [];
    }),
  );
  if (decayed.every((d) => d.length === 0)) return null;
  return {
    apply(used, lr) {
      decayed.forEach((list, g) => {
        if (!used[g]) return;
        for (const { v, wd } of list) v.assign(tf.mul(v, 1 - lr * wd));
      });
    },
  };
}

/** A model variable's name within the model (decayRateOf reads it; a variable not in it: ''). */
export function nameIn(model: SharedBottomModel): (v: tf.Variable) => string {
  const names = new Map([...model.namedVariables()].map(([name, v]) => [v, name]));
  return (v) => names.get(v) ?? '';
}
