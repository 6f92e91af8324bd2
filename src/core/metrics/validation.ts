/**
 * Validation AP per channel, the model-selection signal: for each channel a grouping trains on,
 * AP of that channel's validation rows scored by the channel's scoring head (scoringHead).
 */
import type { Grouping } from '../config/experiment';
import { scoringHead } from '../config/groupings';
import { LABELS, type LabelName, SOURCES, type Source, TASK_LABEL, type TaskId } from '../data/schema';
import { averagePrecision } from './average-precision';

export interface ValidationRows {
  /** Labels per validation position (aligned with the scores); 255 = missing. */
  readonly labels: Readonly<Record<LabelName, Uint8Array>>;
  /** Validation positions of each channel's rows. */
  readonly positions: Readonly<Record<Source, Int32Array>>;
}

/** Gathers the labels of `valRows` and splits their positions by source code (0 promo, 1 ad). */
export function validationRows(
  valRows: Int32Array,
  source: Uint8Array,
  labels: Readonly<Record<LabelName, Uint8Array>>,
): ValidationRows {
  const gathered = Object.fromEntries(
    LABELS.map((l) => [l, Uint8Array.from(valRows, (r) => labels[l][r])]),
  ) as Record<LabelName, Uint8Array>;
  const promo: number[] = [];
  const ad: number[] = [];
  valRows.forEach((r, k) => (source[r] === 1 ? ad : promo).push(k));
  return { labels: gathered, positions: { promo: Int32Array.from(promo), ad: Int32Array.from(ad) } };
}

/** AP per channel in g.trainsOn (undefined when the channel has no positive). */
export function channelAps(
  g: Pick<Grouping, 'heads' | 'trainsOn'>,
  scores: Partial<Record<TaskId, Float32Array>>,
  val: ValidationRows,
): Partial<Record<Source, number | undefined>> {
  const out: Partial<Record<Source, number | undefined>> = {};
  for (const channel of g.trainsOn) {
    const head = scoringHead(g, channel);
    const s = head && scores[head];
    if (s) out[channel] = averagePrecision(s, val.labels.stream, val.positions[channel]);
  }
  return out;
}

/**
 * AP of every head over the validation positions its loss mask keeps (m[source][t] = 1); rows
 * whose label is missing are skipped by averagePrecision. Undefined when no positive.
 */
export function taskAps(
  g: Pick<Grouping, 'heads' | 'mask'>,
  scores: Partial<Record<TaskId, Float32Array>>,
  val: ValidationRows,
): Partial<Record<TaskId, number | undefined>> {
  const out: Partial<Record<TaskId, number | undefined>> = {};
  for (const t of g.heads) {
    const s = scores[t];
    if (!s) continue;
    const kept = SOURCES.filter((src) => g.mask[src][t] === 1).flatMap((src) =>
      Array.from(val.positions[src]),
    );
    out[t] = averagePrecision(s, val.labels[TASK_LABEL[t]], kept);
  }
  return out;
}

/** Mean of the defined channel APs; undefined when none is defined. Higher is better. */
export function selectionScore(aps: Partial<Record<Source, number | undefined>>): number | undefined {
  const defined = Object.values(aps).filter((x): x is number => x !== undefined);
  return defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : undefined;
}
