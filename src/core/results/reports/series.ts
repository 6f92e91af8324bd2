/**
 * Chart- and table-ready views of a results object and of live training curves. The dashboard's
 * charts only display these (house style: aggregation happens in core, charts only draw).
 * Undefined metrics stay null here and carry a reason, so a view can say why instead of drawing 0.
 */
import { SOURCES, type Source, TASKS, type TaskId, type Tier, TIERS } from '../../data/schema';
import type { ExperimentResults, GroupingResult, Metric, SegmentResult } from '../results-types';
import { tierSegment } from '../../metrics/segments';

/** Why a metric is undefined, and the words a view shows for it. */
export const UNDEFINED_REASON_TEXT = {
  'no-rows': 'no test rows',
  'no-positive': 'no positive',
  'no-head': 'no head scores this channel',
  'baseline-undefined': 'baseline AP undefined',
  'baseline-zero': 'baseline AP is 0',
} as const;
export type UndefinedReason = keyof typeof UNDEFINED_REASON_TEXT;

/** Why a grouping's AP on a segment is null (null reason = the AP is defined). */
export function apUndefinedReason(seg: SegmentResult, head: string | null): UndefinedReason | null {
  if (seg.ap !== null) return null;
  if (seg.rows === 0) return 'no-rows';
  if (seg.positives === 0) return 'no-positive';
  return head === null ? 'no-head' : 'no-positive';
}

/** Why a relative change is null: the grouping's own AP first, then the baseline's. */
export function relUndefinedReason(
  seg: SegmentResult,
  head: string | null,
  baseSeg: SegmentResult | undefined,
): UndefinedReason | null {
  if (seg.rel !== null) return null;
  const own = apUndefinedReason(seg, head);
  if (own !== null) return own;
  if (!baseSeg || baseSeg.ap === null) return 'baseline-undefined';
  return baseSeg.ap === 0 ? 'baseline-zero' : 'baseline-undefined';
}

/** One row of the paper's Table 1: AP on all test rows of each channel and its relative change. */
export interface Table1Row {
  readonly id: string;
  readonly label: string;
  readonly isBaseline: boolean;
  /** AP, a fraction in [0, 1]; null = undefined (see the matching reason). */
  readonly promoAp: Metric;
  readonly adAp: Metric;
  /** (model - baseline) / baseline as a fraction; null = undefined. */
  readonly promoRel: Metric;
  readonly adRel: Metric;
  readonly promoApReason: UndefinedReason | null;
  readonly adApReason: UndefinedReason | null;
}

function baselineOf(results: ExperimentResults): GroupingResult | undefined {
  return results.groupings.find((g) => g.id === results.baseline);
}

/** Table 1 rows, one per grouping in the results' order. */
export function table1Rows(results: ExperimentResults): Table1Row[] {
  return results.groupings.map((g) => ({
    id: g.id,
    label: g.label,
    isBaseline: g.id === results.baseline,
    promoAp: g.promoAp,
    adAp: g.adAp,
    promoRel: g.promoRel,
    adRel: g.adRel,
    promoApReason: apUndefinedReason(g.segments.promo.all, g.scoringHeads.promo),
    adApReason: apUndefinedReason(g.segments.ad.all, g.scoringHeads.ad),
  }));
}

/** The x-axis label of a tier, e.g. 'Tier 0' (0 = most streamed show). */
export type TierLabel = `Tier ${Tier}`;
export const tierLabel = (t: Tier): TierLabel => `Tier ${t}`;

/**
 * One tier of the uplift chart: `[groupingId]` = relative AP change vs the baseline in percent
 * (null = undefined), `[groupingId + ':undefined']` = true exactly when that value is null.
 */
export type TierUpliftRow = { readonly tier: TierLabel } & Readonly<
  Record<string, string | number | boolean | null>
>;

/** The tiers where one grouping's uplift is undefined for one reason (a caption line). */
export interface UndefinedCells {
  readonly grouping: string;
  readonly reason: UndefinedReason;
  readonly tiers: readonly TierLabel[];
}

export interface TierUpliftSeries {
  /** Tiers 0..7, always all eight. */
  readonly rows: readonly TierUpliftRow[];
  /** The non-baseline groupings (the baseline's uplift is 0 by definition), in results order. */
  readonly groupings: readonly { readonly id: string; readonly label: string }[];
  /** Every undefined (tier, grouping) cell, grouped by grouping (in order), then reason. */
  readonly undefinedCells: readonly UndefinedCells[];
}

/** Key of the "this cell is undefined" flag in a TierUpliftRow. */
export const undefinedKey = (groupingId: string): string => `${groupingId}:undefined`;

/**
 * Tier-segmented uplift for one channel: per tier 0..7 and non-baseline grouping, the relative
 * change of its AP against the baseline's AP on the same rows, in percent (rel x 100).
 */
export function tierUpliftSeries(results: ExperimentResults, channel: Source): TierUpliftSeries {
  const base = baselineOf(results);
  const others = results.groupings.filter((g) => g.id !== results.baseline);
  const undefinedCells: { grouping: string; reason: UndefinedReason; tiers: TierLabel[] }[] = [];
  const rows = TIERS.map((t) => {
    const seg = tierSegment(t);
    const row: Record<string, string | number | boolean | null> = { tier: tierLabel(t) };
    for (const g of others) {
      const cell = g.segments[channel][seg];
      row[g.id] = cell.rel === null ? null : cell.rel * 100;
      row[undefinedKey(g.id)] = cell.rel === null;
      const reason = relUndefinedReason(cell, g.scoringHeads[channel], base?.segments[channel][seg]);
      if (reason === null) continue;
      let entry = undefinedCells.find((u) => u.grouping === g.id && u.reason === reason);
      if (!entry) undefinedCells.push((entry = { grouping: g.id, reason, tiers: [] }));
      entry.tiers.push(tierLabel(t));
    }
    return row as TierUpliftRow;
  });
  const order = (id: string) => others.findIndex((g) => g.id === id);
  undefinedCells.sort((a, b) => order(a.grouping) - order(b.grouping)); // stable: reasons keep tier order
  return { rows, groupings: others.map((g) => ({ id: g.id, label: g.label })), undefinedCells };
}

export const SUMMARY_SEGMENTS = ['less-streamed', 'high-stream'] as const;
export type SummarySegment = (typeof SUMMARY_SEGMENTS)[number];

export interface SegmentSummaryRow {
  readonly id: string;
  readonly label: string;
  readonly isBaseline: boolean;
  readonly ap: Metric;
  readonly rel: Metric;
  readonly apReason: UndefinedReason | null;
  readonly relReason: UndefinedReason | null;
  /** Rows with an observed stream label, and of those the positives (same for every grouping). */
  readonly rows: number;
  readonly positives: number;
}

/** Per summary segment (less-streamed, high-stream) of one channel, every grouping's AP and rel. */
export function segmentSummaryRows(
  results: ExperimentResults,
  channel: Source,
): { readonly segment: SummarySegment; readonly rows: readonly SegmentSummaryRow[] }[] {
  const base = baselineOf(results);
  return SUMMARY_SEGMENTS.map((segment) => ({
    segment,
    rows: results.groupings.map((g) => {
      const cell = g.segments[channel][segment];
      const head = g.scoringHeads[channel];
      return {
        id: g.id,
        label: g.label,
        isBaseline: g.id === results.baseline,
        ap: cell.ap,
        rel: cell.rel,
        apReason: apUndefinedReason(cell, head),
        relReason: relUndefinedReason(cell, head, base?.segments[channel][segment]),
        rows: cell.rows,
        positives: cell.positives,
      };
    }),
  }));
}

/** A live loss point: a step of one grouping's training, then loss per task (nats per labelled row). */
export type StepLossPoint = { readonly step: number } & Readonly<Partial<Record<TaskId, number>>>;

/**
 * A loss curve ready to draw: at most `maxPoints` points, each the mean of an equal run of
 * consecutive points (x = the run's last step), and the tasks that have any value, in TASKS order.
 */
export function lossChartSeries(
  points: readonly StepLossPoint[],
  maxPoints = 300,
): { readonly rows: readonly StepLossPoint[]; readonly tasks: readonly TaskId[] } {
  const tasks = TASKS.filter((t) => points.some((p) => p[t] !== undefined));
  if (points.length <= maxPoints) return { rows: points, tasks };
  const size = Math.ceil(points.length / Math.max(1, maxPoints));
  const rows: StepLossPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const chunk = points.slice(i, i + size);
    const row: Record<string, number> = { step: chunk[chunk.length - 1].step };
    for (const t of tasks) {
      const vals = chunk.flatMap((p) => (p[t] === undefined ? [] : [p[t]]));
      if (vals.length > 0) row[t] = vals.reduce((a, b) => a + b, 0) / vals.length;
    }
    rows.push(row as StepLossPoint);
  }
  return { rows, tasks };
}

/** Validation AP of one grouping after an epoch, per channel (null = undefined AP). */
export type EpochApPoint = { readonly epoch: number } & Readonly<Partial<Record<Source, number | null>>>;

export interface ValApChartSeries {
  /** One row per epoch 1..last: `[grouping + ':' + channel]` = AP, null when undefined or not yet. */
  readonly rows: readonly Readonly<Record<string, number | null>>[];
  /** The (grouping, channel) curves that have at least one point, groupings in the given order. */
  readonly series: readonly { readonly key: string; readonly grouping: string; readonly channel: Source }[];
}

/** Merges per-grouping validation AP curves into one table keyed by epoch, for one chart. */
export function valApChartSeries(
  groupings: readonly string[],
  byGrouping: Readonly<Record<string, readonly EpochApPoint[]>>,
): ValApChartSeries {
  const last = Math.max(0, ...groupings.flatMap((g) => (byGrouping[g] ?? []).map((p) => p.epoch)));
  const rows = Array.from({ length: last }, (_, i) => ({ epoch: i + 1 }) as Record<string, number | null>);
  const series: { key: string; grouping: string; channel: Source }[] = [];
  for (const g of groupings) {
    for (const channel of SOURCES) {
      const points = (byGrouping[g] ?? []).filter((p) => channel in p);
      if (points.length === 0) continue;
      const key = `${g}:${channel}`;
      series.push({ key, grouping: g, channel });
      for (const row of rows) row[key] = null;
      for (const p of points) if (p.epoch >= 1) rows[p.epoch - 1][key] = p[channel] ?? null;
    }
  }
  return { rows, series };
}
