/**
 * Tuning as a study of its own (study.kind = 'tuning'): the comparison of the config's groupings
 * with each grouping's recipe chosen first by the same successive-halving search on validation
 * (tuning.ts), so the results lead with the `tuning` section and the usual comparison follows.
 * It is the comparison's own run (runComparison), not a copy: a tuning study and a comparison
 * with the same rigor.tune train the same models and give the same numbers; the kind only says
 * that the search is the point, and guarantees there is one (withStudyBudget: at least 2
 * recipes, TUNING_STUDY_BUDGET when the config asks for fewer).
 */
import { withStudyBudget } from '../../core/config/tuning';
import { runComparison, studyOptionsOf } from './comparison';
import type { StudyDefinition } from './lifecycle';

export const tuningStudy: StudyDefinition<'tuning'> = {
  kind: 'tuning',
  async run(data, config, _spec, ctx) {
    const cfg = withStudyBudget({ ...config, study: { ...config.study, kind: 'tuning' } });
    const redraw = ctx.dataFor ? (seed: number) => ctx.dataFor!({ ...cfg, seed }) : undefined;
    const out = await runComparison(data, cfg, { ...studyOptionsOf(ctx), redraw });
    if (!out.results.tuning) throw new Error('a tuning study ended without its tuning section');
    return { study: { kind: 'tuning', results: out.results }, replayInput: out.rigorInput };
  },
};
