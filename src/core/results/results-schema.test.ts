import { describe, expect, it } from 'vitest';
import type { ColdStartPoint, ColdStartResults } from './cold-start-types';
import { sampleHeadroomResults } from './headroom-fixture';
import { parseResultsJson, resultsToJson } from './results-io';
import { sampleResults } from './results-sample';
import type { ExperimentResults } from './results-types';
import type { Interval } from './rigor-types';

const iv = (mean: number): Interval => ({
  mean,
  lo: mean - 0.01,
  hi: mean + 0.01,
  n: 2,
  values: [mean - 0.005, mean + 0.005],
});
const point = (budget: number, ap: number): ColdStartPoint => ({
  budget,
  labels: budget * 10,
  ap: { all: iv(ap), 'less-streamed': iv(ap / 2) },
});
const coldStart: ColdStartResults = {
  task: 'like',
  nearestHead: 'click',
  sources: ['promo', 'ad'],
  encoder: 'mmoe',
  budgets: [1, 5, 20],
  seeds: [7, 8],
  testRows: 900,
  testPositives: 40,
  methods: {
    scratch: [point(1, 0.05), point(5, 0.08), point(20, 0.12)],
    direct: [point(1, 0.1), point(5, 0.1), point(20, 0.1)],
    finetune: [point(1, 0.11), point(5, 0.13), point(20, 0.15)],
  },
  ceiling: { all: 0.3, 'less-streamed': null },
};

/** The sample with every optional field of the format set. */
function full(): ExperimentResults {
  const r = sampleHeadroomResults();
  const [g0, ...rest] = r.groupings;
  const history = g0.history.map((e) => ({
    ...e,
    taskWeights: { promo_stream: 1, click: 0.25 },
    gradCosine: [
      { a: 'promo_stream', b: 'click', cosine: -0.3 },
      { a: 'promo_stream', b: 'like', cosine: null },
    ] as const,
  }));
  return {
    ...r,
    groupings: [{ ...g0, history, encoder: 'ple', balancing: 'uncertainty' }, ...rest],
    coldStart,
  };
}
// biome-ignore lint/suspicious/noExplicitAny: the tests break arbitrary fields of a JSON document
type Doc = Record<string, any>;
const doc = (): Doc => JSON.parse(resultsToJson(full()));
const errorsOf = (d: unknown): readonly string[] => {
  const r = parseResultsJson(JSON.stringify(d));
  return r.ok ? [] : r.errors;
};

describe('results schema: the optional fields', () => {
  it('round-trips headroom, cold start, encoder, balancing, task weights and cosines unchanged', () => {
    const r = parseResultsJson(resultsToJson(full()));
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (r.ok) expect(r.results).toEqual(full());
  });

  it('still reads files without any of them', () => {
    expect(parseResultsJson(resultsToJson(sampleResults())).ok).toBe(true);
  });

  const battery: [string, (d: Doc) => void, string][] = [
    [
      'an unknown encoder',
      (d) => (d.groupings[0].encoder = 'moe'),
      'groupings[0].encoder: "moe" is not one of',
    ],
    [
      'an unknown balancing',
      (d) => (d.groupings[0].balancing = 'equal'),
      'groupings[0].balancing: "equal" is not one of',
    ],
    [
      'a weight that is not a number',
      (d) => (d.groupings[0].history[0].taskWeights.click = 'x'),
      'groupings[0].history[0].taskWeights.click: expected number',
    ],
    [
      'a weight for no task',
      (d) => (d.groupings[0].history[0].taskWeights.stream = 1),
      'groupings[0].history[0].taskWeights: unknown field stream',
    ],
    [
      'a cosine above 1',
      (d) => (d.groupings[0].history[0].gradCosine[0].cosine = 1.5),
      'groupings[0].history[0].gradCosine[0].cosine: 1.5 is above the maximum 1',
    ],
    [
      'a ceiling above 1',
      (d) => (d.headroom.ad.tier2.ap = 1.2),
      'headroom.ad.tier2.ap: 1.2 is above the maximum 1',
    ],
    ['a missing ceiling segment', (d) => delete d.headroom.promo.tier5, 'headroom.promo.tier5: missing'],
    [
      'a ceiling key too many',
      (d) => (d.headroom.ad.all.share = 0.5),
      'headroom.ad.all: unknown field share',
    ],
    [
      'a prevalence off its rows',
      (d) => (d.headroom.promo.all.prevalence = 0.999),
      'headroom.promo.all.prevalence: is 0.999 but the segment has',
    ],
    [
      'a ceiling without positives',
      (d) => (d.headroom.promo.tier7 = { ap: 0.5, prevalence: null }),
      'headroom.promo.tier7.ap: is 0.5 but the segment has 0 positives',
    ],
    [
      'a cold-start method off the budgets',
      (d) => d.coldStart.methods.direct.pop(),
      'coldStart.methods.direct: has budgets [1, 5] but budgets are [1, 5, 20]',
    ],
    ['a cold-start budget of 0', (d) => (d.coldStart.budgets[0] = 0), 'coldStart.budgets[0]: 0 is'],
    [
      'a cold-start interval without mean',
      (d) => delete d.coldStart.methods.scratch[0].ap.all.mean,
      'coldStart.methods.scratch[0].ap.all.mean: missing',
    ],
    [
      'a cold-start encoder unknown',
      (d) => (d.coldStart.encoder = 'x'),
      'coldStart.encoder: "x" is not one of',
    ],
  ];
  it.each(battery)('refuses %s with its field path', (_, breakIt, message) => {
    const d = doc();
    breakIt(d);
    const errors = errorsOf(d);
    expect(
      errors.some((e) => e.startsWith(message)),
      errors.join('\n'),
    ).toBe(true);
  });
});
