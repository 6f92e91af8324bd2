/**
 * The dataset summary as rows ready to display, as pure functions (tested in Node): counts per
 * day with each day's split, label rates as text, tiers and how they were derived, feature
 * columns by group. Components only map these rows to table cells.
 */
import type { DatasetSummary, LabelRate, SplitName } from '../../core/data/dataset-summary';
import { FEATURE_GROUPS, type FeatureGroup, LABELS, type LabelName, TASKS } from '../../core/data/schema';
import { type TierHow, SHOW_STREAM_TIER_THRESHOLDS } from '../../core/data/tiers';

/** A count with thousands separators. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** A rate in [0, 1] as a percentage, or an em dash when undefined (nothing observed). */
export function pct(rate: number | null, digits = 2): string {
  return rate === null ? '—' : `${(100 * rate).toFixed(digits)}%`;
}

/** "YYYY-MM-DD" for a day index when the file had dates, else "day N". */
export function dayLabel(day: number, dayZeroDate: string | null): string {
  if (dayZeroDate === null) return `day ${day}`;
  const t = Date.parse(`${dayZeroDate}T00:00:00Z`);
  if (Number.isNaN(t)) return `day ${day}`;
  return new Date(t + day * 86_400_000).toISOString().slice(0, 10);
}

export interface DayRow {
  readonly day: number;
  readonly label: string;
  readonly split: SplitName | null;
  readonly promo: number;
  readonly ad: number;
}

/** Rows per day and source, with the split each day fell in (null when there is no split). */
export function dayRows(s: DatasetSummary): DayRow[] {
  const splitOf = new Map<number, SplitName>();
  if (s.split)
    for (const name of ['train', 'val', 'test'] as const)
      for (const d of s.split[name].days) splitOf.set(d, name);
  return s.rowsByDay.map((r) => ({
    ...r,
    label: dayLabel(r.day, s.dayZeroDate),
    split: splitOf.get(r.day) ?? null,
  }));
}

export interface LabelRow {
  readonly label: LabelName;
  /** The heads that learn from this label column. */
  readonly tasks: string;
  readonly promo: string;
  readonly ad: string;
}

/** "3.10% (31/1,000)": the positive rate over the rows where the label was observed. */
export function rateText(r: LabelRate): string {
  return r.observed === 0
    ? '— (not observed)'
    : `${pct(r.rate)} (${count(r.positives)}/${count(r.observed)})`;
}

/** Positive rate per label column and source. */
export function labelRows(s: DatasetSummary): LabelRow[] {
  return LABELS.map((label) => ({
    label,
    tasks: TASKS.filter((t) => (label === 'stream' ? t.endsWith('_stream') : t === label)).join(', '),
    promo: rateText(s.labelRates[label].promo),
    ad: rateText(s.labelRates[label].ad),
  }));
}

/** The band of a tier (spec: 0-2 high-stream, 3-5 low-stream, 6-7 new or near-zero). */
export function tierBand(tier: number): 'high' | 'low' | 'new' {
  return tier <= 2 ? 'high' : tier <= 5 ? 'low' : 'new';
}

const HOW_TEXT: Record<TierHow, string> = {
  given: "the file's stream_tier column",
  show_streams_30d: `show_streams_30d by fixed thresholds (tier 0 from ${count(SHOW_STREAM_TIER_THRESHOLDS[0])} streams, tier 2 from ${count(SHOW_STREAM_TIER_THRESHOLDS[2])}, tier 7 below ${count(SHOW_STREAM_TIER_THRESHOLDS[6])})`,
  'training-counts': "each show's stream count in the training days (rank-based, 8 tiers)",
};

/** One sentence on how tiers were derived, with the row counts when methods were mixed. */
export function tierHowText(tiers: DatasetSummary['tiers']): string {
  const used = (Object.keys(tiers.rowsByHow) as TierHow[]).filter((h) => tiers.rowsByHow[h] > 0);
  if (used.length <= 1) return `Tiers come from ${HOW_TEXT[used[0] ?? tiers.how]}.`;
  return `Tiers come from ${used.map((h) => `${HOW_TEXT[h]} for ${count(tiers.rowsByHow[h])} rows`).join('; ')}.`;
}

const GROUP_TITLE: Record<FeatureGroup, string> = {
  user: 'User signals',
  content: 'Show and episode',
  context: 'Context',
  creative: 'Creative',
};

/** Feature columns per group (all four groups, possibly empty), with the group's title. */
export function featureGroups(s: DatasetSummary) {
  return FEATURE_GROUPS.map((group) => ({ group, title: GROUP_TITLE[group], columns: s.features[group] }));
}
