/**
 * Test fixture: hand-built results objects for the formatting and series tests (not app code).
 */
import type { Source, TaskId } from '../data/schema';
import type { GroupingResult, Metric, SegmentResult } from './results-types';
import { SEGMENT_IDS, type SegmentId } from '../metrics/segments';

export type SegmentOverrides = Partial<Record<Source, Partial<Record<SegmentId, Partial<SegmentResult>>>>>;

/** A grouping whose every segment has the given [AP, rel] per channel, with overrides per segment. */
export function fixtureGrouping(
  id: string,
  all: Record<Source, [Metric, Metric]>,
  over: SegmentOverrides = {},
  opts: { label?: string; scoringHeads?: Record<Source, TaskId | null> } = {},
): GroupingResult {
  const segs = (c: Source) =>
    Object.fromEntries(
      SEGMENT_IDS.map((s) => [s, { ap: all[c][0], rel: all[c][1], rows: 10, positives: 2, ...over[c]?.[s] }]),
    ) as Record<SegmentId, SegmentResult>;
  return {
    id,
    label: opts.label ?? id,
    trainsOn: ['promo'],
    heads: ['promo_stream'],
    scoringHeads: opts.scoringHeads ?? { promo: 'promo_stream', ad: 'promo_stream' },
    promoAp: all.promo[0],
    promoRel: all.promo[1],
    adAp: all.ad[0],
    adRel: all.ad[1],
    segments: { promo: segs('promo'), ad: segs('ad') },
    history: [],
    bestEpoch: null,
    trainMs: 0,
  };
}
