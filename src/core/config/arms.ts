/**
 * An arm is one trained configuration inside a run: a grouping plus the training settings and
 * feature groups it uses. A plain comparison has one arm per chosen grouping, all with the
 * config's settings; an ablation grid (ablation.ts) has one arm per variant of a target grouping.
 */
import type { FeatureGroup } from '../data/schema';
import type {
  EncoderKind,
  ExperimentConfig,
  Grouping,
  GroupingId,
  ModelConfig,
  TrainConfig,
} from './experiment';
import { GROUPINGS } from './groupings';

export interface Arm {
  /** Unique within a run; the results' grouping id. */
  readonly id: string;
  /** The grouping it trains (heads, sources, loss mask); grouping.id === id. */
  readonly grouping: Grouping;
  readonly train: TrainConfig;
  /** The encoder its model uses (the config's sizes apply). */
  readonly encoder: EncoderKind;
  /** Feature groups left out of the model's inputs (empty = all). */
  readonly dropGroups: readonly FeatureGroup[];
  /** What this arm changes against its reference, in words ('' for a plain grouping). */
  readonly change: string;
  /**
   * Label of the random streams (initialisation, sampling) the arm draws from the run's seed. A
   * plain grouping uses its id; every arm of an ablation grid uses the target's id, so the arms
   * share their random numbers (common random numbers): `full` trains exactly as the target does
   * in a comparison with the same seed, and an arm differs from it only by its change.
   */
  readonly seedKey: string;
  /** The model settings it trains with, when not the config's (a tuned recipe). */
  readonly model?: ModelConfig;
}

/** What an arm needs of the config: its training settings and (shared bottom when absent) encoders. */
export type ArmSettings = Pick<ExperimentConfig, 'train'> & Partial<Pick<ExperimentConfig, 'encoders'>>;

/** The arm of a preset grouping trained with the config's own settings. */
export function groupingArm(id: GroupingId, cfg: ArmSettings): Arm {
  const encoder = cfg.encoders?.[id] ?? 'shared-bottom';
  return { id, grouping: GROUPINGS[id], train: cfg.train, encoder, dropGroups: [], change: '', seedKey: id };
}

/** The arms of a plain comparison: cfg.groupings in order. */
export function comparisonArms(cfg: Pick<ExperimentConfig, 'groupings'> & ArmSettings): Arm[] {
  return cfg.groupings.map((id) => groupingArm(id, cfg));
}

/** A stable key of an arm's feature-group drop, for sharing one encoded dataset among arms. */
export function dropKey(arm: Pick<Arm, 'dropGroups'>): string {
  return [...arm.dropGroups].sort().join(',');
}
