import { describe, expect, it } from 'vitest';
import { TIERS } from '../../data/schema';
import { capturedShare, formatShare } from '../../metrics/headroom';
import { sampleHeadroomResults } from '../headroom-fixture';
import { parsePipeTables } from './markdown';
import { markdownReport } from './markdown-report';
import { sampleResults } from '../results-sample';
import { SEGMENT_IDS, tierSegment } from '../../metrics/segments';
import { formatAp } from './tables';

const results = sampleHeadroomResults();
const h = results.headroom!;
const opts = { pageBase: 'https://lab.test/app/' };
const md = markdownReport(results, opts);
const plain = markdownReport(sampleResults(), opts);
const tables = parsePipeTables(md);
const byHeader = (first: string) => tables.filter((t) => t.header[1] === first);

describe('Markdown report: headroom', () => {
  it('is absent without headroom (loaded data, older files)', () => {
    expect(plain).not.toContain('## Headroom');
    expect(plain).not.toContain('Simulator truth (ceiling)');
  });

  it('leaves Table 1 and the tier tables as they were, and names the ceiling under Table 1', () => {
    const t1 = (text: string) => parsePipeTables(text).find((t) => t.header[1] === 'Promotions AP');
    expect(t1(md)).toEqual(t1(plain));
    expect(md).toContain(
      `Simulator truth (ceiling): Promotions AP ${formatAp(h.promo.all.ap)}, Ads AP ${formatAp(h.ad.all.ap)} `,
    );
    const tierTables = (text: string) => parsePipeTables(text).filter((t) => t.header[1] === 'Tier 0');
    expect(tierTables(md).slice(0, 2)).toEqual(tierTables(plain).slice(0, 2));
  });

  it('has a section that says what the ceiling is and why prevalence is the floor', () => {
    const section = md.slice(md.indexOf("## Headroom: the simulator's ceiling"));
    expect(section).toContain("AP of the simulator's true p(stream) on the same test rows");
    expect(section).toContain('(AP - prevalence) / (ceiling - prevalence)');
    expect(section).toContain('n/a = undefined, not 0');
    expect(section).toMatch(/Prevalence \(positives \/ rows\) is the floor/);
    expect(md.indexOf('## Headroom')).toBeGreaterThan(md.indexOf('## Less-streamed and high-stream'));
  });

  it('lists ceiling AP and prevalence per segment, cell for cell', () => {
    const [t] = byHeader('Promotions ceiling AP');
    expect(t.rows.map((r) => r.slice(1))).toEqual(
      SEGMENT_IDS.map((s) => [
        formatAp(h.promo[s].ap),
        formatAp(h.promo[s].prevalence),
        formatAp(h.ad[s].ap),
        formatAp(h.ad[s].prevalence),
      ]),
    );
    expect(t.rows.map((r) => r[0])).toEqual([
      'All',
      ...TIERS.map((k) => `Tier ${k}`),
      'Less-streamed',
      'High-stream (tiers 0-2)',
    ]);
    expect(t.rows.flat()).toContain('n/a'); // the sample has tiers without positives
  });

  it('lists every grouping’s captured share on all, less-streamed and high-stream rows', () => {
    const [t] = byHeader('Promotions, All');
    expect(t.header.slice(2)).toEqual([
      'Ads, All',
      'Promotions, Less-streamed',
      'Ads, Less-streamed',
      'Promotions, High-stream (tiers 0-2)',
      'Ads, High-stream (tiers 0-2)',
    ]);
    results.groupings.forEach((g, i) => {
      expect(t.rows[i][0]).toBe(i === 0 ? 'promo-mtl (baseline)' : g.id);
      expect(t.rows[i].slice(1)).toEqual(
        (['all', 'less-streamed', 'high-stream'] as const).flatMap((s) =>
          (['promo', 'ad'] as const).map((c) => formatShare(capturedShare(g.segments[c][s].ap, h[c][s]))),
        ),
      );
    });
  });

  it('lists the captured share per tier for each channel', () => {
    const perTier = byHeader('Tier 0').slice(2);
    expect(perTier).toHaveLength(2);
    (['promo', 'ad'] as const).forEach((c, k) => {
      results.groupings.forEach((g, i) => {
        expect(perTier[k].rows[i].slice(1)).toEqual(
          TIERS.map((t) =>
            formatShare(capturedShare(g.segments[c][tierSegment(t)].ap, h[c][tierSegment(t)])),
          ),
        );
      });
    });
    expect(md).toContain('### Share of headroom captured by stream tier: Ads');
  });
});
