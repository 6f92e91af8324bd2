/**
 * What any study produces, tagged with its kind: the comparison of groupings, the ablation grid
 * and tuning give an ExperimentResults (the grid's carries its `ablation` section, tuning's its
 * `tuning` section), the new-objective cold start gives ColdStartResults. History records, exports and the review deck all take this one
 * union, so a new kind of study is one more member here plus its views.
 */
import { ablationGrid, gridArmsOf } from '../config/ablation';
import type { ExperimentConfig, GroupingId, StudyKind } from '../config/experiment';
import type { FeatureGroup } from '../data/schema';
import type { ColdStartResults } from './cold-start-types';
import type { ExperimentResults } from './results-types';

export { comparesGroupings, STUDY_KINDS, type StudyKind } from '../config/experiment';

export type StudyResults =
  | { readonly kind: 'comparison'; readonly results: ExperimentResults }
  | { readonly kind: 'ablation'; readonly results: ExperimentResults }
  | { readonly kind: 'cold-start'; readonly results: ColdStartResults }
  | { readonly kind: 'tuning'; readonly results: ExperimentResults };

/** The study of one kind (e.g. `StudyOf<'cold-start'>`). */
export type StudyOf<K extends StudyKind> = Extract<StudyResults, { kind: K }>;

/** How a kind is named on screen and in reports. */
export const STUDY_LABEL: Readonly<Record<StudyKind, string>> = {
  comparison: 'Comparison',
  ablation: 'Ablation grid',
  'cold-start': 'Cold start',
  tuning: 'Tuning',
};

/**
 * The phases a study goes through, in order, as its progress names them: building or loading the
 * data, training (every grouping, arm or budget of every seed), scoring the test rows, then the
 * rigor section (intervals over seeds, the paired bootstrap, the budget replay, the PR curves).
 * A kind uses the phases it has (a cold start has no bootstrap).
 */
export const STUDY_PHASES = [
  'data',
  'training',
  'evaluation',
  'intervals',
  'bootstrap',
  'replay',
  'curves',
] as const;
export type StudyPhase = (typeof STUDY_PHASES)[number];

/** What to run: the kind and the parameters that kind takes beyond the experiment config. */
export type StudySpec =
  | { readonly kind: 'comparison' }
  /** The grid of `target`; `arms`: arm ids to train besides the unchanged model (all when absent). */
  | { readonly kind: 'ablation'; readonly target: GroupingId; readonly arms?: readonly string[] }
  | { readonly kind: 'cold-start' }
  /** The comparison after each grouping's recipe search (the budget is the config's rigor.tune). */
  | { readonly kind: 'tuning' };
export type SpecOf<K extends StudyKind> = Extract<StudySpec, { kind: K }>;

/**
 * The study `config` starts (config.study): for an ablation, its target and the arms its grid has
 * on data with feature groups `groups`; wanted arms the grid lacks (a link made for another target
 * or dataset) are dropped, and a notice says which.
 */
export function studySpecOf(
  config: ExperimentConfig,
  groups: readonly FeatureGroup[],
): { readonly spec: StudySpec; readonly notices: readonly string[] } {
  const { kind, ablate, arms } = config.study;
  if (kind !== 'ablation') return { spec: { kind }, notices: [] };
  if (arms.length === 0) return { spec: { kind, target: ablate }, notices: [] };
  const kept = gridArmsOf(ablationGrid(config, ablate, groups), arms);
  const notices =
    kept.missing.length === 0
      ? []
      : [
          `the ablation grid of ${ablate} has no arm ${kept.missing.join(', ')} on this data; ` +
            `it trains ${kept.arms.join(', ')} besides the unchanged model`,
        ];
  return { spec: { kind, target: ablate, arms: kept.arms }, notices };
}

/** Where a study is: its phase, what it does now in words, and the share of the phase done. */
export interface PhaseReport {
  readonly phase: StudyPhase;
  readonly message: string;
  /** In [0, 1] when the phase can tell (e.g. trainings finished of all), else absent. */
  readonly fraction?: number;
}

/** A study's phase as one line: 'training: seed 1 of 3: training joint-5task (40%)'. */
export function phaseText(p: PhaseReport): string {
  const share =
    p.fraction === undefined ? '' : ` (${Math.round(Math.min(1, Math.max(0, p.fraction)) * 100)}%)`;
  return `${p.phase}: ${p.message}${share}`;
}
