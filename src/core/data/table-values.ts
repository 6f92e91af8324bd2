/**
 * A column's values by value, not by code: loads may number a dictionary differently, so tests
 * (and anything comparing two tables) compare these instead of codes.
 */
import type { DictColumn, FeatureColumn } from './table';

/** Each row's string, or `missing` where the code is -1. */
export function dictValues<M extends string | null>(c: DictColumn, missing: M): (string | M)[] {
  return Array.from(c.codes, (k) => (k < 0 ? missing : c.dict[k]));
}

/** A feature's values per row: numbers (NaN = missing), strings ('' = missing), or lists. */
export function featureValues(f: FeatureColumn): unknown[] {
  if (f.kind === 'numeric') return Array.from(f.data);
  if (f.kind === 'categorical') return dictValues(f.data, '');
  const { offsets, codes, dict } = f.data;
  return Array.from({ length: offsets.length - 1 }, (_, i) =>
    Array.from(codes.subarray(offsets[i], offsets[i + 1]), (c) => dict[c]),
  );
}
