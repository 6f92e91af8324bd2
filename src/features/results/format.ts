/**
 * Cell texts of the results tables (pure; tested in Node). An undefined metric always says so
 * and why, never 0.
 */
import { formatShare } from '../../core/metrics/headroom';
import type { Metric, SegmentCeiling } from '../../core/results/results-types';
import { UNDEFINED_REASON_TEXT, type UndefinedReason } from '../../core/results/reports/series';
import { formatAp, formatRel } from '../../core/results/reports/tables';

/** An AP with 4 decimals, or 'n/a — <reason>' when undefined. */
export function apCellText(ap: Metric, reason: UndefinedReason | null): string {
  return ap === null ? `n/a — ${UNDEFINED_REASON_TEXT[reason ?? 'no-positive']}` : formatAp(ap);
}

/** A relative change as a signed percentage with 1 decimal ('+4.5%', '-65.2%'), or 'n/a'. */
export function relCellText(rel: Metric): string {
  return formatRel(rel);
}

/** The value of an AP cell's data-ap attribute: the full-precision AP, or 'n/a' when undefined. */
export function apDataAttr(ap: Metric): string {
  return ap === null ? 'n/a' : String(ap);
}

export const SEGMENT_TITLE = {
  'less-streamed': 'Less-streamed creators',
  'high-stream': 'High-stream creators (tiers 0-2)',
} as const;

/** 'n rows, p positives (positive rate r%)', the context a segment's AP needs. */
export function segmentSizeText(rows: number, positives: number): string {
  if (rows === 0) return 'no test rows';
  const rate = ((100 * positives) / rows).toFixed(2);
  return `${rows.toLocaleString('en-US')} rows, ${positives.toLocaleString('en-US')} positives (rate ${rate}%)`;
}

/**
 * Where a run's data came from, from the config stored in its results (typed as unknown there,
 * so every field is checked): 'simulated data (seed 7)', 'mine.csv', or the dataset URL.
 */
export function dataSourceText(config: unknown): string {
  const c = config as { seed?: unknown; data?: { kind?: unknown; name?: unknown; url?: unknown } } | null;
  const data = c?.data;
  if (data?.kind === 'file' && typeof data.name === 'string') return data.name;
  if (data?.kind === 'url' && typeof data.url === 'string') return data.url;
  if (data?.kind === 'sim')
    return typeof c?.seed === 'number' ? `simulated data (seed ${c.seed})` : 'simulated data';
  return 'unknown data';
}

/** A ceiling's AP, or 'n/a — <reason>' (no test rows, or no positive among them). */
export function ceilingCellText(c: SegmentCeiling): string {
  return apCellText(c.ap, c.prevalence === null ? 'no-rows' : 'no-positive');
}

/** A segment's prevalence (positives / rows, 4 decimals), or 'n/a — no test rows'. */
export function prevalenceCellText(c: SegmentCeiling): string {
  return c.prevalence === null ? `n/a — ${UNDEFINED_REASON_TEXT['no-rows']}` : formatAp(c.prevalence);
}

/**
 * A captured share of headroom as a percentage ('62.3%'), or 'n/a — <why>': the segment's ceiling
 * or prevalence is undefined, the grouping's AP is, or the ceiling is not above the prevalence.
 */
export function shareCellText(share: Metric, ap: Metric, c: SegmentCeiling): string {
  if (share !== null) return formatShare(share);
  if (c.prevalence === null) return `n/a — ${UNDEFINED_REASON_TEXT['no-rows']}`;
  if (c.ap === null) return `n/a — ${UNDEFINED_REASON_TEXT['no-positive']}`;
  if (ap === null) return 'n/a — AP undefined';
  return 'n/a — no headroom (ceiling not above prevalence)';
}

/** How to read a captured share, for the captions under the headroom tables. */
export const SHARE_READING =
  'Below 0% = worse than a random ranking; above 100% = ahead of the truth on this sample, which ' +
  'chance allows, most of all in small segments.';
