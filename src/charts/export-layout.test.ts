import { describe, expect, it } from 'vitest';
import { fileSlug, placeLegend, textWidth, wrapText } from './export-layout';

describe('export layout', () => {
  it('wraps text by words within the width', () => {
    const lines = wrapText('one two three four five six seven', textWidth('one two three', 10), 10);
    expect(lines).toEqual(['one two three', 'four five six', 'seven']);
    expect(wrapText('', 100, 10)).toEqual([]);
    expect(wrapText('averyveryverylongword', 10, 10)).toEqual(['averyveryverylongword']);
  });

  it('places legend items in rows that fit the width', () => {
    const items = ['promo-stream', 'ads-stream', 'ads-anc'].map((label) => ({ label, color: '#000' }));
    const one = placeLegend(items, 2000, 12, 30);
    expect(one.items.map((i) => i.y)).toEqual([42, 42, 42]);
    expect(one.height).toBe(19);
    const narrow = placeLegend(items, 120, 12, 0);
    expect(narrow.items.map((i) => i.x)).toEqual([0, 0, 0]);
    expect(narrow.height).toBe(3 * 19);
    expect(placeLegend([], 100, 12, 0).height).toBe(0);
  });

  it('makes file names from titles', () => {
    expect(fileSlug('Promotions: AP change by stream tier')).toBe('promotions-ap-change-by-stream-tier');
  });
});
