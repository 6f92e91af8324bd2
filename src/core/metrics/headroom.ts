/**
 * Headroom on simulated data (docs/experiments.md, "Headroom"): per channel and segment, the AP of
 * the simulator's true p(stream) on exactly the test rows a model's AP is over (the ceiling), the
 * prevalence (the floor: what a random ranking scores), and the share of that gap a model captures.
 */
import type { Source } from '../data/schema';
import { averagePrecision } from './average-precision';
import { type Headroom, type Metric, type SegmentCeiling, toMetric } from '../results/results-types';
import {
  CHANNELS,
  SEGMENT_IDS,
  type SegmentColumns,
  type SegmentId,
  type SegmentPositions,
  segmentPositions,
} from './segments';

/** Per input row columns (indexed by input row, like ResultsInput) that the ceilings need. */
export interface HeadroomInput extends SegmentColumns {
  /** Input row indices of the test rows, in the order the scores use. */
  readonly testRows: ArrayLike<number>;
  /** `stream` label per input row: 0/1, anything else (MISSING_LABEL 255) = unobserved, left out. */
  readonly stream: ArrayLike<number>;
  /** The simulator's true probability of the row's stream label, in [0, 1] (TruthColumns.pStream). */
  readonly pStream: ArrayLike<number>;
}

/**
 * The ceilings of every channel and segment: `ap` = AP (scikit-learn semantics, averagePrecision)
 * of pStream over the segment's test rows with an observed stream label, null when none of them is
 * positive; `prevalence` = positives / rows over the same rows, null when there is no such row.
 *
 * The rows are buildResults' rows exactly: the same segmentPositions split of the same test rows
 * (pass `seg` to reuse the split already made), and the same rule for unobserved labels, so a
 * ceiling and a model's AP in one segment are over one and the same set of rows.
 *
 * Why it is a ceiling: sorting by the true probability maximises expected precision at every
 * depth, so no model ranks better in expectation; on a finite sample a model can still beat it
 * by chance (a captured share above 100%), most easily in small segments.
 *
 * @throws RangeError when a kept row's pStream is NaN (as averagePrecision does for any score).
 */
export function computeHeadroom(
  input: HeadroomInput,
  seg: SegmentPositions = segmentPositions(input.testRows, input),
): Headroom {
  const m = input.testRows.length;
  // Gathered to test positions, so they align with the segment positions (as results.ts does).
  const labels = new Uint8Array(m);
  const truth = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const r = input.testRows[k];
    labels[k] = input.stream[r];
    truth[k] = input.pStream[r];
  }
  const out = {} as Record<Source, Record<SegmentId, SegmentCeiling>>;
  for (const c of CHANNELS) {
    out[c] = {} as Record<SegmentId, SegmentCeiling>;
    for (const s of SEGMENT_IDS) {
      const rows = seg[c][s];
      let observed = 0;
      let positives = 0;
      for (const k of rows) {
        if (labels[k] === 0 || labels[k] === 1) observed++;
        if (labels[k] === 1) positives++;
      }
      out[c][s] = {
        ap: toMetric(averagePrecision(truth, labels, rows)),
        prevalence: observed === 0 ? null : positives / observed,
      };
    }
  }
  return out;
}

/**
 * Share of the headroom a model's AP captures on a segment:
 *
 *   share = (AP - prevalence) / (ceiling - prevalence),
 *
 * a fraction: 0 = no better than a random ranking (whose expected AP is about the prevalence),
 * 1 = as good as the simulator's truth; below 0 worse than random, above 1 luckier than the truth
 * on this sample. Null (undefined, never 0) when any of the three is null or the ceiling does not
 * rise above the prevalence (ceiling - prevalence <= 0: no headroom to share, e.g. every row positive).
 */
export function capturedShare(ap: Metric, c: SegmentCeiling): Metric {
  if (ap === null || c.ap === null || c.prevalence === null) return null;
  const room = c.ap - c.prevalence;
  return room > 0 ? toMetric((ap - c.prevalence) / room) : null;
}

/** A captured share as a percentage with 1 decimal ('62.3%', '-4.0%'), or 'n/a' when undefined. */
export function formatShare(share: Metric): string {
  if (share === null) return 'n/a';
  const s = (share * 100).toFixed(1);
  return `${s === '-0.0' ? '0.0' : s}%`;
}

/** What the ceiling and the share are, in one caption line for tables, charts and the report. */
export const HEADROOM_NOTE =
  "Ceiling = AP of the simulator's true p(stream) on the same test rows (simulated data only; " +
  'absent for loaded files). Share of headroom captured = (AP - prevalence) / (ceiling - prevalence): ' +
  '0% = no better than a random ranking, 100% = as good as the truth. n/a = undefined, not 0.';
