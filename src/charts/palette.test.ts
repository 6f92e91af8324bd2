import { describe, expect, it } from 'vitest';
import { GROUPING_COLORS, groupingColor } from './palette';

describe('groupingColor', () => {
  it('gives every preset grouping its own fixed colour', () => {
    const colors = Object.values(GROUPING_COLORS);
    expect(new Set(colors).size).toBe(colors.length);
    expect(groupingColor('joint-5task')).toBe(GROUPING_COLORS['joint-5task']);
  });

  it('gives a user-defined grouping the same colour every time', () => {
    expect(groupingColor('my-grouping')).toBe(groupingColor('my-grouping'));
    expect(groupingColor('my-grouping')).toMatch(/^#[0-9A-F]{6}$/);
  });
});
