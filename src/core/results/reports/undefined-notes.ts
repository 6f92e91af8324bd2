/**
 * Short lines saying which tier-uplift cells are undefined and why, for places with little room
 * (slides, the report, exported charts). Rows and positives are the same for every grouping, so
 * the same tiers are usually undefined for all of them: those collapse into one line.
 */
import { type TierUpliftSeries, UNDEFINED_REASON_TEXT } from './series';

/** 'all groupings: Tier 6, Tier 7 (no test rows)', one line per distinct (tiers, reason). */
export function undefinedNotes(series: TierUpliftSeries): string[] {
  const byKey = new Map<string, { tiers: string; reason: string; groupings: string[] }>();
  for (const c of series.undefinedCells) {
    const tiers = c.tiers.join(', ');
    const key = `${tiers}|${c.reason}`;
    const entry = byKey.get(key) ?? { tiers, reason: UNDEFINED_REASON_TEXT[c.reason], groupings: [] };
    entry.groupings.push(c.grouping);
    byKey.set(key, entry);
  }
  const all = series.groupings.length;
  return [...byKey.values()].map((e) => {
    const who = e.groupings.length === all && all > 1 ? 'all groupings' : e.groupings.join(', ');
    return `${who}: ${e.tiers} (${e.reason})`;
  });
}
