/**
 * Colour scales beyond the fixed colours of palette.ts: a diverging scale for signed values in
 * [-1, 1] (cosines: red = opposed, white = 0, blue = aligned; red-blue stays readable for the
 * common colour-vision deficiencies) and a qualitative list for series without a fixed colour
 * (pairs of heads).
 */

/** Ends and middle of the diverging scale (ColorBrewer RdBu). */
export const DIVERGING = { negative: '#B2182B', zero: '#FFFFFF', positive: '#2166AC' } as const;

/** Fill of a cell whose value is undefined (drawn hatched, never as the 0 colour). */
export const UNDEFINED_FILL = '#E6E6E6';

const rgb = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];
const hex2 = (x: number) => Math.round(x).toString(16).padStart(2, '0').toUpperCase();

function mix(from: string, to: string, t: number): string {
  const a = rgb(from);
  const b = rgb(to);
  return `#${a.map((x, i) => hex2(x + (b[i] - x) * t)).join('')}`;
}

/** The colour of `v` on the diverging scale; values outside [-1, 1] take the end colours. */
export function divergingColor(v: number): string {
  const t = Math.max(-1, Math.min(1, v));
  return t < 0 ? mix(DIVERGING.zero, DIVERGING.negative, -t) : mix(DIVERGING.zero, DIVERGING.positive, t);
}

/** Text colour readable on `divergingColor(v)`: white on the darker ends, near-black elsewhere. */
export function textOnDiverging(v: number): string {
  return Math.abs(v) >= 0.55 ? '#FFFFFF' : '#222222';
}

/** Gradient stops of the scale for a legend bar: offset 0 = -1, 0.5 = 0, 1 = +1. */
export const DIVERGING_STOPS: readonly { readonly offset: number; readonly color: string }[] = [
  { offset: 0, color: DIVERGING.negative },
  { offset: 0.5, color: DIVERGING.zero },
  { offset: 1, color: DIVERGING.positive },
];

/** Qualitative colours for series without a fixed colour (Okabe-Ito, then Tol's muted set; no yellow). */
export const SERIES_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#332288',
  '#882255',
  '#44AA99',
  '#999933',
] as const;

/** The i-th series colour, with a dash pattern once the colours run out (so no two series look alike). */
export function seriesStyle(i: number): { readonly color: string; readonly dash?: string } {
  const color = SERIES_COLORS[i % SERIES_COLORS.length];
  return i < SERIES_COLORS.length ? { color } : { color, dash: '6 3' };
}
