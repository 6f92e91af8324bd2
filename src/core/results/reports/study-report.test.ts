import { describe, expect, it } from 'vitest';
import { sampleColdStart } from '../cold-start-fixture';
import { sampleGrid } from '../grid-fixture';
import { parsePipeTables } from './markdown';
import { markdownReport } from './markdown-report';
import { sampleResults } from '../results-sample';
import { studyMarkdown } from './study-report';

const opts = { pageBase: 'https://lab.test/', generatedAt: '2026-12-01T08:00:00.000Z' };
const META = { createdAt: '2026-05-06T07:08:09.000Z', backend: 'wasm', config: { seed: 11 } };

describe('study reports', () => {
  it("is a comparison's results report", () => {
    expect(studyMarkdown({ kind: 'comparison', results: sampleResults() }, opts)).toBe(
      markdownReport(sampleResults(), opts),
    );
  });

  it("titles a grid's report as one and tables each arm's change vs full with its bootstrap interval", () => {
    const md = studyMarkdown({ kind: 'ablation', results: sampleGrid() }, opts);
    expect(md.split('\n')[0]).toBe('# Cold-Start Lab ablation grid of joint-5task: simulated data (seed 7)');
    expect(md).toContain('3 arms.');
    const arms = parsePipeTables(md).find((t) => t.header[0] === 'Arm');
    expect(arms?.header).toEqual(['Arm', 'Change', 'Promotions AP', 'vs full', 'Ads AP', 'vs full']);
    expect(arms?.rows).toEqual([
      ['full (reference)', 'as configured', '0.4000 [0.3800, 0.4200]', '', '0.1000 [0.0900, 0.1100]', ''],
      [
        'no-anc',
        'ancillary heads off',
        '0.4200 [0.4100, 0.4300]',
        '+5.0% [+2.5%, +7.5%]',
        '0.1500 [0.1400, 0.1600]',
        '+50.0% [+30.0%, +70.0%]',
      ],
      [
        'drop-user',
        'user features dropped',
        '0.1600 [0.1000, 0.2200]',
        '-60.0% [-70.0%, -50.0%]',
        '0.1200',
        '+20.0% [-10.0%, +50.0%]',
      ],
    ]);
    expect(md).toContain('- not in the grid: natural sampling (one source)');
    expect(md).toContain('95% paired bootstrap interval, 1000 resamples');
  });

  it("tables a cold start's AP per budget and method for each segment, n/a where undefined", () => {
    const md = studyMarkdown({ kind: 'cold-start', results: sampleColdStart(), meta: META }, opts);
    expect(md.split('\n')[0]).toBe('# Cold-Start Lab cold start: ad_stream');
    expect(md).toContain('Run of 2026-05-06 07:08 UTC, backend `wasm`. Report written 2026-12-01 08:00 UTC.');
    const [all, less, ...rest] = parsePipeTables(md);
    expect(all.header).toEqual(['Budget', 'Labels kept', 'scratch', 'direct', 'finetune']);
    expect(all.rows).toEqual([
      ['1%', '12', '0.0500 [0.0300, 0.0700]', '0.1500 [0.1400, 0.1600]', '0.1600 [0.1500, 0.1700]'],
      ['5%', '60', '0.1000 [0.0800, 0.1200]', '0.1500 [0.1400, 0.1600]', '0.1800 [0.1600, 0.2000]'],
      ['20%', '1,200', '0.2000 [0.1800, 0.2200]', '0.1500 [0.1400, 0.1600]', '0.2500 [0.2300, 0.2700]'],
    ]);
    expect(less.rows[0][4]).toBe('n/a');
    expect(less.rows[1][4]).toBe('0.1500');
    expect(md).toContain("Ceiling (the simulator's true probabilities): 0.4000.");
    expect(md).toContain("Ceiling (the simulator's true probabilities): n/a.");
    // The configuration section lists what differs from the defaults (the seed, 11).
    expect(rest.some((t) => t.rows.some((r) => r[1] === 'seed' && r[2] === '11'))).toBe(true);
  });

  it('leaves out the run line and configuration of a cold start without meta', () => {
    const md = studyMarkdown(
      { kind: 'cold-start', results: sampleColdStart() },
      {
        pageBase: opts.pageBase,
      },
    );
    expect(md).not.toContain('Run of');
    expect(md).not.toContain('## Configuration');
    expect(md.split('\n\n')[1]).toMatch(/^New task `ad_stream` scored on 2,000 test rows \(40 positive\)/);
  });
});
