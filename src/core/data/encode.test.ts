import { describe, expect, it } from 'vitest';
import { buildVocab, encodeDataset, numericStats } from './encode';
import { type FixtureRow, makeTable } from './fixtures';

type F = FixtureRow['f'];
const row = (
  day: number,
  user: string,
  podcast: string,
  f: F,
  extra: Partial<FixtureRow> = {},
): FixtureRow => ({
  source: 'promo',
  day,
  user,
  podcast,
  stream: 0,
  f,
  ...extra,
});
const train = (...r: number[]) => Int32Array.from(r);

describe('encodeDataset', () => {
  // Rows 0-3 train (day 0), rows 4-5 test (day 5).
  const table = makeTable([
    row(0, 'u1', 'p1', { user_country: 'se', user_hours: 1, content_genres: 'news|comedy' }, { click: 1 }),
    row(0, 'u1', 'p1', { user_country: 'se', user_hours: 3, content_genres: 'news' }, { stream: 1 }),
    row(0, 'u2', 'p2', { user_country: 'us', user_hours: null, content_genres: 'news|comedy|crime' }),
    row(0, 'u2', 'p1', { user_country: 'us', user_hours: 5, content_genres: null }),
    row(5, 'u3', 'p1', { user_country: 'br', user_hours: 1000, content_genres: 'news|sport|comedy|crime' }),
    row(5, 'u1', 'p2', { user_country: 'se', user_hours: 1, content_genres: 'comedy' }, { like: 0 }),
  ]);
  const enc = encodeDataset(table, train(0, 1, 2, 3));
  const cat = (i: number, name: string) =>
    enc.catCodes[i * enc.categorical.length + enc.categorical.findIndex((c) => c.name === name)];

  it('orders categorical inputs user_id, podcast_id, then categorical features', () => {
    expect(enc.categorical.map((c) => [c.name, c.group, c.vocabSize])).toEqual([
      ['user_id', 'user', 3], // u1, u2 seen twice each; + OOV
      ['podcast_id', 'content', 2], // p1 thrice; p2 once -> OOV
      ['user_country', 'user', 3],
    ]);
  });

  it('maps values only seen on test days, or seen once in training, to OOV 0', () => {
    expect([cat(0, 'user_id'), cat(2, 'user_id'), cat(4, 'user_id'), cat(5, 'user_id')]).toEqual([
      1, 2, 0, 1,
    ]);
    expect([cat(4, 'user_country'), cat(5, 'user_country')]).toEqual([0, 1]); // 'br' test-only
    expect(cat(2, 'podcast_id')).toBe(0); // p2 once in training, below minCount 2
    expect(encodeDataset(table, train(0, 1, 2, 3), { minCount: 1 }).categorical[1].vocabSize).toBe(3);
    // With minCount 1 every training value is kept, but 'br' and u3 (test-only) still are not.
    const e1 = encodeDataset(table, train(0, 1, 2, 3), { minCount: 1 });
    expect([e1.catCodes[4 * 3], e1.catCodes[4 * 3 + 2], e1.categorical[2].vocabSize]).toEqual([0, 0, 3]);
    // minCount 0 is raised to 1: 'br' (test-only) still has no index.
    expect(encodeDataset(table, train(0, 1, 2, 3), { minCount: 0 }).categorical[2].vocabSize).toBe(3);
  });

  it('standardises numerics with training statistics only and flags missing values', () => {
    // Training values 1, 3, 5 (row 2 missing): mean 3, population std sqrt(8/3).
    const [hours] = enc.numeric;
    expect(hours.mean).toBeCloseTo(3, 12);
    expect(hours.std).toBeCloseTo(Math.sqrt(8 / 3), 12);
    const value = (i: number) => [enc.numericValues[2 * i], enc.numericValues[2 * i + 1]];
    expect(value(0)[0]).toBeCloseTo(-2 / Math.sqrt(8 / 3), 6);
    expect(value(2)).toEqual([0, 1]);
    expect(value(3)[1]).toBe(0);
    expect(value(4)[0]).toBeCloseTo(997 / Math.sqrt(8 / 3), 3); // the test-day 1000 did not shift the mean
  });

  it('sizes multi slots by the longest training list and weights filled slots 1/k', () => {
    const [genres] = enc.multi;
    expect([genres.maxLen, genres.offset, enc.multiWidth]).toEqual([3, 0, 3]);
    // news 3x, comedy 2x, crime 1x in training: news=1, comedy=2, crime -> OOV.
    expect(genres.vocabSize).toBe(3);
    const slots = (i: number) => [...enc.multiCodes.subarray(3 * i, 3 * i + 3)];
    const weights = (i: number) => [...enc.multiWeights.subarray(3 * i, 3 * i + 3)];
    expect(slots(2)).toEqual([1, 2, 0]); // crime keeps its slot as OOV
    expect(weights(2).map((w) => w.toFixed(4))).toEqual(['0.3333', '0.3333', '0.3333']);
    expect([slots(4), weights(4)]).toEqual([[1, 0, 2], [1 / 3, 1 / 3, 1 / 3].map(Math.fround)]); // truncated to 3
    expect(weights(3)).toEqual([0, 0, 0]); // empty list: no weight
    for (const i of [0, 1, 2, 4, 5]) expect(weights(i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('caps multi slots at maxMultiLen', () => {
    const e = encodeDataset(table, train(0, 1, 2, 3), { maxMultiLen: 2 });
    expect(e.multiWidth).toBe(2);
    expect([...e.multiWeights.subarray(4, 6)]).toEqual([0.5, 0.5]); // row 2's 3 values, first 2 kept
  });

  it('stores labels in LABELS order with missing as 0 and present 0', () => {
    // row 0: stream 0, click 1, like/follow missing; row 5: like observed 0.
    expect([...enc.labels.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    expect([...enc.labelPresent.subarray(0, 4)]).toEqual([1, 1, 0, 0]);
    expect([...enc.labels.subarray(4, 8)]).toEqual([1, 0, 0, 0]);
    expect([...enc.labelPresent.subarray(20, 24)]).toEqual([1, 0, 1, 0]);
  });

  it('drops every column of a dropped group, ids included', () => {
    const e = encodeDataset(table, train(0, 1, 2, 3), { dropGroups: ['user'] });
    expect(e.categorical.map((c) => c.name)).toEqual(['podcast_id']);
    expect([e.numeric.length, e.multi.length, e.catCodes.length]).toEqual([0, 1, 6]);
    expect(e.numericValues.length).toBe(0);
  });
});

describe('vocabulary and statistics helpers', () => {
  it('indexes codes counted >= minCount in dictionary order', () => {
    const { map, size } = buildVocab(Int32Array.from([5, 1, 0, 2]), 2);
    expect([...map, size]).toEqual([1, 0, 0, 2, 3]);
  });

  it('uses std 1 for constant or absent training values', () => {
    expect(numericStats(Float64Array.from([4, 4, 9]), train(0, 1))).toEqual({ mean: 4, std: 1 });
    expect(numericStats(Float64Array.from([NaN, 2]), train(0))).toEqual({ mean: 0, std: 1 });
  });
});
