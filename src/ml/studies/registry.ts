/**
 * Every kind of study the worker can run, by kind. A new kind is one file defining its
 * StudyDefinition (plus its views) and one line here; the worker's command, events, cancel and
 * error handling are the same for all (worker/study-command.ts).
 */
import type { StudyKind } from '../../core/results/study-results';
import { ablationStudy } from './ablation';
import { coldStartStudy } from './cold-start';
import { comparisonStudy } from './comparison';
import type { StudyDefinition } from './lifecycle';
import { tuningStudy } from './tuning-study';

export const STUDIES: { readonly [K in StudyKind]: StudyDefinition<K> } = {
  comparison: comparisonStudy,
  ablation: ablationStudy,
  'cold-start': coldStartStudy,
  tuning: tuningStudy,
};
