import { describe, expect, it } from 'vitest';
import { parsePipeTables } from './markdown';
import { markdownReport } from './markdown-report';
import { sampleResults } from '../results-sample';
import type { ExperimentResults } from '../results-types';
import { buildRigor } from '../../metrics/rigor';
import { formatApInterval, formatP, formatRelInterval } from './rigor-tables';
import { rigorInput } from '../../metrics/rigor-world';

const rigor = buildRigor(rigorInput([1, 2, 3], 50));
// The sample's groupings carry the rigor world's ids, so the tables find every row.
const base = sampleResults();
const results: ExperimentResults = {
  ...base,
  baseline: 'promo-mtl',
  groupings: base.groupings.filter((g) => g.id === 'promo-mtl' || g.id === 'joint-5task'),
  rigor,
};
const md = markdownReport(results, { pageBase: 'http://x/' });
const tables = parsePipeTables(md);

describe('Markdown report of a run with repeats and the replay', () => {
  it('has Table 1 over seeds with the bootstrap, cell for cell', () => {
    const t = tables.find(
      (x) => x.header.join() === 'Grouping,Promotions AP,rel,bootstrap rel,p,Ads AP,rel,bootstrap rel,p',
    );
    const row = t?.rows.find((r) => r[0] === 'joint-5task');
    expect(row?.[1]).toBe(formatApInterval(rigor.ap['joint-5task'].promo.all));
    expect(row?.[2]).toBe(formatRelInterval(rigor.apRel['joint-5task'].promo.all));
    expect(row?.[8]).toBe(formatP(rigor.bootstrap['joint-5task'].ad.all.p));
    expect(row?.[1]).toMatch(/^0\.\d{4} \[0\.\d{4}, 0\.\d{4}\]$/);
    expect(md).toContain('mean over 3 training seeds (1, 2, 3)');
  });

  it('has the Table-2 analogue, the per-tier replay and the simulated A/B', () => {
    const t2 = tables.filter((x) => x.header[1] === 'all i2s');
    expect(t2).toHaveLength(2); // labels, then true probabilities
    expect(t2[0].rows[0][0]).toBe('joint-5task');
    expect(t2[0].rows[0][1]).toBe(formatRelInterval(rigor.replay.label['joint-5task'].all.rel.i2s));
    expect(t2[1].rows[0][5]).toBe(
      formatRelInterval(rigor.replay.expected!['joint-5task']['less-streamed'].rel.i2s),
    );
    const tiers = tables.filter((x) => x.header[0] === 'Tier' && x.header[1] === 'joint-5task i2s');
    expect(tiers).toHaveLength(2);
    expect(tiers[0].rows.map((r) => r[0])).toEqual([
      'tier0',
      'tier1',
      'tier2',
      'tier3',
      'tier4',
      'tier5',
      'tier6',
      'tier7',
    ]);
    expect(md).toContain("each model buys 30% of each show's ad test impressions");
  });

  it('leaves the sections out for results without a rigor section', () => {
    expect(markdownReport(base, { pageBase: 'http://x/' })).not.toContain('Budget replay');
  });
});
