/**
 * The one way the app, its reports and its verdicts write a relative change, so '+4.5%' in a
 * table and in a sentence are the same number.
 */

/**
 * A relative change (a fraction: 0.045 = +4.5%) as a signed percentage with 1 decimal, or 'n/a'
 * when undefined. A change that rounds to zero is '+0.0%' (rounding can give '-0.0', whose sign
 * means nothing).
 */
export function formatRel(rel: number | null): string {
  if (rel === null) return 'n/a';
  const s = (rel * 100).toFixed(1);
  if (s === '-0.0' || s === '0.0') return '+0.0%';
  return `${rel > 0 ? '+' : ''}${s}%`;
}
