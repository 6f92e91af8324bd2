/**
 * A column's values by value, not by code: loads may number a dictionary differently, so tests
 * (and anything comparing two tables) compare these instead of codes.
 */
import type { DictColumn, FeatureColumn, ImpressionTable } from './table';

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

/**
 * A table's contents by value, for comparing two tables with toEqual: dictionary codes may be
 * renumbered by a load, and simulator truth is not part of the file format, so neither counts.
 */
export function tableValues(t: ImpressionTable) {
  return {
    n: t.n,
    source: Array.from(t.source),
    day: Array.from(t.day),
    dayZeroDate: t.dayZeroDate ?? null,
    userId: dictValues(t.userId, null),
    podcastId: dictValues(t.podcastId, null),
    labels: {
      stream: Array.from(t.labels.stream),
      click: Array.from(t.labels.click),
      like: Array.from(t.labels.like),
      follow: Array.from(t.labels.follow),
    },
    streamTier: t.streamTier && Array.from(t.streamTier),
    showStreams30d: t.showStreams30d && Array.from(t.showStreams30d),
    cost: t.cost && Array.from(t.cost),
    features: t.features.map((f) => ({
      name: f.name,
      group: f.group,
      kind: f.kind,
      values: featureValues(f),
    })),
    ignoredColumns: [...t.ignoredColumns],
  };
}
