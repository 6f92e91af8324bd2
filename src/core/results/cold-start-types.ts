/**
 * Types of the new-objective cold-start experiment (docs/experiments.md, "New-objective cold
 * start"). One task plays a new objective: at each label budget b (percent of its training
 * labels kept, a seeded random subset), three ways to score it are compared on its test rows:
 *   scratch:  a one-head model trained on the b% labels only;
 *   direct:   the joint model trained without the task, its nearest head applied as it is;
 *   finetune: that joint model with a head for the task (started as a copy of the nearest head)
 *             trained further on the b% labels.
 * Every undefined metric is null.
 */
import type { EncoderKind } from '../config/experiment';
import type { Source, TaskId } from '../data/schema';
import type { Metric } from './metric';
import type { Interval } from './rigor-types';

export const COLD_START_METHODS = ['scratch', 'direct', 'finetune'] as const;
export type ColdStartMethod = (typeof COLD_START_METHODS)[number];
/** The segments the curve is reported on: every test row of the task, and less-streamed shows. */
export const COLD_START_SEGMENTS = ['all', 'less-streamed'] as const;
export type ColdStartSegment = (typeof COLD_START_SEGMENTS)[number];

/** One method at one budget: AP over seeds (mean, 95% t interval, each seed's value). */
export interface ColdStartPoint {
  /** Percent of the task's training labels kept. */
  readonly budget: number;
  /** Training rows whose label for the task was kept (first seed; the subset is per seed). */
  readonly labels: number;
  readonly ap: Readonly<Record<ColdStartSegment, Interval>>;
}

export interface ColdStartResults {
  readonly task: TaskId;
  /** The head of the joint model that stands in for the task when applied directly. */
  readonly nearestHead: TaskId;
  /** The sources whose rows carry the task's labels (and whose test rows it is scored on). */
  readonly sources: readonly Source[];
  readonly encoder: EncoderKind;
  readonly budgets: readonly number[];
  readonly seeds: readonly number[];
  /** Test rows with an observed label for the task, and how many are positive. */
  readonly testRows: number;
  readonly testPositives: number;
  /** Per method, one point per budget (direct does not use the labels: the same model at every budget). */
  readonly methods: Readonly<Record<ColdStartMethod, readonly ColdStartPoint[]>>;
  /** Simulated stream tasks only: AP of the simulator's true probability on the same rows. */
  readonly ceiling: Readonly<Record<ColdStartSegment, Metric>> | null;
}
