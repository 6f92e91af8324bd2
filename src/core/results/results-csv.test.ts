import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TIERS } from '../data/schema';
import { capturedShare } from '../metrics/headroom';
import { sampleHeadroomResults } from './headroom-fixture';
import { METRICS_CSV_COLUMNS, resultsToCsv } from './results-io';
import { sampleResults } from './results-sample';
import { SEGMENT_IDS } from '../metrics/segments';
import { segmentSummaryRows, table1Rows, tierUpliftSeries } from './reports/series';

const results = sampleResults();

describe('results CSV', () => {
  const parsed = Papa.parse<Record<string, string>>(resultsToCsv(results), {
    header: true,
    skipEmptyLines: true,
  });
  const row = (g: string, c: string, s: string) =>
    parsed.data.find((r) => r.grouping === g && r.channel === c && r.segment === s)!;
  const num = (text: string): number | null => (text === '' ? null : Number(text));

  it('parses back cleanly: the documented columns, one row per grouping x channel x segment', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...METRICS_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(results.groupings.length * 2 * SEGMENT_IDS.length);
  });

  it('carries the Table 1 numbers at full precision (n/a as empty)', () => {
    for (const r of table1Rows(results)) {
      expect(num(row(r.id, 'promo', 'all').ap)).toBe(r.promoAp);
      expect(num(row(r.id, 'promo', 'all').rel)).toBe(r.promoRel);
      expect(num(row(r.id, 'ad', 'all').ap)).toBe(r.adAp);
      expect(num(row(r.id, 'ad', 'all').rel)).toBe(r.adRel);
      expect(row(r.id, 'ad', 'all').baseline).toBe(r.isBaseline ? '1' : '0');
      expect(row(r.id, 'promo', 'all').label).toBe(r.label); // quoted: labels hold commas
    }
  });

  it('carries the tier uplift (percent in the series = rel x 100) and the segment summaries', () => {
    for (const c of ['promo', 'ad'] as const) {
      const series = tierUpliftSeries(results, c);
      for (const t of TIERS)
        for (const g of series.groupings) {
          const rel = num(row(g.id, c, `tier${t}`).rel);
          const shown = series.rows[t][g.id];
          expect(rel === null ? null : rel * 100).toBe(shown);
        }
      for (const s of segmentSummaryRows(results, c))
        for (const r of s.rows) {
          const csv = row(r.id, c, s.segment);
          expect([num(csv.ap), num(csv.rel), Number(csv.rows), Number(csv.positives)]).toEqual([
            r.ap,
            r.rel,
            r.rows,
            r.positives,
          ]);
        }
    }
    expect(parsed.data.some((r) => r.ap === '')).toBe(true); // undefined APs are empty cells
  });
});

describe('results CSV with headroom', () => {
  const withHeadroom = sampleHeadroomResults();
  const parse = (r: typeof withHeadroom) =>
    Papa.parse<Record<string, string>>(resultsToCsv(r), { header: true, skipEmptyLines: true }).data;
  const num = (text: string): number | null => (text === '' ? null : Number(text));

  it('carries the ceiling AP and the captured share per row, at full precision', () => {
    const rows = parse(withHeadroom);
    const h = withHeadroom.headroom!;
    let i = 0;
    for (const g of withHeadroom.groupings)
      for (const c of ['promo', 'ad'] as const)
        for (const s of SEGMENT_IDS) {
          const row = rows[i++];
          expect([row.grouping, row.channel, row.segment]).toEqual([g.id, c, s]);
          expect(num(row.ceiling_ap)).toBe(h[c][s].ap);
          expect(num(row.headroom_share)).toBe(capturedShare(g.segments[c][s].ap, h[c][s]));
        }
    expect(rows.some((r) => r.ceiling_ap !== '' && r.headroom_share !== '')).toBe(true);
    expect(rows.some((r) => r.ceiling_ap === '')).toBe(true); // undefined ceilings are empty cells
  });

  it('leaves both columns empty without headroom (loaded data, older files)', () => {
    const rows = parse(results);
    expect(rows.every((r) => r.ceiling_ap === '' && r.headroom_share === '')).toBe(true);
  });
});
