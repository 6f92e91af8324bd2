/**
 * What the history and compare panels show, as pure functions of the stored runs (tested in
 * Node): headline APs, durations, which runs are compared against which, and cell texts.
 */
import type { Source } from '../../core/data/schema';
import type { Metric } from '../../core/results/results-types';
import { CHANNELS, type SegmentId } from '../../core/metrics/segments';
import { formatAp, formatRel } from '../../core/results/reports/tables';
import type { RecordOf, RunRecord } from '../../store/history-record';
import { comparesGroupings } from '../../core/results/study-results';

export const SEGMENT_NAME: Partial<Record<SegmentId, string>> = {
  all: 'all',
  'less-streamed': 'less-streamed',
  'high-stream': 'high-stream',
};
export const segmentName = (s: SegmentId): string => SEGMENT_NAME[s] ?? s.replace('tier', 'tier ');

export interface Headline {
  readonly channel: Source;
  /** The best AP of the run on the channel's test rows; null when no grouping has one. */
  readonly ap: Metric;
  readonly grouping: string | null;
}

/** Per channel, the best AP over the run's groupings and which grouping got it. */
export function headlines(run: RunRecord): Headline[] {
  if (run.kind === 'cold-start') return [];
  return CHANNELS.map((channel) => {
    let best: Headline = { channel, ap: null, grouping: null };
    for (const g of run.results.groupings) {
      const ap = channel === 'promo' ? g.promoAp : g.adAp;
      if (ap !== null && (best.ap === null || ap > best.ap)) best = { channel, ap, grouping: g.id };
    }
    return best;
  });
}

/** An absolute AP change with its sign and 4 decimals ('+0.0123'), or 'n/a' when undefined. */
export function deltaText(delta: Metric): string {
  if (delta === null) return 'n/a';
  const s = delta.toFixed(4);
  if (/^-?0\.0000$/.test(s)) return '±0.0000';
  return delta > 0 ? `+${s}` : s;
}

export const apText = formatAp;
export const relText = formatRel;

export interface Comparison {
  /** The columns: the reference run first, then the other ticked runs, newest first. */
  readonly runs: readonly RecordOf<'comparison' | 'tuning'>[];
  readonly referenceId: string;
  /** Whether the reference is the pinned baseline (else the oldest ticked run stands in). */
  readonly pinned: boolean;
}

/**
 * The comparisons to compare: the ticked ones plus the pinned baseline (ticked or not), since deltas
 * are against it; with nothing pinned, the oldest ticked run is the reference. Null until there
 * are two runs to put side by side.
 */
export function comparison(all: readonly RunRecord[], compareIds: readonly string[]): Comparison | null {
  // The AP table compares comparisons (tuned ones too: their results are a comparison's); grids are side by side arm by arm (grid-compare-view.ts)
  // and cold starts overlaid (cold-start-overlay.ts). A pinned study of another kind is no reference.
  const runs = all.filter((r): r is RecordOf<'comparison' | 'tuning'> => comparesGroupings(r.kind));
  const ticked = runs.filter((r) => compareIds.includes(r.id));
  const pinned = runs.find((r) => r.pinned);
  const reference = pinned ?? ticked[ticked.length - 1];
  if (!reference) return null;
  const others = ticked.filter((r) => r.id !== reference.id);
  if (others.length === 0) return null;
  return { runs: [reference, ...others], referenceId: reference.id, pinned: reference === pinned };
}

/** Says so when the compared runs trained on different datasets (by fingerprint), else null. */
export function datasetNote(runs: readonly RunRecord[]): string | null {
  const prints = new Set(runs.map((r) => r.datasetFingerprint ?? 'unknown'));
  if (prints.size < 2) return null;
  return `These runs trained on different datasets (fingerprints ${[...prints].map((p) => p.slice(0, 8)).join(', ')}): differences mix data and model.`;
}
