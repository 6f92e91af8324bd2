/**
 * The groupings and label subsets of the new-objective cold start (docs/experiments.md): task t
 * plays a new objective whose labels are scarce.
 *   pretrain: joint-5task without t, and without any (source, label) pair that is t's own label,
 *             so no label of the new objective is seen (for promo_stream as new, ad_stream no
 *             longer learns from promo rows' stream labels);
 *   scratch:  one head t on the budget's rows;
 *   finetune: the pretrained heads with t in place of its nearest head (same shapes, so every
 *             weight copies over by name), only t's loss on the budget's rows.
 */
import { type Rng, shuffleInPlace } from '../data/rng';
import { type Source, TASK_LABEL, type TaskId } from '../data/schema';
import type { Grouping, LossMask } from './experiment';
import { GROUPINGS, paperMask } from './groupings';

/**
 * The head that stands in for a new task: the one whose label is closest in meaning (stream for
 * stream, across channels; among click, like and follow, the nearest engagement signal).
 */
export const NEAREST_HEAD: Readonly<Record<TaskId, TaskId>> = {
  promo_stream: 'ad_stream',
  ad_stream: 'promo_stream',
  click: 'like',
  like: 'follow',
  follow: 'like',
};

/** Sources whose rows carry the task's own labels: each stream head's channel, both otherwise. */
export function ownSources(task: TaskId): readonly Source[] {
  if (task === 'promo_stream') return ['promo'];
  if (task === 'ad_stream') return ['ad'];
  return ['promo', 'ad'];
}

const onlyTask = (task: TaskId, heads: readonly TaskId[]): LossMask => {
  const own = ownSources(task);
  const row = (s: Source) => Object.fromEntries(heads.map((h) => [h, h === task && own.includes(s) ? 1 : 0]));
  return { promo: row('promo'), ad: row('ad') };
};

/** The joint model without the new task, masked so that none of its labels is learned. */
export function pretrainGrouping(task: TaskId): Grouping {
  const heads = GROUPINGS['joint-5task'].heads.filter((h) => h !== task);
  const base = paperMask(heads);
  const own = ownSources(task);
  const strip = (s: Source) =>
    Object.fromEntries(
      heads.map((h) => [h, own.includes(s) && TASK_LABEL[h] === TASK_LABEL[task] ? 0 : (base[s][h] ?? 0)]),
    );
  return {
    id: 'pretrain',
    label: `joint without ${task}`,
    trainsOn: ['promo', 'ad'],
    heads,
    mask: { promo: strip('promo'), ad: strip('ad') },
  };
}

export function scratchGrouping(task: TaskId): Grouping {
  return {
    id: 'scratch',
    label: `${task} from scratch`,
    trainsOn: ownSources(task),
    heads: [task],
    mask: onlyTask(task, [task]),
  };
}

export function finetuneGrouping(task: TaskId): Grouping {
  const near = NEAREST_HEAD[task];
  const heads = pretrainGrouping(task).heads.map((h) => (h === near ? task : h));
  return {
    id: 'finetune',
    label: `joint fine-tuned on ${task}`,
    trainsOn: ownSources(task),
    heads,
    mask: onlyTask(task, heads),
  };
}

/**
 * A seeded random order of `rows` whose prefixes are the budgets' subsets (so the 5% labels
 * include the 1% ones): budget b keeps the first max(1, round(b / 100 * n)) rows.
 */
export function budgetOrder(rows: Int32Array, rng: Pick<Rng, 'nextInt'>): Int32Array {
  return shuffleInPlace(rows.slice(), rng);
}

/** The budget's share of an ordered row list (at least one row when there is any). */
export function budgetRows(ordered: Int32Array, percent: number): Int32Array {
  if (ordered.length === 0) return ordered;
  return ordered.subarray(0, Math.max(1, Math.round((percent / 100) * ordered.length)));
}
