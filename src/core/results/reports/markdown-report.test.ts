import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../config/url-codec';
import { TIERS } from '../../data/schema';
import { markdownReport, rowName } from './markdown-report';
import { analysisFixture } from '../../analysis/analysis-fixture';
import { escapeCell, parsePipeTables, pipeTable, splitTableLine } from './markdown';
import { SAMPLE_CONFIG, sampleResults } from '../results-sample';
import { tierSegment } from '../../metrics/segments';
import { segmentSummaryRows, table1Rows } from './series';
import { formatAp, formatRel } from './tables';

const results = sampleResults();
const md = markdownReport(results, {
  pageBase: 'https://lab.test/app/',
  generatedAt: '2026-12-01T08:00:00.000Z',
});
const tables = parsePipeTables(md);
const tableWith = (first: string) => tables.filter((t) => t.header[1] === first);
const section = (title: string) => md.slice(md.indexOf(`## ${title}`)).split('\n## ')[0];

describe('markdown helpers', () => {
  it('escapes | so a cell cannot split, and reads it back', () => {
    const t = pipeTable(
      ['a|b', 'c'],
      [
        ['x | y', 'line\nbreak'],
        ['back\\slash', ''],
      ],
    );
    expect(t.split('\n')[0]).toBe('| a\\|b | c |');
    const [parsed] = parsePipeTables(t);
    expect(parsed.header).toEqual(['a|b', 'c']);
    expect(parsed.rows).toEqual([
      ['x | y', 'line break'],
      ['back\\slash', ''],
    ]);
    expect(splitTableLine(`| ${escapeCell('|')} |`)).toEqual(['|']);
  });
});

describe('markdownReport', () => {
  it('has every section, the run date and the report date', () => {
    for (const title of [
      'Configuration',
      'Share link',
      'Dataset',
      'Table 1: AP by channel',
      'AP change by stream tier (vs baseline)',
      'Less-streamed and high-stream creators',
      'Backend and run times',
    ])
      expect(md).toContain(`\n## ${title}\n`);
    expect(md.split('\n')[0]).toBe('# Cold-Start Lab results: simulated data (seed 7)');
    expect(md).toContain('Run of 2026-11-29 10:20 UTC; report written 2026-12-01 08:00 UTC.');
  });

  it('Table 1 cells equal formatAp / formatRel of the results, baseline marked', () => {
    const [t1] = tableWith('Promotions AP');
    expect(t1.header).toEqual(['Grouping', 'Promotions AP', 'vs baseline', 'Ads AP', 'vs baseline']);
    expect(t1.rows).toEqual(
      table1Rows(results).map((r) => [
        rowName(r.id, 'promo-mtl'),
        formatAp(r.promoAp),
        formatRel(r.promoRel),
        formatAp(r.adAp),
        formatRel(r.adRel),
      ]),
    );
    expect(t1.rows[0][0]).toBe('promo-mtl (baseline)');
  });

  it('tier tables carry each grouping’s relative change per tier, n/a with its reason', () => {
    const tierTables = tableWith('Tier 0');
    const [promo, ad] = tierTables.filter((t) => t.rows[0][0] !== 'Promo rows');
    for (const [c, t] of [
      ['promo', promo],
      ['ad', ad],
    ] as const) {
      for (const g of results.groupings.filter((x) => x.id !== 'promo-mtl')) {
        const row = t.rows.find((r) => r[0] === g.id)!;
        expect(row.slice(1)).toEqual(TIERS.map((k) => formatRel(g.segments[c][tierSegment(k)].rel)));
      }
      expect(t.rows.find((r) => r[0] === 'promo-mtl AP')?.slice(1)).toEqual(
        TIERS.map((k) => formatAp(results.groupings[0].segments[c][tierSegment(k)].ap)),
      );
    }
    expect(promo.rows.flat()).toContain('n/a'); // the sample has tiers without positives
    expect(md).toMatch(/- n\/a for all groupings: Tier \d.* \((no test rows|no positive)\)/);
  });

  it('segment tables carry less-streamed and high-stream AP and rel', () => {
    const seg = tableWith('Less-streamed AP');
    expect(seg).toHaveLength(2);
    ['promo', 'ad'].forEach((c, i) => {
      const [less, high] = segmentSummaryRows(results, c as 'promo' | 'ad');
      expect(seg[i].rows.map((r) => r.slice(1))).toEqual(
        less.rows.map((r, k) => [
          formatAp(r.ap),
          formatRel(r.rel),
          formatAp(high.rows[k].ap),
          formatRel(high.rows[k].rel),
        ]),
      );
    });
  });

  it('lists the non-default settings by label and the full config as JSON', () => {
    const [cfg] = tableWith('Key');
    expect(cfg.rows).toEqual(
      expect.arrayContaining([
        ['One seed for data, shuffles, initialisation and sampling', 'seed', '7', '1'],
        ['Adam learning rate', 'lr', '0.001', '0.002'],
        ['Simulated users', 'users', '200', expect.any(String)],
      ]),
    );
    expect(md).toContain('<details><summary>Full configuration (JSON)</summary>');
    expect(md).toContain(JSON.stringify(SAMPLE_CONFIG, null, 2));
  });

  it('gives a share link that decodes to the run’s config', () => {
    const link = section('Share link').match(/<(https:\/\/lab\.test\/app\/\?[^>]+)>/)?.[1];
    expect(link).toBeDefined();
    const { config, notices } = decodeConfig(link!);
    expect(notices).toEqual([]);
    expect(config).toEqual(SAMPLE_CONFIG);
  });

  it('summarises the dataset: rows, split, label rates, tiers, warnings', () => {
    const d = section('Dataset');
    const summary = results.dataset as { rows: number };
    expect(d).toContain(`- Impressions: ${summary.rows.toLocaleString('en-US')} (promotions`);
    expect(d).toContain('- Stream tiers: given with the data (stream_tier column)');
    expect(tableWith('Days')[0].rows.map((r) => r[0])).toEqual(['train', 'validation', 'test']);
    expect(
      tableWith('Promotions')
        .find((t) => t.header[0] === 'Label rate')
        ?.rows.map((r) => r[0]),
    ).toEqual(['stream', 'click', 'like', 'follow']);
    expect(d).toMatch(/Warnings: none\.|Warnings:\n- /);
  });

  it('survives a results object whose dataset summary is missing or malformed', () => {
    const bare = markdownReport({ ...results, dataset: { rows: 'many' } }, { pageBase: 'http://x/' });
    expect(bare).toContain('_No dataset summary in these results._');
    expect(bare).not.toContain('report written');
  });

  it('lists backend and each grouping’s epochs and training time', () => {
    const [times] = tableWith('Epochs');
    expect(times.rows[0]).toEqual(['promo-mtl (baseline)', '2', '2', '2.3 s']);
    expect(md).toContain('Backend: `wasm`.');
  });
});

describe('the report of an analysis of predictions', () => {
  const report = markdownReport(analysisFixture(), { pageBase: 'http://x/' });

  it('says what was read in place of a config, a share link and run times', () => {
    expect(report).toMatch(
      /^# Cold-Start Lab results: predictions file fixture\.csv \(analysed without training\)/,
    );
    expect(report).toContain('## Analysis of predictions');
    expect(report).toContain(
      'No training: the scores come from `fixture.csv`, 200 rows; score columns `base`, `mtl:promo_stream@1`',
    );
    expect(report).toContain('Tiers: 200 rows from stream_tier, 0 from show_streams_30d');
    expect(report).toContain('Budget replay: 11 shows (podcast_id); no cost column, 1 per impression.');
    for (const gone of ['## Configuration', '## Share link', '## Backend and run times'])
      expect(report).not.toContain(gone);
    expect(report).toContain('## Table 1: AP by channel');
  });
});
