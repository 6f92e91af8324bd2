import { describe, expect, it } from 'vitest';
import { MAX_LISTED_ERRORS, parseResultsJson, resultsToJson } from './results-io';
import { sampleResults } from './results-sample';
import { SEGMENT_IDS } from '../metrics/segments';

const results = sampleResults();
// biome-ignore lint/suspicious/noExplicitAny: the battery breaks arbitrary fields of a JSON document
type Doc = Record<string, any>;
/** A deep copy of the sample as a plain JSON document, to break in one place. */
const doc = (): Doc => JSON.parse(resultsToJson(results));
const errorsOf = (text: string): readonly string[] => {
  const r = parseResultsJson(text);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.errors;
};

describe('results JSON', () => {
  it('round-trips to an identical object', () => {
    const r = parseResultsJson(resultsToJson(results));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.results).toEqual(results);
  });

  it('holds undefined metrics (so the round trip covers null)', () => {
    expect(results.groupings.some((g) => Object.values(g.segments.promo).some((s) => s.ap === null))).toBe(
      true,
    );
  });

  it('refuses text that is not JSON, or not an object', () => {
    expect(errorsOf('{"version": 1,')[0]).toMatch(/^not JSON: /);
    expect(errorsOf('[1, 2]')).toEqual(['(root): expected a results object, got [1,2]']);
    expect(errorsOf('null')).toEqual(['(root): expected a results object, got null']);
  });

  it('refuses another version with one line, whatever else is wrong', () => {
    expect(errorsOf(JSON.stringify({ ...doc(), version: 2, groupings: 'x' }))).toEqual([
      'version: is 2; this app reads results version 1',
    ]);
    const { version: _, ...noVersion } = doc();
    expect(errorsOf(JSON.stringify(noVersion))).toEqual([
      'version: missing; this app reads results version 1',
    ]);
  });

  // Each case breaks one thing; the error names the field and the problem.
  const battery: [string, (d: Doc) => void, string][] = [
    ['a missing top-level field', (d) => delete d.backend, 'backend: missing (expected string)'],
    ['a bad timestamp', (d) => (d.createdAt = 'yesterday'), 'createdAt: "yesterday" is not an ISO 8601'],
    ['no groupings', (d) => (d.groupings = []), 'groupings: needs at least 1 item(s)'],
    [
      'a string AP',
      (d) => (d.groupings[1].promoAp = '0.1'),
      'groupings[1].promoAp: expected number, got "0.1"',
    ],
    [
      'an AP above 1',
      (d) => (d.groupings[2].segments.ad.tier1.ap = 1.5),
      'groupings[2].segments.ad.tier1.ap: 1.5 is above the maximum 1',
    ],
    [
      'a non-finite number (1e999 parses as Infinity)',
      (d) => (d.groupings[0].trainMs = '__INF__'),
      'groupings[0].trainMs: expected number, got null',
    ],
    [
      'negative rows',
      (d) => (d.groupings[0].segments.promo.tier3.rows = -1),
      'groupings[0].segments.promo.tier3.rows: -1 is below the minimum 0',
    ],
    [
      'fractional positives',
      (d) => (d.groupings[0].segments.promo.tier0.positives = 1.5),
      'groupings[0].segments.promo.tier0.positives: expected int, got 1.5',
    ],
    [
      'a missing segment',
      (d) => delete d.groupings[4].segments.ad['high-stream'],
      'groupings[4].segments.ad.high-stream: missing (expected object)',
    ],
    [
      'an unknown field (a typo)',
      (d) => (d.groupings[3].promoAP = 0.1),
      'groupings[3]: unknown field promoAP',
    ],
    [
      'an unknown channel',
      (d) => (d.groupings[0].trainsOn = ['podcast']),
      'groupings[0].trainsOn[0]: "podcast" is not one of',
    ],
    [
      'an unknown head',
      (d) => (d.groupings[0].heads = ['clicks']),
      'groupings[0].heads[0]: "clicks" is not one of',
    ],
    [
      'more positives than rows',
      (d) => (d.groupings[0].segments.ad.all.positives = 10_000),
      'groupings[0].segments.ad.all.positives: more positives than rows',
    ],
    [
      'a rel without an AP',
      (d) => Object.assign(d.groupings[1].segments.promo.tier7, { ap: null, rel: 0.2 }),
      'groupings[1].segments.promo.tier7.rel: a rel without an AP',
    ],
    [
      'a baseline that was not run',
      (d) => (d.baseline = 'nope'),
      'baseline: nope is not among the groupings',
    ],
    ['a repeated id', (d) => (d.groupings[2].id = 'promo-mtl'), 'groupings[2].id: repeats the id promo-mtl'],
    [
      'a Table 1 value that disagrees with its segment',
      (d) => (d.groupings[1].adAp = 0.5),
      'groupings[1].adAp: is 0.5 but segments.ad.all says',
    ],
    [
      'a scoring head that is not a head',
      (d) => (d.groupings[0].scoringHeads.ad = 'ad_stream'),
      'groupings[0].scoringHeads.ad: ad_stream is not one of heads',
    ],
    [
      'epochs out of order',
      (d) => (d.groupings[0].history[1].epoch = 5),
      'groupings[0].history[1].epoch: is 5, expected 2',
    ],
    [
      'a best epoch past the history',
      (d) => (d.groupings[0].bestEpoch = 3),
      'groupings[0].bestEpoch: is 3 but history has 2',
    ],
    [
      'rows that differ between groupings',
      (d) => (d.groupings[5].segments.promo.tier2.rows += 1),
      'groupings[5].segments.promo.tier2.rows: is',
    ],
    ['more labelled rows than test rows', (d) => (d.testRows = 3), 'testRows: is 3 but the segments count'],
    ['config that is not an object', (d) => (d.config = 'quick'), 'config: expected object, got "quick"'],
  ];
  it.each(battery)('refuses %s with a specific error', (_, breakIt, expected) => {
    const d = doc();
    breakIt(d);
    const text = JSON.stringify(d).replace('"__INF__"', '1e999');
    const errors = errorsOf(text);
    expect(
      errors.some((e) => e.startsWith(expected)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('lists at most MAX_LISTED_ERRORS problems and counts the rest', () => {
    const d = doc();
    for (const g of d.groupings) for (const s of SEGMENT_IDS) g.segments.promo[s].ap = 'x';
    const errors = errorsOf(JSON.stringify(d));
    expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(errors.at(-1)).toBe(`... and ${6 * 11 - MAX_LISTED_ERRORS} more problems`);
  });
});
