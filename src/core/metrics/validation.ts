/**
 * Validation AP per channel, the model-selection signal: for each channel a grouping trains on,
 * AP of that channel's validation rows scored by the channel's scoring head (scoringHead).
 */
import type { Grouping } from '../config/experiment';
import { scoringHead } from '../config/groupings';
import type { Source, TaskId } from '../data/schema';
import { averagePrecision } from './average-precision';

export interface ValidationRows {
  /** `stream` label per validation position (aligned with the scores). */
  readonly stream: Uint8Array;
  /** Validation positions of each channel's rows. */
  readonly positions: Readonly<Record<Source, Int32Array>>;
}

/** Gathers the stream labels of `valRows` and splits their positions by source code (0 promo, 1 ad). */
export function validationRows(valRows: Int32Array, source: Uint8Array, stream: Uint8Array): ValidationRows {
  const labels = new Uint8Array(valRows.length);
  const promo: number[] = [];
  const ad: number[] = [];
  valRows.forEach((r, k) => {
    labels[k] = stream[r];
    (source[r] === 1 ? ad : promo).push(k);
  });
  return { stream: labels, positions: { promo: Int32Array.from(promo), ad: Int32Array.from(ad) } };
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
    if (s) out[channel] = averagePrecision(s, val.stream, val.positions[channel]);
  }
  return out;
}

/** Mean of the defined channel APs; undefined when none is defined. Higher is better. */
export function selectionScore(aps: Partial<Record<Source, number | undefined>>): number | undefined {
  const defined = Object.values(aps).filter((x): x is number => x !== undefined);
  return defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : undefined;
}
