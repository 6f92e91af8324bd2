import { describe, expect, it } from 'vitest';
import { sampleColdStart } from './cold-start-fixture';
import { sampleGrid } from './grid-fixture';
import { resultsToJson } from './results-io';
import { sampleResults } from './results-sample';
import { metaOf, parseStudyJson, type StudyFile, studyToJson } from './study-io';
import { tuningSample } from './tuning-fixture';

/** A comparison's results with a tuning section, as a tuning study leaves them. */
const tuned = () => {
  const r = sampleResults();
  return { ...r, tuning: tuningSample(r.groupings.map((g) => g.id)) };
};

const META = { createdAt: '2026-05-06T07:08:09.000Z', backend: 'wasm', config: { seed: 7 } };

const read = (text: string): StudyFile => {
  const r = parseStudyJson(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.file;
};
const errorsOf = (doc: unknown): readonly string[] => {
  const r = parseStudyJson(JSON.stringify(doc));
  if (r.ok) throw new Error('expected the file to be refused');
  return r.errors;
};

describe('study files', () => {
  it('round-trips every kind to an identical study', () => {
    const files: StudyFile[] = [
      { kind: 'comparison', results: sampleResults() },
      { kind: 'ablation', results: sampleGrid() },
      { kind: 'cold-start', results: sampleColdStart(), meta: META },
      { kind: 'cold-start', results: sampleColdStart() },
      { kind: 'tuning', results: tuned() },
      { kind: 'comparison', results: tuned() },
    ];
    for (const f of files) expect(read(studyToJson(f))).toEqual(f);
  });

  it('writes a tuning study as the envelope (its results alone read as a tuned comparison)', () => {
    const env = JSON.parse(studyToJson({ kind: 'tuning', results: tuned() }));
    expect(Object.keys(env)).toEqual(['kind', 'results']);
    expect(env.kind).toBe('tuning');
    expect(read(resultsToJson(tuned())).kind).toBe('comparison');
  });

  it('writes comparisons and grids as plain results (the documented format), cold starts as the envelope', () => {
    expect(JSON.parse(studyToJson({ kind: 'ablation', results: sampleGrid() }))).toEqual(sampleGrid());
    const env = JSON.parse(studyToJson({ kind: 'cold-start', results: sampleColdStart(), meta: META }));
    expect(Object.keys(env)).toEqual(['kind', 'results', 'meta']);
    expect(env.results.methods.finetune[0].ap['less-streamed'].mean).toBeNull();
  });

  it('reads plain results files written before envelopes: a comparison, or a grid by its ablation section', () => {
    expect(read(resultsToJson(sampleResults())).kind).toBe('comparison');
    expect(read(resultsToJson(sampleGrid())).kind).toBe('ablation');
  });

  it('reads the envelope of a comparison and of a grid', () => {
    expect(read(JSON.stringify({ kind: 'comparison', results: sampleResults() }))).toEqual({
      kind: 'comparison',
      results: sampleResults(),
    });
    expect(read(JSON.stringify({ kind: 'ablation', results: sampleGrid() })).kind).toBe('ablation');
  });

  it('gives the run facts: from the results, or a cold start meta (null without one)', () => {
    const grid = sampleGrid();
    expect(metaOf({ kind: 'ablation', results: grid })).toEqual({
      createdAt: '2026-02-03T04:05:06.000Z',
      backend: 'cpu',
      config: grid.config,
    });
    expect(metaOf({ kind: 'cold-start', results: sampleColdStart(), meta: META })).toBe(META);
    expect(metaOf({ kind: 'cold-start', results: sampleColdStart() })).toBeNull();
  });

  const cold = () => JSON.parse(JSON.stringify(sampleColdStart()));
  it.each([
    ['an unknown kind', { kind: 'sweep', results: {} }, 'kind: "sweep" is not one of'],
    [
      'a tuning study without its tuning section',
      { kind: 'tuning', results: sampleResults() },
      'kind: is "tuning" but the results have no tuning section',
    ],
    ['an unknown field', { kind: 'cold-start', results: cold(), extra: 1 }, '(root): unknown field extra'],
    [
      'a kind its results contradict',
      { kind: 'ablation', results: sampleResults() },
      'kind: is "ablation" but the results have no ablation section',
    ],
    [
      'meta on a comparison',
      { kind: 'comparison', results: sampleResults(), meta: META },
      "meta: only a cold start's file has meta",
    ],
    [
      'a bad time in meta',
      { kind: 'cold-start', results: cold(), meta: { ...META, createdAt: 'noon' } },
      'meta.createdAt: "noon" is not an ISO 8601',
    ],
    [
      'an AP above 1 in a cold start',
      { kind: 'cold-start', results: { ...cold(), ceiling: { all: 1.5, 'less-streamed': null } } },
      'results.ceiling.all: 1.5 is above the maximum 1',
    ],
    [
      'a method missing a budget',
      (() => {
        const r = cold();
        r.methods.direct.pop();
        return { kind: 'cold-start', results: r };
      })(),
      'results.methods.direct: has budgets [1, 5] but budgets are [1, 5, 20]',
    ],
    [
      'a broken grid inside the envelope',
      { kind: 'ablation', results: { ...sampleGrid(), baseline: 'nope' } },
      'results.baseline: nope is not among the groupings',
    ],
    [
      'an envelope of another results version',
      { kind: 'comparison', results: { ...sampleResults(), version: 2 } },
      'results.version: is 2; this app reads results version 1',
    ],
  ])('refuses %s, naming the field', (_, doc, expected) => {
    const errors = errorsOf(doc);
    expect(
      errors.some((e) => e.startsWith(expected)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('still refuses what is not JSON or not an object', () => {
    expect(parseStudyJson('{').ok).toBe(false);
    expect(errorsOf([1])).toEqual(['(root): expected a results object, got [1]']);
  });
});
