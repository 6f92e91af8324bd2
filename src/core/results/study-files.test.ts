import { describe, expect, it } from 'vitest';
import { pageBase, resultsFileStem } from './study-files';

describe('study files', () => {
  it('names files after the run time, and grids and cold starts after their kind', () => {
    const at = { createdAt: '2026-11-29T10:20:30.000Z' };
    expect(resultsFileStem(at)).toBe('cold-start-lab-2026-11-29-102030');
    expect(resultsFileStem(at, 'ablation')).toBe('cold-start-lab-ablation-2026-11-29-102030');
    expect(resultsFileStem(at, 'cold-start')).toBe('cold-start-lab-cold-start-2026-11-29-102030');
    expect(resultsFileStem({ createdAt: 'later' })).toBe('cold-start-lab-results');
    expect(resultsFileStem({ createdAt: '' }, 'cold-start')).toBe('cold-start-lab-cold-start-results');
  });
  it('takes the page address without query or hash as the share base', () => {
    expect(pageBase({ origin: 'https://x.test', pathname: '/lab/' })).toBe('https://x.test/lab/');
  });
});
