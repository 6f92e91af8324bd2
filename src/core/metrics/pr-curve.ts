/**
 * Step precision-recall curve, as scikit-learn's precision_recall_curve, thinned to a bounded
 * number of points for charts and the results JSON.
 */
import { rankPositions } from './bootstrap';
import type { PrCurve } from '../results/rigor-types';

/**
 * The precision-recall curve of `scores` against 0/1 `labels` over `positions` (rows whose label
 * is neither 0 nor 1, e.g. 255 = missing, are skipped). One point per distinct score t (ties are
 * one threshold), taken by descending t so recall ascends:
 *   recall(t) = TP(t) / P,   precision(t) = TP(t) / (TP(t) + FP(t)),
 * counting the kept rows scored >= t, P the number of kept positives. These are exactly the points
 * of sklearn's precision_recall_curve (drop_intermediate=False) without the appended
 * (recall 0, precision 1) point: the curve starts at the highest threshold, nothing is invented.
 * Both are unitless fractions in [0, 1].
 *
 * Thinning, when there are more than `maxPoints` thresholds: keep the first and the last threshold,
 * and for each recall level L_j = j / (maxPoints - 2), j = 1 .. maxPoints - 2, the first threshold
 * whose recall reaches L_j (duplicates merged, so at most maxPoints points). Every kept point is a
 * true point of the curve, in order; recall steps are kept to within 1 / (maxPoints - 2), while
 * the precision drops inside a flat-recall run show only through that run's first point and,
 * for the full-recall tail, the last threshold.
 *
 * @returns the curve, or null when no kept row is positive.
 * @throws RangeError on a NaN score, a position out of range, or maxPoints < 2.
 */
export function prCurve(
  scores: Float32Array,
  labels: Uint8Array,
  positions: ArrayLike<number>,
  maxPoints = 200,
): PrCurve | null {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) {
    throw new RangeError(`prCurve: maxPoints must be an integer >= 2, got ${maxPoints}`);
  }
  const kept: number[] = [];
  let nPos = 0;
  for (let k = 0; k < positions.length; k++) {
    const y = labels[positions[k]];
    if (y === 1) nPos++;
    if (y === 0 || y === 1) kept.push(positions[k]);
  }
  if (nPos === 0) return null;

  // TP and FP at the end of each tie group = at each distinct threshold, descending.
  const { order, tieEnd } = rankPositions(scores, kept);
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]] === 1) tp++;
    else fp++;
    if (tieEnd[k] === 1) {
      tps.push(tp);
      fps.push(fp);
    }
  }

  const n = tps.length;
  let keep: number[];
  if (n <= maxPoints) keep = tps.map((_, i) => i);
  else {
    keep = [0];
    const levels = maxPoints - 2;
    let i = 0;
    for (let j = 1; j <= levels; j++) {
      // First threshold with recall >= j / levels, compared in integers: TP * levels >= j * P.
      while (i < n - 1 && tps[i] * levels < j * nPos) i++;
      if (i !== keep[keep.length - 1]) keep.push(i);
    }
    if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
  }
  return {
    recall: keep.map((i) => tps[i] / nPos),
    precision: keep.map((i) => tps[i] / (tps[i] + fps[i])),
  };
}
