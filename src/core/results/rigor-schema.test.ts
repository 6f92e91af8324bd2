import { describe, expect, it } from 'vitest';
import { parseResultsJson, resultsToJson } from './results-io';
import { sampleResults } from './results-sample';
import type { ExperimentResults } from './results-types';
import { buildRigor } from '../metrics/rigor';
import { rigorInput } from '../metrics/rigor-world';

const withRigor: ExperimentResults = { ...sampleResults(), rigor: buildRigor(rigorInput([1, 2], 50)) };
// biome-ignore lint/suspicious/noExplicitAny: the tests break arbitrary fields of a JSON document
const doc = (r: ExperimentResults = withRigor): Record<string, any> => JSON.parse(resultsToJson(r));
const errorsOf = (d: unknown) => {
  const r = parseResultsJson(JSON.stringify(d));
  return r.ok ? [] : r.errors;
};

describe('results with a rigor section and an ablation grid', () => {
  it('round-trip through the validating reader unchanged', () => {
    const grid: ExperimentResults = {
      ...withRigor,
      baseline: withRigor.baseline,
      ablation: { target: 'joint-5task', arms: [{ id: 'full', change: 'as configured' }], skipped: [] },
    };
    const both = { ...withRigor, ablationGrid: grid };
    const r = parseResultsJson(resultsToJson(both));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.results).toEqual(both);
  });

  it('refuses a p-value above 1, an interval upside down, an unknown key and a grid inside a grid', () => {
    const d1 = doc();
    d1.rigor.bootstrap['joint-5task'].ad.all.p = 1.5;
    expect(errorsOf(d1).join('\n')).toMatch(/rigor\.bootstrap\.joint-5task\.ad\.all\.p/);
    const d2 = doc();
    d2.rigor.ap['promo-mtl'].promo.all.lo = 0.9;
    d2.rigor.ap['promo-mtl'].promo.all.hi = 0.1;
    expect(errorsOf(d2).join('\n')).toMatch(/lo above hi/);
    const d3 = doc();
    d3.rigor.replay.label['promo-mtl'].all.value.i2s.meen = 1;
    expect(errorsOf(d3).join('\n')).toMatch(/meen/);
    const d4 = doc();
    d4.ablationGrid = { ...doc(), ablationGrid: doc() };
    expect(errorsOf(d4).join('\n')).toMatch(/ablationGrid/);
  });

  it('still reads results written before the rigor section', () => {
    const d = doc();
    delete d.rigor;
    expect(parseResultsJson(JSON.stringify(d)).ok).toBe(true);
  });
});
