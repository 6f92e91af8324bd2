/**
 * Average precision with exactly scikit-learn's `average_precision_score` semantics (binary,
 * unweighted), fast enough for millions of rows.
 */

/**
 * Average precision (AP) of `scores` against binary `labels`, as scikit-learn's
 * `average_precision_score(y_true, y_score)`:
 *
 *   AP = sum over thresholds n of (R_n - R_(n-1)) * P_n,   R_0 = 0,
 *
 * where the thresholds are the distinct score values taken in descending order, so rows with
 * tied scores form ONE threshold (their order never matters), and at threshold n
 * P_n = TP_n / (TP_n + FP_n) and R_n = TP_n / (number of positives), counting the rows whose
 * score is >= that threshold. No interpolation. The result is a fraction in [0, 1] (unitless);
 * it equals sklearn's value up to floating-point summation order (about 1e-15).
 *
 * Rows: every index i in `rows` (default: 0 .. scores.length - 1) indexes both `scores` and
 * `labels`. A repeated index counts as repeated rows, which is exactly what a bootstrap resample
 * needs (AP of the resampled arrays).
 *
 * Labels: 1 = positive, 0 = negative; any other value (e.g. MISSING_LABEL = 255) marks an
 * unobserved label and the row is skipped, as the spec leaves missing labels out of metrics.
 *
 * Scores: any finite or infinite number; +0 and -0 are one tie (as numpy's `diff` sees them).
 * NaN throws a RangeError, as sklearn rejects NaN input: a NaN score is a training failure to
 * surface, not a value to rank.
 *
 * @returns the AP, or undefined when no kept row is positive (including no rows at all): sklearn
 *   warns and returns a meaningless value there, and the spec reports it as undefined.
 * @throws RangeError when `scores` and `labels` differ in length, a row index is out of range,
 *   or a kept row's score is NaN.
 */
export function averagePrecision(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  rows?: ArrayLike<number>,
): number | undefined {
  const n = scores.length;
  if (labels.length !== n) {
    throw new RangeError(`averagePrecision: ${n} scores but ${labels.length} labels`);
  }
  const m = rows === undefined ? n : rows.length;

  // Pass 1: count kept positives and negatives so both score lists get exact-size typed arrays.
  let nPos = 0;
  let nNeg = 0;
  for (let k = 0; k < m; k++) {
    const i = rows === undefined ? k : rows[k];
    const y = labels[i];
    if (y === 1) nPos++;
    else if (y === 0) nNeg++;
    else if (y === undefined) throw new RangeError(`averagePrecision: row ${i} is out of range 0..${n - 1}`);
  }
  if (nPos === 0) return undefined;

  // Pass 2: split the scores by label. Ties make order within a threshold irrelevant, so we
  // need no index sort with a comparator closure: two native numeric sorts are enough.
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let p = 0;
  let q = 0;
  for (let k = 0; k < m; k++) {
    const i = rows === undefined ? k : rows[k];
    const y = labels[i];
    if (y !== 1 && y !== 0) continue;
    const s = scores[i];
    if (Number.isNaN(s)) throw new RangeError(`averagePrecision: score of row ${i} is NaN`);
    if (y === 1) pos[p++] = s;
    else neg[q++] = s;
  }
  pos.sort();
  neg.sort();

  // Walk both ascending arrays from the top: each step consumes one distinct score value (one
  // threshold) from both. `===` groups -0 with +0, which the typed sort keeps adjacent.
  let i = nPos - 1;
  let j = nNeg - 1;
  let tp = 0;
  let fp = 0;
  let ap = 0;
  let prevRecall = 0;
  // Once every positive is counted, later thresholds add no recall and so nothing to the sum.
  while (i >= 0) {
    const v = j >= 0 && neg[j] > pos[i] ? neg[j] : pos[i];
    const tpBefore = tp;
    while (i >= 0 && pos[i] === v) {
      tp++;
      i--;
    }
    while (j >= 0 && neg[j] === v) {
      fp++;
      j--;
    }
    if (tp !== tpBefore) {
      // Same per-term expression as sklearn (recall difference times precision) for rounding.
      const recall = tp / nPos;
      ap += (recall - prevRecall) * (tp / (tp + fp));
      prevRecall = recall;
    }
  }
  return ap;
}
