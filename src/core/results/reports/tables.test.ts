import { describe, expect, it } from 'vitest';
import { fixtureGrouping } from '../results-fixture';
import type { ExperimentResults } from '../results-types';
import { formatAp, formatRel, formatTable1, formatTierTable } from './tables';

const grouping = fixtureGrouping;

const results: ExperimentResults = {
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  backend: 'cpu',
  config: null,
  dataset: null,
  baseline: 'promo-mtl',
  testRows: 20,
  groupings: [
    grouping('promo-mtl', { promo: [0.123456, 0], ad: [0.05, 0] }),
    grouping('joint-5task', { promo: [0.129, 0.045], ad: [0.0751, 0.502] }, { ad: { tier3: { rel: null } } }),
    grouping('ads-stream', { promo: [null, null], ad: [0.04, -0.2] }),
  ],
};

describe('formatAp and formatRel', () => {
  it('prints APs with 4 decimals and n/a for null', () => {
    expect(formatAp(0.123456)).toBe('0.1235');
    expect(formatAp(null)).toBe('n/a');
  });

  it('prints signed percentages with 1 decimal, zero as +0.0%', () => {
    expect(formatRel(0.045)).toBe('+4.5%');
    expect(formatRel(-0.652)).toBe('-65.2%');
    expect(formatRel(-0.0001)).toBe('+0.0%');
    expect(formatRel(0)).toBe('+0.0%');
    expect(formatRel(null)).toBe('n/a');
  });
});

describe('formatTable1', () => {
  it('lays out grouping, Promotions AP, rel, Ads AP, rel', () => {
    expect(formatTable1(results)).toBe(
      [
        'Grouping              Promotions AP    rel  Ads AP     rel',
        '--------------------  -------------  -----  ------  ------',
        'promo-mtl (baseline)         0.1235  +0.0%  0.0500   +0.0%',
        'joint-5task                  0.1290  +4.5%  0.0751  +50.2%',
        'ads-stream                      n/a    n/a  0.0400  -20.0%',
        'rel = AP relative to promo-mtl on the same rows; n/a = undefined.',
      ].join('\n'),
    );
  });
});

describe('formatTierTable', () => {
  const text = formatTierTable(results);
  const lines = text.split('\n');

  it('has a Promotions block, then an Ads block, each with tiers 0-7, less-streamed and high-stream', () => {
    const promo = lines.indexOf('Promotions: AP relative to promo-mtl');
    const ads = lines.indexOf('Ads: AP relative to promo-mtl');
    expect(promo).toBe(0);
    expect(ads).toBeGreaterThan(promo);
    const segs = (from: number) => lines.slice(from + 3, from + 13).map((l) => l.split(/\s+/)[0]);
    const expected = [
      'tier0',
      'tier1',
      'tier2',
      'tier3',
      'tier4',
      'tier5',
      'tier6',
      'tier7',
      'less-streamed',
      'high-stream',
    ];
    expect(segs(promo)).toEqual(expected);
    expect(segs(ads)).toEqual(expected);
  });

  it('shows non-baseline groupings as columns, then baseline AP, rows and positives', () => {
    expect(lines[1].split(/\s+/)).toEqual([
      'Segment',
      'joint-5task',
      'ads-stream',
      'promo-mtl',
      'AP',
      'rows',
      'positives',
    ]);
    expect(lines[3].split(/\s+/)).toEqual(['tier0', '+4.5%', 'n/a', '0.1235', '10', '2']);
  });

  it('writes n/a for an undefined relative change', () => {
    const adsTier3 = lines.find(
      (l, i) => i > lines.indexOf('Ads: AP relative to promo-mtl') && l.startsWith('tier3'),
    );
    expect(adsTier3?.split(/\s+/)).toEqual(['tier3', 'n/a', '-20.0%', '0.0500', '10', '2']);
  });
});
