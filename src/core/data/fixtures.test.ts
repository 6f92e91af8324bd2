import { describe, expect, it } from 'vitest';
import { makeTable } from './fixtures';
import { MISSING_LABEL, MISSING_TIER } from './schema';

describe('makeTable', () => {
  const t = makeTable(
    [
      {
        source: 'promo',
        day: 0,
        user: 'a',
        podcast: 'x',
        stream: 1,
        click: 0,
        tier: 2,
        f: { user_genres: 'news|comedy', user_age: 30 },
      },
      {
        source: 'ad',
        day: 2,
        user: 'b',
        podcast: 'x',
        stream: 0,
        tier: null,
        f: { user_genres: null, content_genre: 'talk' },
      },
      {
        source: 'ad',
        day: 1,
        user: 'a',
        podcast: 'y',
        stream: 0,
        like: 1,
        f: { user_genres: ['comedy'], user_age: null },
      },
    ],
    { kinds: { user_age: 'categorical' } },
  );

  it('builds typed required columns with first-appearance dictionaries', () => {
    expect([t.n, [...t.source], [...t.day]]).toEqual([3, [0, 1, 1], [0, 2, 1]]);
    expect([[...t.userId.codes], t.userId.dict]).toEqual([
      [0, 1, 0],
      ['a', 'b'],
    ]);
    expect([[...t.podcastId.codes], t.podcastId.dict]).toEqual([
      [0, 0, 1],
      ['x', 'y'],
    ]);
  });

  it('marks absent label cells and tier cells as missing and absent columns as null', () => {
    expect([...t.labels.click]).toEqual([0, MISSING_LABEL, MISSING_LABEL]);
    expect([...t.labels.like]).toEqual([MISSING_LABEL, MISSING_LABEL, 1]);
    expect([...t.streamTier!]).toEqual([2, MISSING_TIER, MISSING_TIER]);
    expect([t.showStreams30d, t.cost, t.truth]).toEqual([null, null, undefined]);
  });

  it('infers multi from | or arrays, honours forced kinds, and stores CSR lists', () => {
    expect(t.features.map((f) => [f.name, f.group, f.kind])).toEqual([
      ['user_genres', 'user', 'multi'],
      ['user_age', 'user', 'categorical'],
      ['content_genre', 'content', 'categorical'],
    ]);
    const genres = t.features[0];
    if (genres.kind !== 'multi') throw new Error('expected multi');
    expect([[...genres.data.offsets], [...genres.data.codes], genres.data.dict]).toEqual([
      [0, 2, 2, 3],
      [0, 1, 1],
      ['news', 'comedy'],
    ]);
    const age = t.features[1];
    if (age.kind !== 'categorical') throw new Error('expected categorical');
    expect([[...age.data.codes], age.data.dict]).toEqual([[0, -1, -1], ['30']]);
  });

  it('refuses a feature name without a group prefix', () => {
    expect(() =>
      makeTable([{ source: 'ad', day: 0, user: 'a', podcast: 'x', stream: 0, f: { notes: 'x' } }]),
    ).toThrow(/notes is not a feature column/);
  });
});
