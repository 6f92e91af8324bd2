import { describe, expect, it } from 'vitest';
import { DIVERGING, divergingColor, SERIES_COLORS, seriesStyle, textOnDiverging } from './scales';

describe('diverging scale', () => {
  it('is red at -1, white at 0 and blue at +1, clamped outside', () => {
    expect(divergingColor(-1)).toBe(DIVERGING.negative);
    expect(divergingColor(0)).toBe(DIVERGING.zero);
    expect(divergingColor(1)).toBe(DIVERGING.positive);
    expect(divergingColor(-3)).toBe(DIVERGING.negative);
    expect(divergingColor(2)).toBe(DIVERGING.positive);
  });

  it('is halfway between white and the end at +-0.5', () => {
    expect(divergingColor(0.5)).toBe('#90B3D6'); // (255+33)/2, (255+102)/2, (255+172)/2
    expect(divergingColor(-0.5)).toBe('#D98C95');
  });

  it('writes white text on the dark ends only', () => {
    expect(textOnDiverging(-0.9)).toBe('#FFFFFF');
    expect(textOnDiverging(0.1)).toBe('#222222');
  });
});

describe('series colours', () => {
  it('are distinct, and dashed once they repeat', () => {
    expect(new Set(SERIES_COLORS).size).toBe(SERIES_COLORS.length);
    expect(seriesStyle(0)).toEqual({ color: SERIES_COLORS[0] });
    expect(seriesStyle(SERIES_COLORS.length)).toEqual({ color: SERIES_COLORS[0], dash: '6 3' });
  });
});
