import { describe, expect, it } from 'vitest';
import { summarizeDataset } from './dataset-summary';
import { datasetFingerprint } from './fingerprint';
import { type FixtureRow, makeTable } from './fixtures';
import { temporalSplit } from './split';
import { deriveTiers } from './tiers';

const r = (
  source: 'ad' | 'promo',
  day: number,
  stream: 0 | 1,
  extra: Partial<FixtureRow> = {},
): FixtureRow => ({
  source,
  day,
  user: `u${day}`,
  podcast: 'p',
  stream,
  ...extra,
});

// Days 0..3 -> 4 days split 2 / 1 / 1 (train 0-1, val 2, test 3). Ads never stream on day 3.
const rows: FixtureRow[] = [
  r('promo', 0, 1, { click: 1, tier: 0, f: { user_country: 'se', creative_format: 'audio' } }),
  r('promo', 0, 0, { click: 0, tier: 0 }),
  r('ad', 1, 1, { click: null, tier: 3, f: { context_hour: 4 } }),
  r('promo', 2, 1, { tier: 3 }),
  r('ad', 2, 1, { click: 1, tier: 5 }),
  r('promo', 3, 1, { tier: 6 }),
  r('ad', 3, 0, { click: 0, tier: 6 }),
];
const table = makeTable(rows, { ignoredColumns: ['notes'] });
const split = temporalSplit(table.day, { trainFraction: 0.7, valFraction: 0.15 });
const summary = summarizeDataset(table, split, deriveTiers(table, split.train));

describe('summarizeDataset', () => {
  it('counts rows per source, per day and per split', () => {
    expect(summary.rowsBySource).toEqual({ promo: 4, ad: 3 });
    expect(summary.rowsByDay).toEqual([
      { day: 0, promo: 2, ad: 0 },
      { day: 1, promo: 0, ad: 1 },
      { day: 2, promo: 1, ad: 1 },
      { day: 3, promo: 1, ad: 1 },
    ]);
    expect(summary.split?.train).toEqual({
      days: [0, 1],
      rows: { promo: 2, ad: 1 },
      streamPositives: { promo: 1, ad: 1 },
    });
    expect(summary.split?.test.streamPositives).toEqual({ promo: 1, ad: 0 });
  });

  it('computes label rates over observed labels only', () => {
    expect(summary.labelRates.click.promo).toEqual({ positives: 1, observed: 2, rate: 0.5 });
    expect(summary.labelRates.click.ad).toEqual({ positives: 1, observed: 2, rate: 0.5 }); // row 2 unobserved
    expect(summary.labelRates.stream.promo).toEqual({ positives: 3, observed: 4, rate: 0.75 });
    expect(summary.labelRates.like.ad).toEqual({ positives: 0, observed: 0, rate: null });
  });

  it('counts rows per tier and source and lists features by group', () => {
    expect(summary.rowsByTier).toEqual({ promo: [2, 0, 0, 1, 0, 0, 1, 0], ad: [0, 0, 0, 1, 0, 1, 1, 0] });
    expect(summary.tiers.how).toBe('given');
    expect(summary.features).toEqual({
      user: [
        { name: 'user_id', kind: 'categorical' },
        { name: 'user_country', kind: 'categorical' },
      ],
      content: [{ name: 'podcast_id', kind: 'categorical' }],
      context: [{ name: 'context_hour', kind: 'numeric' }],
      creative: [{ name: 'creative_format', kind: 'categorical' }],
    });
    expect(summary.ignoredColumns).toEqual(['notes']);
    expect(summary.optionalColumns).toEqual({ streamTier: true, showStreams30d: false, cost: false });
  });

  it('warns about a split without positive stream for a source and about empty tiers', () => {
    expect(
      summary.warnings.map((w) => [w.kind, 'source' in w ? w.source : '', 'split' in w ? w.split : '']),
    ).toEqual([
      ['no-positive-stream', 'ad', 'test'],
      ['empty-tier', '', ''],
      ['empty-tier', '', ''],
      ['empty-tier', '', ''],
      ['empty-tier', '', ''],
    ]);
    expect(summary.warnings.flatMap((w) => (w.kind === 'empty-tier' ? [w.tier] : []))).toEqual([1, 2, 4, 7]);
  });

  it('warns about fewer than 3 days and a missing source when the split failed', () => {
    const t = makeTable([r('promo', 0, 1, { tier: 0 }), r('promo', 1, 0, { tier: 1 })]);
    const s = summarizeDataset(t, null, deriveTiers(t, new Int32Array(0)));
    expect(s.split).toBeNull();
    expect(s.warnings.slice(0, 2).map((w) => w.kind)).toEqual(['few-days', 'missing-source']);
    expect(s.warnings[0].message).toMatch(/Only 2 distinct day/);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('datasetFingerprint', () => {
  it('is 16 hex digits, equal for equal tables and different after any one change', () => {
    const fp = datasetFingerprint(table);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(datasetFingerprint(makeTable(rows, { ignoredColumns: ['notes'] }))).toBe(fp);
    const changed = [
      rows.map((x, i) => (i === 4 ? { ...x, stream: 0 as const } : x)),
      rows.map((x, i) => (i === 2 ? { ...x, f: { context_hour: 5 } } : x)),
      rows.map((x, i) => (i === 0 ? { ...x, user: 'someone' } : x)),
      rows.map((x, i) => (i === 6 ? { ...x, day: 4 } : x)),
    ];
    for (const c of changed)
      expect(datasetFingerprint(makeTable(c, { ignoredColumns: ['notes'] }))).not.toBe(fp);
    expect(datasetFingerprint(makeTable(rows))).not.toBe(fp); // ignored column names count too
  });
});
