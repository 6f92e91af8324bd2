/**
 * Table-ready views of a results object's headroom (simulated data only): the ceilings of a
 * segment and each grouping's captured share, for the dashboard's tables, the tier charts and the
 * Markdown report. Null when the results carry no headroom (loaded data, older files).
 */
import { type Tier, TIERS } from '../../data/schema';
import { capturedShare, formatShare } from '../../metrics/headroom';
import type { Channel, ExperimentResults, Metric, SegmentCeiling } from '../results-types';
import { type SegmentId, tierSegment } from '../../metrics/segments';
import { tierLabel } from './series';
import { formatAp } from './tables';

export interface HeadroomShareRow {
  readonly id: string;
  readonly label: string;
  readonly isBaseline: boolean;
  /** Captured share per channel (a fraction; null = undefined). */
  readonly share: Readonly<Record<Channel, Metric>>;
}

export interface SegmentHeadroomView {
  readonly segment: SegmentId;
  readonly ceiling: Readonly<Record<Channel, SegmentCeiling>>;
  /** One row per grouping, in results order. */
  readonly rows: readonly HeadroomShareRow[];
}

/** The ceilings of one segment (both channels) and every grouping's captured share on it. */
export function segmentHeadroom(results: ExperimentResults, segment: SegmentId): SegmentHeadroomView | null {
  const h = results.headroom;
  if (!h) return null;
  const ceiling = { promo: h.promo[segment], ad: h.ad[segment] };
  return {
    segment,
    ceiling,
    rows: results.groupings.map((g) => ({
      id: g.id,
      label: g.label,
      isBaseline: g.id === results.baseline,
      share: {
        promo: capturedShare(g.segments.promo[segment].ap, ceiling.promo),
        ad: capturedShare(g.segments.ad[segment].ap, ceiling.ad),
      },
    })),
  };
}

export interface TierHeadroomView {
  /** Ceiling per tier 0..7. */
  readonly ceiling: readonly SegmentCeiling[];
  /** Per grouping (all of them, baseline included, results order), the captured share per tier. */
  readonly rows: readonly {
    readonly id: string;
    readonly label: string;
    readonly share: readonly Metric[];
  }[];
  /**
   * True when the shares use the mean AP over the repeat seeds (as the interval chart's bars do).
   * The ceiling is the same in every seed (repeats vary training only, not the test rows), so the
   * share of the mean AP is the mean of the seeds' shares.
   */
  readonly overSeeds: boolean;
}

/** Per tier of one channel: the ceiling and each grouping's captured share. */
export function tierHeadroom(results: ExperimentResults, channel: Channel): TierHeadroomView | null {
  const h = results.headroom;
  if (!h) return null;
  const rigor = results.rigor && results.rigor.seeds.length > 1 ? results.rigor : undefined;
  const apOf = (id: string, t: Tier): Metric => {
    const s = tierSegment(t);
    if (rigor) return rigor.ap[id]?.[channel]?.[s]?.mean ?? null;
    return results.groupings.find((g) => g.id === id)?.segments[channel][s].ap ?? null;
  };
  return {
    ceiling: TIERS.map((t) => h[channel][tierSegment(t)]),
    rows: results.groupings.map((g) => ({
      id: g.id,
      label: g.label,
      share: TIERS.map((t) => capturedShare(apOf(g.id, t), h[channel][tierSegment(t)])),
    })),
    overSeeds: rigor !== undefined,
  };
}

/** Tooltip text of one tier: the ceiling line, and per grouping id its captured share. */
export interface TierHeadroomNote {
  readonly line: string;
  readonly perBar: Readonly<Record<string, string>>;
}

/**
 * Tooltip notes of the tier chart, keyed by tier label ('Tier 0'): "ceiling AP x, prevalence y;
 * <baseline> captured z%" and "captured w% of headroom" per grouping (n/a = undefined). Null
 * without headroom.
 */
export function tierHeadroomNotes(
  results: ExperimentResults,
  channel: Channel,
): Readonly<Record<string, TierHeadroomNote>> | null {
  const view = tierHeadroom(results, channel);
  if (!view) return null;
  const out: Record<string, TierHeadroomNote> = {};
  TIERS.forEach((t, i) => {
    const c = view.ceiling[i];
    const perBar: Record<string, string> = {};
    for (const r of view.rows) perBar[r.id] = `captured ${formatShare(r.share[i])} of headroom`;
    const base = view.rows.find((r) => r.id === results.baseline);
    const baseText = base ? `; ${results.baseline} captured ${formatShare(base.share[i])}` : '';
    out[tierLabel(t)] = {
      line: `ceiling AP ${formatAp(c.ap)}, prevalence ${formatAp(c.prevalence)}${baseText}`,
      perBar,
    };
  });
  return out;
}
