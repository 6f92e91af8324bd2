/**
 * Training one grouping: Adam on the masked multi-task loss, validation after every epoch,
 * early stopping, and the best epoch's weights restored at the end.
 */
import { nextMacrotask } from '../../core/data/macrotask';
import * as tf from '@tensorflow/tfjs';
import type { EncoderKind, Grouping, ModelConfig, TrainConfig } from '../../core/config/experiment';
import { createRng } from '../../core/data/rng';
import type { TaskId } from '../../core/data/schema';
import type { GradCosine } from '../../core/results/results-types';
import type { DeviceData } from '../model/device-data';
import { gradCosines } from './grad-conflict';
import { createModel, inputSpecOf, type SharedBottomModel } from '../model/model';
import { predictRows } from '../model/predict';
import { scheduledRate } from './recipe';
import { createTrainingStepper } from './step';

export type ScoresByHead = Partial<Record<TaskId, Float32Array>>;

export interface TrainProgress {
  /** 1-based epoch and 1-based step within it. */
  readonly epoch: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  /** Per-task masked BCE (nats) of this step; present only on steps whose loss was read back. */
  readonly lossByTask?: Partial<Record<TaskId, number>>;
}

export interface EpochRecord {
  readonly epoch: number;
  /** Per head: mean of the step losses L_t (nats) over this epoch's steps with kept rows for it. */
  readonly meanLossByTask: Partial<Record<TaskId, number>>;
  /** validationScore's value after this epoch (undefined when it had none). */
  readonly validationScore: number | undefined;
  readonly seconds: number;
  /** Each head's effective loss weight at the epoch's end (step.ts taskWeights). */
  readonly taskWeights: Partial<Record<TaskId, number>>;
  /** Pairwise gradient cosines on the shared parameters (grad-conflict.ts); absent without diagnostic batches. */
  readonly gradCosine?: readonly GradCosine[];
}

export interface TrainArgs {
  /** The run's dataset, already on the device; the trainer does not dispose it. */
  readonly data: DeviceData;
  readonly grouping: Pick<Grouping, 'heads' | 'mask'>;
  /** Sizes, and the encoder (shared bottom when absent). */
  readonly model: ModelConfig & { readonly encoder?: EncoderKind };
  readonly train: TrainConfig;
  /** Seeds the weight initialisation (sampling is the caller's, through nextBatch). */
  readonly seed: number;
  /** Row indices of the next mini-batch. */
  readonly nextBatch: () => Int32Array;
  readonly stepsPerEpoch: number;
  readonly validationRows: Int32Array;
  /** Higher is better (e.g. validation AP of the stream heads); undefined when not measurable. */
  readonly validationScore: (scoresByHead: ScoresByHead) => number | undefined;
  readonly onProgress?: (p: TrainProgress) => void;
  readonly onEpoch?: (e: EpochRecord) => void;
  /** Polled every step; true ends training after the current step (best weights still restored). */
  readonly shouldStop?: () => boolean;
  /**
   * Await a fresh macrotask every this many steps (before shouldStop is polled), so a worker's
   * message loop can deliver a cancel: on cpu and wasm a whole run otherwise never leaves the
   * microtask queue. Off when absent or 0.
   */
  readonly yieldEvery?: number;
  /**
   * Fixed training batches on which the gradient-conflict cosines are measured after every
   * epoch (models with two or more heads); none when absent.
   */
  readonly diagnosticBatches?: readonly Int32Array[];
  /** Called on the new model before the first step (the cold start copies weights in here). */
  readonly warmStart?: (model: SharedBottomModel) => void;
  /**
   * Score the starting weights too (epoch 0): when no epoch beats them, they are kept (bestEpoch
   * 0). For fine-tuning, where the start is already a model and training may only make it worse.
   */
  readonly scoreStart?: boolean;
}

export interface TrainedModel {
  /** sigmoid(logit) per head of the grouping, one probability per row of `rows`. */
  predict(rows: Int32Array): Promise<ScoresByHead>;
  readonly history: readonly EpochRecord[];
  /** 1-based epoch whose weights the model holds (0 when no epoch finished, or the scored start was kept). */
  readonly bestEpoch: number;
  readonly stopReason: 'maxEpochs' | 'patience' | 'stopped';
  /** The trained model itself (its best epoch's weights); disposed with dispose(). */
  readonly model: SharedBottomModel;
  dispose(): void;
}

/**
 * Trains a shared-bottom model for one grouping with createStepper's per-head Adam steps.
 * Validation: score = validationScore(predictions); an epoch is best when its score beats every
 * earlier one; training stops after `patience` epochs without a better score. Epochs without a
 * score neither improve nor count; if none ever scores, the last epoch's weights are kept.
 */
export async function trainGrouping(args: TrainArgs): Promise<TrainedModel> {
  const { data, grouping, train } = args;
  const heads = grouping.heads;
  const model = createModel(inputSpecOf(data.host), heads, args.model, args.seed);
  args.warmStart?.(model);
  const stepper = createTrainingStepper(
    model,
    data,
    grouping.mask,
    train,
    createRng(args.seed).fork('pcgrad'),
  );
  const history: EpochRecord[] = [];
  // The schedule runs over the most steps training can take (early stopping cuts it short).
  const total = train.maxEpochs * args.stepsPerEpoch;
  let snapshot: tf.Tensor[] | undefined;
  let bestEpoch = 0;
  let bestScore = -Infinity;
  let stopReason: TrainedModel['stopReason'] = 'maxEpochs';
  const cleanupTraining = () => stepper.dispose();

  const live: { lossSum?: tf.Tensor } = {}; // the epoch's running sum, for disposal on error
  try {
    let sinceBest = 0;
    const startScore = args.scoreStart
      ? args.validationScore(await predictRows(model, data, args.validationRows))
      : undefined;
    if (startScore !== undefined) {
      bestScore = startScore;
      snapshot = model.allVariables().map((v) => tf.clone(v));
    }
    for (let epoch = 1; epoch <= train.maxEpochs && stopReason === 'maxEpochs'; epoch++) {
      const started = performance.now();
      // Per-task losses are summed on the device (no read-back per step) over the steps where
      // the head had kept rows; the step counts are known on the CPU.
      let lossSum: tf.Tensor = tf.zeros([heads.length]);
      live.lossSum = lossSum;
      const lossCount = new Float64Array(heads.length);
      let s = 1;
      for (; s <= args.stepsPerEpoch; s++) {
        const rows = args.nextBatch();
        if (train.lrSchedule !== 'constant')
          stepper.setLearningRate(scheduledRate(train, (epoch - 1) * args.stepsPerEpoch + s - 1, total));
        const { loss: perTask, active } = stepper.step(rows);
        let lossByTask: Partial<Record<TaskId, number>> | undefined;
        if (perTask) {
          active.forEach((a, i) => (lossCount[i] += a ? 1 : 0));
          const previous = lossSum;
          // An inactive head's L_t is exactly 0 (no kept rows: 0 / max(1, 0)), so adding the
          // whole vector sums over the active steps only, with no mask to upload and multiply.
          lossSum = tf.add(previous, perTask);
          previous.dispose();
          live.lossSum = lossSum;
          // Reading back stalls the device pipeline, so only every lossReadEvery steps.
          const values = s % train.lossReadEvery === 0 ? await perTask.data() : undefined;
          perTask.dispose();
          if (values) lossByTask = readLosses(heads, active, values);
        }
        args.onProgress?.({ epoch, step: s, stepsPerEpoch: args.stepsPerEpoch, lossByTask });
        if (args.yieldEvery && s % args.yieldEvery === 0) await nextMacrotask();
        if (args.shouldStop?.()) {
          stopReason = 'stopped';
          break;
        }
      }
      if (stopReason === 'stopped' && s < args.stepsPerEpoch) {
        lossSum.dispose();
        break; // a partial epoch is not evaluated
      }
      const score = args.validationScore(await predictRows(model, data, args.validationRows));
      const sums = await lossSum.data();
      lossSum.dispose();
      const meanLossByTask = readLosses(
        heads,
        Array.from(lossCount, (c) => c > 0),
        sums.map((v, i) => v / lossCount[i]),
      );
      const weights = await stepper.taskWeights();
      const gradCosine =
        args.diagnosticBatches && heads.length > 1
          ? await gradCosines(model, data, args.diagnosticBatches, grouping.mask, train)
          : undefined;
      const record: EpochRecord = {
        epoch,
        meanLossByTask,
        validationScore: score,
        seconds: (performance.now() - started) / 1000,
        taskWeights: Object.fromEntries(heads.map((h, i) => [h, weights[i]])),
        ...(gradCosine ? { gradCosine } : {}),
      };
      history.push(record);
      args.onEpoch?.(record);
      if (score !== undefined && score > bestScore) {
        bestScore = score;
        bestEpoch = epoch;
        sinceBest = 0;
        tf.dispose(snapshot);
        snapshot = model.allVariables().map((v) => tf.clone(v));
      } else if (score !== undefined && ++sinceBest >= train.patience && stopReason === 'maxEpochs') {
        stopReason = 'patience';
      }
    }
  } catch (e) {
    tf.dispose([...(snapshot ?? []), ...(live.lossSum && !live.lossSum.isDisposed ? [live.lossSum] : [])]);
    cleanupTraining();
    model.dispose();
    throw e;
  }
  cleanupTraining();
  if (snapshot) {
    model.allVariables().forEach((v, i) => v.assign(snapshot![i]));
    tf.dispose(snapshot);
  } else {
    bestEpoch = history.length; // nothing ever scored: keep the last epoch's weights
  }
  return {
    predict: (rows) => predictRows(model, data, rows),
    history,
    bestEpoch,
    stopReason,
    model,
    dispose: () => model.dispose(),
  };
}

/** Losses of the active heads by name; throws on a non-finite value (divergence). */
function readLosses(heads: readonly TaskId[], active: readonly boolean[], values: ArrayLike<number>) {
  const out: Partial<Record<TaskId, number>> = {};
  heads.forEach((h, i) => {
    if (!active[i]) return;
    if (!Number.isFinite(values[i])) throw new Error(`training diverged: ${h} loss is ${values[i]}`);
    out[h] = values[i];
  });
  return out;
}
