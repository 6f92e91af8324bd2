import { describe, expect, it } from 'vitest';
import { pageBase, resultsFileStem } from './results-files';

describe('results files', () => {
  it('names files after the run time', () => {
    expect(resultsFileStem({ createdAt: '2026-11-29T10:20:30.000Z' })).toBe(
      'cold-start-lab-2026-11-29-102030',
    );
    expect(resultsFileStem({ createdAt: 'later' })).toBe('cold-start-lab-results');
  });
  it('takes the page address without query or hash as the share base', () => {
    expect(pageBase({ origin: 'https://x.test', pathname: '/lab/' })).toBe('https://x.test/lab/');
  });
});
