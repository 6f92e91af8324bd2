import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../core/data/dataset-summary';
import {
  count,
  dayLabel,
  dayRows,
  featureGroups,
  labelRows,
  pct,
  tierBand,
  tierHowText,
} from './summary-view';

const rate = (positives: number, observed: number) => ({
  positives,
  observed,
  rate: observed ? positives / observed : null,
});
const split = (days: number[]) => ({ days, rows: { promo: 1, ad: 1 }, streamPositives: { promo: 1, ad: 1 } });

/** A hand-made summary: 3 days (one per split), one label never observed on ad rows. */
function summary(over: Partial<DatasetSummary> = {}): DatasetSummary {
  return {
    rows: 60,
    rowsBySource: { promo: 40, ad: 20 },
    rowsByDay: [
      { day: 0, promo: 20, ad: 5 },
      { day: 1, promo: 10, ad: 10 },
      { day: 2, promo: 10, ad: 5 },
    ],
    dayZeroDate: null,
    split: { train: split([0]), val: split([1]), test: split([2]) },
    labelRates: {
      stream: { promo: rate(4, 40), ad: rate(1, 20) },
      click: { promo: rate(2, 40), ad: rate(3, 20) },
      like: { promo: rate(1, 40), ad: rate(0, 0) },
      follow: { promo: rate(0, 40), ad: rate(1, 20) },
    },
    rowsByTier: { promo: [5, 5, 5, 5, 5, 5, 5, 5], ad: [0, 0, 0, 5, 5, 5, 5, 0] },
    tiers: {
      how: 'given',
      thresholds: null,
      rowsByHow: { given: 60, show_streams_30d: 0, 'training-counts': 0 },
    },
    features: {
      user: [{ name: 'user_id', kind: 'categorical' }],
      content: [{ name: 'podcast_id', kind: 'categorical' }],
      context: [],
      creative: [{ name: 'creative_format', kind: 'categorical' }],
    },
    optionalColumns: { streamTier: true, showStreams30d: false, cost: false },
    ignoredColumns: ['notes'],
    warnings: [],
    ...over,
  };
}

describe('dataset summary view', () => {
  it('formats rates as percentages and undefined rates as a dash', () => {
    expect(pct(0.031)).toBe('3.10%');
    expect(pct(null)).toBe('—');
    expect(count(1234567)).toBe('1,234,567');
  });

  it('labels days by date when the file had dates, across month ends', () => {
    expect(dayLabel(3, null)).toBe('day 3');
    expect(dayLabel(0, '2024-01-30')).toBe('2024-01-30');
    expect(dayLabel(2, '2024-01-30')).toBe('2024-02-01');
  });

  it('puts each day in its split', () => {
    expect(dayRows(summary()).map((r) => `${r.label}:${r.split}:${r.promo}/${r.ad}`)).toEqual([
      'day 0:train:20/5',
      'day 1:val:10/10',
      'day 2:test:10/5',
    ]);
  });

  it('leaves the split empty when the days could not be split', () => {
    expect(dayRows(summary({ split: null })).every((r) => r.split === null)).toBe(true);
  });

  it('gives label rates per source as positives over observed rows, with the heads each label trains', () => {
    const rows = labelRows(summary());
    expect(rows.map((r) => r.label)).toEqual(['stream', 'click', 'like', 'follow']);
    expect(rows[0]).toEqual({
      label: 'stream',
      tasks: 'promo_stream, ad_stream',
      promo: '10.00% (4/40)',
      ad: '5.00% (1/20)',
    });
    expect(rows[1].tasks).toBe('click');
    expect(rows[2].ad).toBe('— (not observed)');
  });

  it('bands tiers as the spec does', () => {
    expect([0, 2, 3, 5, 6, 7].map(tierBand)).toEqual(['high', 'high', 'low', 'low', 'new', 'new']);
  });

  it('says how tiers were derived, listing row counts when methods were mixed', () => {
    expect(tierHowText(summary().tiers)).toBe("Tiers come from the file's stream_tier column.");
    const mixed = tierHowText({
      how: 'training-counts',
      thresholds: null,
      rowsByHow: { given: 0, show_streams_30d: 1500, 'training-counts': 20 },
    });
    expect(mixed).toMatch(/^Tiers come from show_streams_30d by fixed thresholds .* for 1,500 rows; /);
    expect(mixed).toMatch(/rank-based, 8 tiers\) for 20 rows\.$/);
  });

  it('lists all four feature groups, empty ones included', () => {
    const groups = featureGroups(summary());
    expect(groups.map((g) => `${g.group}:${g.columns.length}`)).toEqual([
      'user:1',
      'content:1',
      'context:0',
      'creative:1',
    ]);
  });
});
