/**
 * What any study produces, tagged with its kind: the comparison of groupings and the ablation grid
 * give an ExperimentResults (the grid's carries its `ablation` section), the new-objective cold
 * start gives ColdStartResults. History records, exports and the review deck all take this one
 * union, so a new kind of study is one more member here plus its views.
 */
import type { ColdStartResults } from './cold-start-types';
import type { ExperimentResults } from './results-types';

export const STUDY_KINDS = ['comparison', 'ablation', 'cold-start'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

export type StudyResults =
  | { readonly kind: 'comparison'; readonly results: ExperimentResults }
  | { readonly kind: 'ablation'; readonly results: ExperimentResults }
  | { readonly kind: 'cold-start'; readonly results: ColdStartResults };

/** The study of one kind (e.g. `StudyOf<'cold-start'>`). */
export type StudyOf<K extends StudyKind> = Extract<StudyResults, { kind: K }>;

/** How a kind is named on screen and in reports. */
export const STUDY_LABEL: Readonly<Record<StudyKind, string>> = {
  comparison: 'Comparison',
  ablation: 'Ablation grid',
  'cold-start': 'Cold start',
};
