import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { FEATURE_GROUPS } from '../data/schema';
import { comparesGroupings, STUDY_KINDS, STUDY_LABEL, studySpecOf } from './study-results';

describe('studySpecOf: the study a config (a link) starts', () => {
  const withStudy = (study: Partial<typeof DEFAULT_CONFIG.study>) => ({
    ...DEFAULT_CONFIG,
    study: { ...DEFAULT_CONFIG.study, ...study },
  });

  it('a comparison and a cold start carry only their kind', () => {
    expect(studySpecOf(DEFAULT_CONFIG, FEATURE_GROUPS)).toEqual({
      spec: { kind: 'comparison' },
      notices: [],
    });
    expect(studySpecOf(withStudy({ kind: 'cold-start' }), FEATURE_GROUPS).spec).toEqual({
      kind: 'cold-start',
    });
    expect(studySpecOf(withStudy({ kind: 'tuning' }), FEATURE_GROUPS)).toEqual({
      spec: { kind: 'tuning' },
      notices: [],
    });
    expect(STUDY_LABEL.tuning).toBe('Tuning');
    expect(STUDY_KINDS.filter(comparesGroupings)).toEqual(['comparison', 'tuning']);
  });

  it('an ablation: its target, every arm when none is named, else the named arms the grid has', () => {
    expect(studySpecOf(withStudy({ kind: 'ablation', ablate: 'ads-anc' }), FEATURE_GROUPS)).toEqual({
      spec: { kind: 'ablation', target: 'ads-anc' },
      notices: [],
    });
    const linked = withStudy({ kind: 'ablation', ablate: 'joint-5task', arms: ['no-anc', 'drop-context'] });
    expect(studySpecOf(linked, FEATURE_GROUPS)).toEqual({
      spec: { kind: 'ablation', target: 'joint-5task', arms: ['no-anc', 'drop-context'] },
      notices: [],
    });
    // On data without context columns the grid has no drop-context arm: dropped, and said so.
    const noContext = FEATURE_GROUPS.filter((g) => g !== 'context');
    expect(studySpecOf(linked, noContext)).toEqual({
      spec: { kind: 'ablation', target: 'joint-5task', arms: ['no-anc'] },
      notices: [
        'the ablation grid of joint-5task has no arm drop-context on this data; it trains no-anc besides the unchanged model',
      ],
    });
  });
});
