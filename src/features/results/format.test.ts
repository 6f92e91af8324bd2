import { describe, expect, it } from 'vitest';
import {
  apCellText,
  apDataAttr,
  ceilingCellText,
  dataSourceText,
  prevalenceCellText,
  relCellText,
  segmentSizeText,
  shareCellText,
} from './format';

describe('results cell texts', () => {
  it('shows an AP with 4 decimals and an undefined AP with its reason, never 0', () => {
    expect(apCellText(0.123456, null)).toBe('0.1235');
    expect(apCellText(null, 'no-positive')).toBe('n/a — no positive');
    expect(apCellText(null, 'no-head')).toBe('n/a — no head scores this channel');
  });

  it('shows a relative change as a signed percentage', () => {
    expect(relCellText(0.045)).toBe('+4.5%');
    expect(relCellText(-0.652)).toBe('-65.2%');
    expect(relCellText(null)).toBe('n/a');
  });

  it('keeps the full AP in the data attribute for tests and tools', () => {
    expect(apDataAttr(0.123456789)).toBe('0.123456789');
    expect(apDataAttr(null)).toBe('n/a');
  });

  it('gives a segment size with its positive rate', () => {
    expect(segmentSizeText(12000, 300)).toBe('12,000 rows, 300 positives (rate 2.50%)');
    expect(segmentSizeText(0, 0)).toBe('no test rows');
  });
});

describe('data source text', () => {
  it('names the file, the URL or the simulator with its seed, and survives odd configs', () => {
    expect(dataSourceText({ seed: 7, data: { kind: 'sim', sim: {} } })).toBe('simulated data (seed 7)');
    expect(dataSourceText({ data: { kind: 'file', name: 'mine.csv' } })).toBe('mine.csv');
    expect(dataSourceText({ data: { kind: 'url', url: 'https://x.test/d.parquet' } })).toBe(
      'https://x.test/d.parquet',
    );
    expect(dataSourceText(null)).toBe('unknown data');
    expect(dataSourceText({ data: { kind: 'file', name: 3 } })).toBe('unknown data');
  });
});

describe('headroom cell texts', () => {
  const c = { ap: 0.5, prevalence: 0.1 };
  it('shows the ceiling and prevalence with 4 decimals, n/a with the reason', () => {
    expect(ceilingCellText(c)).toBe('0.5000');
    expect(prevalenceCellText(c)).toBe('0.1000');
    expect(ceilingCellText({ ap: null, prevalence: 0 })).toBe('n/a — no positive');
    expect(ceilingCellText({ ap: null, prevalence: null })).toBe('n/a — no test rows');
    expect(prevalenceCellText({ ap: null, prevalence: null })).toBe('n/a — no test rows');
  });

  it('shows a share as a percentage, and says why it is undefined, never 0', () => {
    expect(shareCellText(0.623, 0.35, c)).toBe('62.3%');
    expect(shareCellText(null, null, c)).toBe('n/a — AP undefined');
    expect(shareCellText(null, 0.3, { ap: null, prevalence: 0 })).toBe('n/a — no positive');
    expect(shareCellText(null, 0.3, { ap: null, prevalence: null })).toBe('n/a — no test rows');
    expect(shareCellText(null, 0.3, { ap: 0.1, prevalence: 0.1 })).toBe(
      'n/a — no headroom (ceiling not above prevalence)',
    );
  });
});
