import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/config/presets';
import { dataNote, studyNote } from './share-view';

describe('share data note', () => {
  it('says how the link carries the data, and warns for a local file', () => {
    expect(dataNote(PRESETS.quick)).toMatchObject({
      warn: false,
      text: expect.stringMatching(/seed are in the link/),
    });
    const url = { ...PRESETS.quick, data: { kind: 'url' as const, url: 'https://x.example/a.csv' } };
    expect(dataNote(url)).toMatchObject({ warn: false, text: expect.stringMatching(/URL is in the link/) });
    const file = { ...PRESETS.quick, data: { kind: 'file' as const, name: 'log.csv' } };
    expect(dataNote(file)).toMatchObject({
      warn: true,
      text: expect.stringMatching(/local file log.csv, which a link cannot carry/),
    });
  });
});

describe('share study note', () => {
  it('names the study the link opens, with an ablation’s target and arms', () => {
    const q = PRESETS.quick;
    expect(studyNote(q)).toMatch(/^The link opens the comparison of .* against /);
    const grid = { ...q, study: { kind: 'ablation' as const, ablate: 'ads-anc' as const, arms: ['no-anc'] } };
    expect(studyNote(grid)).toBe('The link opens the ablation grid of ads-anc with the arms no-anc.');
    expect(studyNote({ ...grid, study: { ...grid.study, arms: [] } })).toMatch(/with every arm\.$/);
    const cold = { ...q, study: { ...q.study, kind: 'cold-start' as const } };
    expect(studyNote(cold)).toBe(
      `The link opens the cold start of ${q.coldStart.task} as a new objective at ${q.coldStart.budgets.join(', ')}% of its labels.`,
    );
    const tuning = { ...q, study: { ...q.study, kind: 'tuning' as const }, rigor: { ...q.rigor, tune: 8 } };
    expect(studyNote(tuning)).toBe(
      `The link opens tuning: 8 recipes per grouping, the same for ${q.groupings.join(', ')}, chosen on validation, then their comparison against ${q.baseline}.`,
    );
  });
});
