/**
 * The pieces of the cold-start experiment (cold-start.ts): which rows carry the task's labels,
 * its AP on test rows, one budgeted or pretraining run, and the weight copy of fine-tuning.
 */
import type { Arm } from '../../core/config/arms';
import { ownSources } from '../../core/config/cold-start';
import type { ExperimentConfig, Grouping } from '../../core/config/experiment';
import type { PreparedData } from '../../core/data/prepare';
import { createRng } from '../../core/data/rng';
import { SOURCE_CODE, TASK_LABEL, type TaskId } from '../../core/data/schema';
import { createBatchSampler } from '../../core/data/sampler';
import { averagePrecision } from '../../core/metrics/average-precision';
import { toMetric } from '../../core/results/results-types';
import type { DeviceData } from '../model/device-data';
import { RunCancelled } from '../train/run-types';
import { type TrainArgs, type TrainedModel, trainGrouping } from '../train/trainer';

/**
 * Steps per epoch of the budgeted trainings at least: 1% of the labels can be a single batch,
 * and a handful of steps would leave a model untrained rather than short of labels. Early
 * stopping on the budget's validation labels still picks the epoch.
 */
export const MIN_STEPS_PER_EPOCH = 50;

/** Positions i of `rows` whose row rows[i] passes `keep`. */
function positionsWhere(rows: Int32Array, keep: (row: number) => boolean): number[] {
  const out: number[] = [];
  rows.forEach((r, i) => {
    if (keep(r)) out.push(i);
  });
  return out;
}

/** Rows of `rows` from the task's own sources with its label observed. */
export function labelled(data: PreparedData, rows: Int32Array, task: TaskId): Int32Array {
  const codes = ownSources(task).map((s) => SOURCE_CODE[s]);
  const label = data.table.labels[TASK_LABEL[task]];
  return rows.filter((r) => codes.includes(data.table.source[r] as 0 | 1) && label[r] !== 255);
}

/** AP of `scores` (aligned with `rows`) against the task's label, over all rows and the less-streamed ones. */
export function apOf(data: PreparedData, task: TaskId, rows: Int32Array, scores: Float32Array) {
  const label = data.table.labels[TASK_LABEL[task]];
  const y = Uint8Array.from(rows, (r) => label[r]);
  const less = positionsWhere(rows, (r) => data.lessStreamed[r] === 1);
  return {
    all: toMetric(averagePrecision(scores, y)),
    'less-streamed': toMetric(averagePrecision(scores, y, less)),
  };
}

/** Copies every weight of the pretrained model into the new one, the task's from its nearest head's. */
export function copyFrom(pretrained: TrainedModel, task: TaskId, near: TaskId) {
  const source = pretrained.model.namedVariables();
  return (model: TrainedModel['model']) => {
    for (const [name, v] of model.namedVariables()) {
      const from = source.get(name.replace(`/${task}/`, `/${near}/`));
      if (!from) throw new Error(`cold start: no pretrained weight for ${name}`);
      v.assign(from);
    }
  };
}

/** Trains grouping g on `rows` with early stopping on the AP of its heads over `val`. */
export async function trainOn(
  device: DeviceData,
  data: PreparedData,
  cfg: ExperimentConfig,
  g: Grouping,
  rows: Int32Array,
  val: Int32Array,
  seed: number,
  opts: Pick<TrainArgs, 'shouldStop' | 'yieldEvery' | 'warmStart'>,
): Promise<TrainedModel> {
  const arm: Pick<Arm, 'seedKey'> = { seedKey: `cold-start:${g.id}` };
  const rng = createRng(seed);
  const split = (code: number) => rows.filter((r) => data.table.source[r] === code);
  const sampler = createBatchSampler({
    rowsBySource: {
      promo: g.trainsOn.includes('promo') ? split(0) : new Int32Array(0),
      ad: g.trainsOn.includes('ad') ? split(1) : new Int32Array(0),
    },
    batchSize: cfg.train.batchSize,
    promoShare: cfg.train.promoShare,
    rng: rng.fork(`sampler:${arm.seedKey}`),
  });
  const budgeted = g.id !== 'pretrain';
  let cancelled = false;
  const trained = await trainGrouping({
    data: device,
    grouping: g,
    model: { ...cfg.model, encoder: cfg.encoders['joint-5task'] },
    train: cfg.train,
    seed: rng.fork(`init:${arm.seedKey}`).nextUint32(),
    nextBatch: () => sampler.next(),
    stepsPerEpoch: budgeted ? Math.max(sampler.stepsPerEpoch, MIN_STEPS_PER_EPOCH) : sampler.stepsPerEpoch,
    validationRows: val,
    validationScore: (scores) => {
      // Mean AP of the heads with a loss on `val` (each over the rows its mask keeps).
      const aps = g.heads.flatMap((h) => {
        const kept = positionsWhere(val, (r) => g.mask[data.table.source[r] === 0 ? 'promo' : 'ad'][h] === 1);
        const label = data.table.labels[TASK_LABEL[h]];
        const ap = averagePrecision(
          scores[h]!,
          Uint8Array.from(val, (r) => label[r]),
          kept,
        );
        return ap === undefined ? [] : [ap];
      });
      return aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : undefined;
    },
    shouldStop: () => (cancelled ||= opts.shouldStop?.() ?? false),
    yieldEvery: opts.yieldEvery,
    warmStart: opts.warmStart,
    scoreStart: opts.warmStart !== undefined, // fine-tuning may keep the pretrained start
  });
  if (cancelled) {
    trained.dispose();
    throw new RunCancelled();
  }
  return trained;
}
