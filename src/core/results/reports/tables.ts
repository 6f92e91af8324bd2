/**
 * Plain-text tables of a results object for the CLI: the paper's Table 1 and the per-tier uplift.
 */
import { SOURCE_LABEL } from '../../data/schema';
import type { ExperimentResults, Metric } from '../results-types';
import { SEGMENT_IDS } from '../../metrics/segments';
import { formatRel } from '../../format/percent';

const NA = 'n/a';
/** Segments of the tier table: tiers 0..7, then less-streamed and high-stream ('all' is Table 1). */
const TIER_TABLE_SEGMENTS = SEGMENT_IDS.filter((s) => s !== 'all');

/** An AP with 4 decimals, or 'n/a' when undefined. */
export function formatAp(ap: Metric): string {
  return ap === null ? NA : ap.toFixed(4);
}

/** Re-exported: reports and the CLI read it from here with formatAp. */
export { formatRel } from '../../format/percent';

/** Left-aligns the first column, right-aligns the others, two spaces between columns. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * Table 1 of the paper for these results: per grouping, the AP on all promotion test rows and on
 * all ad test rows (each scored by the channel's scoring head) and each AP's relative change
 * against the baseline grouping. APs with 4 decimals, relative changes as signed percentages,
 * 'n/a' where undefined.
 */
export function formatTable1(results: ExperimentResults): string {
  const rows = results.groupings.map((g) => [
    g.id === results.baseline ? `${g.id} (baseline)` : g.id,
    formatAp(g.promoAp),
    formatRel(g.promoRel),
    formatAp(g.adAp),
    formatRel(g.adRel),
  ]);
  const table = textTable(['Grouping', 'Promotions AP', 'rel', 'Ads AP', 'rel'], rows);
  return `${table}\nrel = AP relative to ${results.baseline} on the same rows; n/a = undefined.`;
}

/**
 * Per-segment relative AP change against the baseline, one block per channel (Promotions, then
 * Ads): rows are tiers 0..7, less-streamed and high-stream; columns the non-baseline groupings,
 * then the baseline's AP (4 decimals) and the segment's test rows and positives, for context. Signed percentages, 'n/a' where undefined.
 */
export function formatTierTable(results: ExperimentResults): string {
  const others = results.groupings.filter((g) => g.id !== results.baseline);
  const base = results.groupings.find((g) => g.id === results.baseline) ?? results.groupings[0];
  const blocks = (['promo', 'ad'] as const).map((c) => {
    const rows = TIER_TABLE_SEGMENTS.map((s) => {
      const cells = others.map((g) => formatRel(g.segments[c][s].rel));
      // Rows and positives depend only on the data, so any grouping's counts will do.
      const b = base?.segments[c][s];
      return [s, ...cells, b ? formatAp(b.ap) : NA, String(b?.rows ?? 0), String(b?.positives ?? 0)];
    });
    const header = ['Segment', ...others.map((g) => g.id), `${results.baseline} AP`, 'rows', 'positives'];
    return `${SOURCE_LABEL[c]}: AP relative to ${results.baseline}\n${textTable(header, rows)}`;
  });
  return `${blocks.join('\n\n')}\n\nn/a = undefined (no positive in the segment, or baseline AP undefined or 0).`;
}
