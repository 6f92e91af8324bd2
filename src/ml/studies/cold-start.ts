/**
 * The new-objective cold-start experiment (core/results/cold-start-types.ts, groupings and label
 * subsets in core/config/cold-start.ts). Per seed: train the joint model without the task once
 * (pretrain); score the task's test rows with its nearest head (direct); then per label budget
 * train the task from scratch and fine-tune the pretrained model, both on the same b% of the
 * task's training labels, with early stopping on the same b% of its validation labels (a team
 * with b% of the labels has b% of the validation labels too).
 */
import {
  budgetOrder,
  budgetRows,
  finetuneGrouping,
  NEAREST_HEAD,
  ownSources,
  pretrainGrouping,
  scratchGrouping,
} from '../../core/config/cold-start';
import type { ExperimentConfig, Grouping } from '../../core/config/experiment';
import type { PreparedData } from '../../core/data/prepare';
import { createRng } from '../../core/data/rng';
import { TASK_LABEL } from '../../core/data/schema';
import {
  COLD_START_METHODS,
  type ColdStartMethod,
  type ColdStartPoint,
  type ColdStartResults,
} from '../../core/results/cold-start-types';
import { meanInterval } from '../../core/metrics/intervals';
import type { Metric } from '../../core/results/results-types';
import { apOf, copyFrom, labelled, trainOn } from './cold-start-parts';
import { uploadDataset } from '../model/device-data';
import type { RunOptions } from '../train/run-types';
import type { StudyDefinition } from './lifecycle';
import { repeatSeeds } from './comparison';
import type { trainGrouping } from '../train/trainer';

export interface ColdStartEvent {
  /** What is being trained now, in words (e.g. "seed 2 of 3: fine-tune at 5%"). */
  readonly message: string;
  /** Finished trainings over all trainings of the experiment, in [0, 1]. */
  readonly fraction: number;
}

export interface ColdStartOptions {
  readonly backend: string;
  readonly onEvent?: (e: ColdStartEvent) => void;
  /** Awaited before each training ('training') and each scoring ('evaluation'); may throw RunCancelled. */
  readonly checkpoint?: RunOptions['checkpoint'];
  /** Polled every step; true ends the experiment (RunCancelled from ./runner is thrown). */
  readonly shouldStop?: () => boolean;
  readonly yieldEvery?: number;
}

/** Runs cfg.coldStart over cfg.rigor.repeats seeds with the joint grouping's encoder. */
export async function runColdStart(
  data: PreparedData,
  cfg: ExperimentConfig,
  opts: ColdStartOptions,
): Promise<ColdStartResults> {
  const { task, budgets } = cfg.coldStart;
  const near = NEAREST_HEAD[task];
  const encoder = cfg.encoders['joint-5task'];
  const seeds = repeatSeeds(cfg);
  const trainLabelled = labelled(data, data.split.train, task);
  const valLabelled = labelled(data, data.split.val, task);
  const testRows = labelled(data, data.split.test, task);
  const total = seeds.length * (1 + 2 * budgets.length);
  let done = 0;
  const per: Record<ColdStartMethod, { all: Metric; 'less-streamed': Metric }[][]> = {
    scratch: budgets.map(() => []),
    direct: budgets.map(() => []),
    finetune: budgets.map(() => []),
  };
  const labelCounts = budgets.map((b) => budgetRows(trainLabelled, b).length);
  const score = (message: string) => opts.checkpoint?.('evaluation', message, done / total);
  const device = uploadDataset(data.encoded);
  try {
    for (const [r, seed] of seeds.entries()) {
      const rng = createRng(seed);
      const trainOrder = budgetOrder(trainLabelled, rng.fork('cold-start:train-labels'));
      const valOrder = budgetOrder(valLabelled, rng.fork('cold-start:val-labels'));
      const train = async (
        what: string,
        g: Grouping,
        rows: Int32Array,
        val: Int32Array,
        more: Partial<Parameters<typeof trainGrouping>[0]> = {},
      ) => {
        const message = `seed ${r + 1} of ${seeds.length}: ${what}`;
        opts.onEvent?.({ message, fraction: done / total });
        await opts.checkpoint?.('training', message, done / total);
        const trained = await trainOn(device, data, cfg, g, rows, val, seed, { ...opts, ...more });
        done++;
        return trained;
      };
      const pretrained = await train(
        `the joint model without ${task}`,
        pretrainGrouping(task),
        data.split.train,
        data.split.val,
      );
      try {
        await score(`seed ${r + 1}: the ${near} head on ${task}'s test rows`);
        const direct = apOf(data, task, testRows, (await pretrained.predict(testRows))[near]!);
        budgets.forEach((_, b) => per.direct[b].push(direct));
        for (const [b, budget] of budgets.entries()) {
          const rows = budgetRows(trainOrder, budget);
          const val = budgetRows(valOrder, budget);
          for (const method of ['scratch', 'finetune'] as const) {
            const g = method === 'scratch' ? scratchGrouping(task) : finetuneGrouping(task);
            const warm = method === 'finetune' ? { warmStart: copyFrom(pretrained, task, near) } : {};
            const trained = await train(
              `${method === 'scratch' ? 'from scratch' : 'fine-tune'} at ${budget}%`,
              g,
              rows,
              val,
              warm,
            );
            try {
              await score(`seed ${r + 1}: ${method} at ${budget}% on the test rows`);
              per[method][b].push(apOf(data, task, testRows, (await trained.predict(testRows))[task]!));
            } finally {
              trained.dispose();
            }
          }
        }
      } finally {
        pretrained.dispose();
      }
    }
  } finally {
    device.dispose();
  }
  opts.onEvent?.({ message: 'done', fraction: 1 });
  await opts.checkpoint?.('intervals', 'intervals over seeds');
  const points = (m: ColdStartMethod): ColdStartPoint[] =>
    budgets.map((budget, b) => ({
      budget,
      labels: labelCounts[b],
      ap: {
        all: meanInterval(per[m][b].map((x) => x.all)),
        'less-streamed': meanInterval(per[m][b].map((x) => x['less-streamed'])),
      },
    }));
  const truth = data.table.truth;
  const truthP =
    TASK_LABEL[task] === 'stream' ? truth?.pStream : TASK_LABEL[task] === 'click' ? truth?.pClick : undefined;
  const label = data.table.labels[TASK_LABEL[task]];
  return {
    task,
    nearestHead: near,
    sources: ownSources(task),
    encoder,
    budgets: [...budgets],
    seeds,
    testRows: testRows.length,
    testPositives: testRows.reduce((n, r) => n + (label[r] === 1 ? 1 : 0), 0),
    methods: Object.fromEntries(
      COLD_START_METHODS.map((m) => [m, points(m)]),
    ) as unknown as ColdStartResults['methods'],
    ceiling: truthP
      ? apOf(
          data,
          task,
          testRows,
          Float32Array.from(testRows, (r) => truthP[r]),
        )
      : null,
  };
}

/** The new-objective cold start of cfg.coldStart (task and label budgets), over the repeat seeds. */
export const coldStartStudy: StudyDefinition<'cold-start'> = {
  kind: 'cold-start',
  async run(data, cfg, _spec, ctx) {
    const results = await runColdStart(data, cfg, {
      backend: ctx.backend,
      checkpoint: ctx.checkpoint,
      shouldStop: ctx.shouldStop,
      yieldEvery: ctx.yieldEvery,
    });
    return { study: { kind: 'cold-start', results } };
  },
};
