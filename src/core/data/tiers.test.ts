import { describe, expect, it } from 'vitest';
import { type FixtureRow, makeTable } from './fixtures';
import { deriveTiers, SHOW_STREAM_TIER_THRESHOLDS, tierFromShowStreams, trainingCountTiers } from './tiers';

const row = (podcast: string, stream: 0 | 1, day = 0, extra: Partial<FixtureRow> = {}): FixtureRow => ({
  source: 'ad',
  day,
  user: 'u',
  podcast,
  stream,
  ...extra,
});
const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe('tierFromShowStreams', () => {
  it('maps the documented bounds, with tier 2 ending at the less-streamed threshold 5000', () => {
    const cases: [number, number][] = [
      [1e6, 0],
      [500_000, 0],
      [499_999, 1],
      [50_000, 1],
      [5_000, 2],
      [4_999, 3],
      [1_000, 3],
      [300, 4],
      [299, 5],
      [50, 5],
      [49, 6],
      [1, 6],
      [0.5, 7],
      [0, 7],
    ];
    for (const [streams, tier] of cases)
      expect([streams, tierFromShowStreams(streams)]).toEqual([streams, tier]);
    expect(SHOW_STREAM_TIER_THRESHOLDS[2]).toBe(5000);
  });
});

describe('deriveTiers', () => {
  it('uses a fully given stream_tier as is', () => {
    const t = makeTable([
      row('a', 1, 0, { tier: 3 }),
      row('b', 0, 0, { tier: 0 }),
      row('c', 0, 0, { tier: 7 }),
    ]);
    const d = deriveTiers(t, rows(3));
    expect([...d.tier]).toEqual([3, 0, 7]);
    expect(d.how).toBe('given');
    expect(d.thresholds).toBeUndefined();
  });

  it('falls back per row to show_streams_30d where the given tier is missing', () => {
    const t = makeTable([
      row('a', 1, 0, { tier: 5, showStreams: 900_000 }),
      row('b', 0, 0, { tier: null, showStreams: 4_999 }),
      row('c', 0, 0, { tier: null, showStreams: 60 }),
    ]);
    const d = deriveTiers(t, rows(3));
    expect([...d.tier]).toEqual([5, 3, 5]);
    expect(d.how).toBe('show_streams_30d');
    expect(d.thresholds).toEqual([500_000, 50_000, 5_000, 1_000, 300, 50, 1]);
    expect(d.rowsByHow).toEqual({ given: 1, show_streams_30d: 2, 'training-counts': 0 });
  });

  it('ranks shows by training streams into 7 groups, ties sharing the higher tier', () => {
    // 14 streamed shows s0..s13 with 14, 13, ..., 3, 2, 2 training streams.
    const data: FixtureRow[] = [];
    const streams = [14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 2]; // the last two tie
    streams.forEach((k, s) => {
      for (let j = 0; j < k; j++) data.push(row(`s${s}`, 1));
    });
    data.push(row('zero', 0)); // shown in training but never streamed
    const t = makeTable(data);
    const d = deriveTiers(t, rows(t.n));
    expect(d.how).toBe('training-counts');
    // Tier of the first row showing podcast p.
    const tierOf = (p: string) => d.tier[t.podcastId.codes.indexOf(t.podcastId.dict.indexOf(p))];
    // m = 14 streamed shows, tier = floor(7 * rank / 14) = floor(rank / 2)
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((s) => tierOf(`s${s}`))).toEqual([
      0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
    ]);
    expect(tierOf('s13')).toBe(6); // tied with s12 (rank 12), not rank 13
    expect(tierOf('zero')).toBe(7);
  });

  it('counts training rows only: test-day streams and test-only shows do not move tiers', () => {
    const data: FixtureRow[] = [
      row('big', 1, 0),
      row('big', 1, 0),
      row('big', 1, 0),
      row('small', 1, 0),
      // Test day: 'small' streams a lot and 'fresh' appears for the first time.
      ...Array.from({ length: 10 }, () => row('small', 1, 9)),
      row('fresh', 1, 9),
    ];
    const t = makeTable(data);
    const train = Int32Array.from([0, 1, 2, 3]);
    const showTier = trainingCountTiers(t, train);
    const code = (p: string) => t.podcastId.dict.indexOf(p);
    expect([showTier[code('big')], showTier[code('small')], showTier[code('fresh')]]).toEqual([0, 3, 7]);
    const d = deriveTiers(t, train);
    expect(d.tier[4]).toBe(3); // a test row of 'small' keeps its training-based tier
    expect(d.tier[t.n - 1]).toBe(7);
  });

  it('reports training-counts when any row had neither a tier nor show streams', () => {
    const t = makeTable([row('a', 1, 0, { showStreams: 10 }), row('b', 1, 0, { showStreams: null })]);
    const d = deriveTiers(t, rows(2));
    expect(d.how).toBe('training-counts');
    expect(d.rowsByHow).toEqual({ given: 0, show_streams_30d: 1, 'training-counts': 1 });
    expect([...d.tier]).toEqual([6, 0]);
  });
});
