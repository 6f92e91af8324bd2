import { describe, expect, it } from 'vitest';
import { FeatureValues } from './feature-values';
import { inferFeature, Interner } from './table-builder-cells';

/** The old path (intern everything, then infer) for comparison. */
function viaInterner(name: string, values: string[]) {
  const i = new Interner();
  for (const v of values) i.push(v);
  return inferFeature(name, i);
}
function viaFeatureValues(name: string, values: string[]) {
  const f = new FeatureValues();
  for (const v of values) f.push(v);
  return f.toFeature(name);
}

describe('FeatureValues', () => {
  it.each([
    ['canonical numbers', ['1', '2.5', '', '-3', '1e21']],
    ['non-canonical numbers stay numeric', ['1', '1.50', '', '007', '2']],
    ['numbers then a word: categorical with the exact texts', ['01234', '2.5', 'n/a', '3']],
    ['canonical numbers then a word', ['1', '2.5', '', '3', 'x']],
    ['a multi value late', ['1', '2', 'a|b', '']],
    ['hex is not a number', ['1', '0x10']],
  ])('gives exactly what interning everything gives: %s', (_, values) => {
    expect(viaFeatureValues('user_x', values)).toEqual(viaInterner('user_x', values));
  });

  it('keeps a numeric column as numbers without a dictionary', () => {
    const f = viaFeatureValues('user_hours', ['1.5', '', '2']);
    expect(f.kind).toBe('numeric');
    if (f.kind !== 'numeric') throw new Error('unreachable');
    expect(Array.from(f.data)).toEqual([1.5, Number.NaN, 2]);
  });
});
