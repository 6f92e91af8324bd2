/**
 * Paired bootstrap over test rows of the difference in seed-mean average precision (AP) between a
 * model and a baseline, with the pieces it is built from: a one-off ranking of rows by score and
 * an O(n) weighted AP on that ranking, so a resample never sorts.
 */
import type { Rng } from '../data/rng';
import { type Metric, toMetric } from '../results/results-types';
import { type PairedBootstrap, RIGOR_SEGMENTS, type RigorSegment } from '../results/rigor-types';

/** Positions ranked by score, descending; `tieEnd[k] = 1` when order[k] closes a tie group. */
export interface Ranked {
  readonly order: Int32Array;
  readonly tieEnd: Uint8Array;
}

/**
 * Sorts `positions` by `scores[position]` descending (ties keep the input order) and marks where
 * each group of equal scores ends (+0 and -0 are one tie). O(n log n).
 * @throws RangeError on a position outside `scores` or a NaN score.
 */
export function rankPositions(scores: Float32Array, positions: ArrayLike<number>): Ranked {
  const m = positions.length;
  const s = new Float64Array(m);
  const idx = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const v = scores[positions[k]] as number | undefined;
    if (v === undefined) throw new RangeError(`rankPositions: position ${positions[k]} is out of range`);
    if (Number.isNaN(v)) throw new RangeError(`rankPositions: score at position ${positions[k]} is NaN`);
    s[k] = v;
    idx[k] = k;
  }
  idx.sort((a, b) => (s[b] > s[a] ? 1 : s[b] < s[a] ? -1 : a - b));
  const order = new Int32Array(m);
  const tieEnd = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    order[k] = positions[idx[k]];
    tieEnd[k] = k === m - 1 || s[idx[k + 1]] !== s[idx[k]] ? 1 : 0;
  }
  return { order, tieEnd };
}

/**
 * AP (scikit-learn's average_precision_score: sum over distinct thresholds of (R_n - R_(n-1)) * P_n,
 * ties one threshold) of the dataset in which position p appears weights[p] times. With
 * TP_n = sum of weights of positives scored >= threshold n (FP_n likewise for negatives) and
 * P = total positive weight: R_n = TP_n / P, P_n = TP_n / (TP_n + FP_n). Labels other than 0/1
 * (255 = missing) are never counted. Weights are non-negative counts, indexed like `labels`.
 * O(n) in the ranked length; no sort.
 * @returns the AP in [0, 1], or undefined when the weighted positive count is 0.
 */
export function weightedAp(
  ranked: Ranked,
  labels: Uint8Array,
  weights: ArrayLike<number>,
): number | undefined {
  const { order, tieEnd } = ranked;
  const counts = Int32Array.from(weights);
  // Rows without a 0/1 label count for nothing: drop them, and let a tie group end at its last
  // labelled row (a group with none leaves the flag on the previous group's end, already set).
  const kept: number[] = [];
  const code: number[] = [];
  let nPos = 0;
  for (let k = 0; k < order.length; k++) {
    const y = labels[order[k]];
    if (y === 0 || y === 1) {
      kept.push(order[k]);
      code.push(y);
      if (y === 1) nPos += counts[order[k]];
    }
    if (tieEnd[k] === 1 && code.length > 0) code[code.length - 1] |= 2;
  }
  return apCounts({ order: Int32Array.from(kept), code: Uint8Array.from(code) }, counts, nPos);
}

/**
 * One seed's ranking of labelled rows for the resample loop: order[k] (a position) and
 * code[k] = label of order[k] (0 or 1) | 2 when order[k] closes a tie group.
 */
interface RankedCodes {
  readonly order: Int32Array;
  readonly code: Uint8Array;
}

function rankedCodes(scores: Float32Array, kept: Int32Array, labels: Uint8Array): RankedCodes {
  const { order, tieEnd } = rankPositions(scores, kept);
  return { order, code: Uint8Array.from(order, (p, k) => labels[p] | (tieEnd[k] << 1)) };
}

/**
 * weightedAp's sum over a ranking of 0/1-labelled rows with integer counts (the resample loop's
 * hot path): one code byte per rank for the label and the tie flag, and the counts always an
 * Int32Array, so the load sees one element kind. tp and fp are sums of integers, exact in any
 * order; each term is averagePrecision's (and sklearn's) expression, for identical rounding.
 */
function apCounts(r: RankedCodes, weights: Int32Array, nPos: number): number | undefined {
  if (!(nPos > 0)) return undefined;
  const { order, code } = r;
  let tp = 0;
  let fp = 0;
  let tpLast = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let k = 0; k < order.length; k++) {
    const c = code[k];
    const w = weights[order[k]];
    if ((c & 1) === 1) tp += w;
    else fp += w;
    if (c > 1 && tp !== tpLast) {
      const recall = tp / nPos;
      ap += (recall - prevRecall) * (tp / (tp + fp));
      prevRecall = recall;
      tpLast = tp;
      if (tp === nPos) break; // later thresholds add no recall
    }
  }
  return ap;
}

/**
 * Quantile of ascending `sorted` at fraction q in [0, 1] by numpy's default 'linear' method
 * (Hyndman-Fan type 7): h = (n - 1) q, result = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]),
 * evaluated with numpy's `_lerp` (from the upper end when the fraction is >= 0.5).
 * Example: [1, 2, 3, 4] at q = 0.025 gives 1 + 0.075 * 1 = 1.075.
 * @throws RangeError when `sorted` is empty or q is outside [0, 1].
 */
export function quantileLinear(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileLinear: no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileLinear: q must be in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const i = Math.min(Math.floor(h), n - 1);
  const j = Math.min(i + 1, n - 1);
  const t = h - i;
  const a = sorted[i];
  const d = sorted[j] - a;
  return t >= 0.5 ? sorted[j] - d * (1 - t) : a + d * t;
}

export interface PairedBootstrapArgs {
  /** 0/1 labels by test position (255 = missing, skipped). */
  readonly labels: Uint8Array;
  /** The channel's test positions; each resample draws universe.length of them with replacement. */
  readonly universe: Int32Array;
  /** Each segment's positions (a subset of `universe`). */
  readonly segments: Readonly<Record<RigorSegment, Int32Array>>;
  /** Scores by test position, one array per seed. */
  readonly model: readonly Float32Array[];
  readonly baseline: readonly Float32Array[];
  /** Number of resamples B (0 = observed values only). */
  readonly resamples: number;
  readonly rng: Rng;
}

/** Mean over seeds of the weighted AP (nPos = the segment's positive weight); undefined if nPos = 0. */
function meanAp(lists: readonly RankedCodes[], weights: Int32Array, nPos: number): number | undefined {
  let sum = 0;
  for (const r of lists) {
    const ap = apCounts(r, weights, nPos);
    if (ap === undefined) return undefined;
    sum += ap;
  }
  return sum / lists.length;
}

const relOf = (m: number | undefined, b: number | undefined): number | undefined =>
  m === undefined || b === undefined || b === 0 ? undefined : m / b - 1;

/** 2.5th / 97.5th percentiles of the first n values (sorted in place), or nulls when n = 0. */
function bounds(xs: Float64Array, n: number): [Metric, Metric] {
  if (n === 0) return [null, null];
  const v = xs.subarray(0, n).sort();
  return [toMetric(quantileLinear(v, 0.025)), toMetric(quantileLinear(v, 0.975))];
}

/**
 * Paired bootstrap of d = meanAP(model) - meanAP(baseline) on each segment, meanAP being the mean
 * over seeds of weightedAp. Resample b draws universe.length positions uniformly with replacement
 * from `universe` (rng.nextInt, in that order) into multinomial counts w_b[p]; the same w_b serves
 * every seed, both models and every segment (paired). Observed values use w = 1.
 *   lo, hi = 2.5th / 97.5th percentiles (quantileLinear) of the d_b over the B' resamples where
 *   both meanAPs are defined; relLo, relHi likewise for rel_b = meanAP_m / meanAP_b - 1;
 *   p = min(1, 2 min(a, b)), a = (1 + #{d_b <= 0}) / (1 + B'), b = (1 + #{d_b >= 0}) / (1 + B').
 * With B' = 0 (or resamples = 0) lo, hi, relLo, relHi and p are null.
 * Cost: ranking once, O(S (|model| + |baseline|) n log n) for S segments of n rows; then each
 * resample is O(U) to draw U = universe.length counts plus O(n) per ranked list, with no sort:
 * O(B (U + S (|model| + |baseline|) n)) in all, plus O(B log B) for the percentiles.
 * @throws RangeError when resamples is not a non-negative integer or a model has no seed.
 */
export function pairedBootstrap(args: PairedBootstrapArgs): Record<RigorSegment, PairedBootstrap> {
  const { labels, universe, segments, model, baseline, resamples, rng } = args;
  if (!Number.isInteger(resamples) || resamples < 0) {
    throw new RangeError(`pairedBootstrap: resamples must be a non-negative integer, got ${resamples}`);
  }
  if (model.length === 0 || baseline.length === 0)
    throw new RangeError('pairedBootstrap: need >= 1 seed a side');
  // Per segment: its labelled positives (for the positive weight) and each seed's ranking.
  const ranked = RIGOR_SEGMENTS.map((s) => {
    const kept = segments[s].filter((p) => labels[p] === 0 || labels[p] === 1);
    const rank = (x: Float32Array) => rankedCodes(x, kept, labels);
    return { pos: kept.filter((p) => labels[p] === 1), m: model.map(rank), b: baseline.map(rank) };
  });
  const weights = new Int32Array(labels.length);
  const stat = (s: number) => {
    const { pos, m, b } = ranked[s];
    let nPos = 0;
    for (let k = 0; k < pos.length; k++) nPos += weights[pos[k]];
    const mm = meanAp(m, weights, nPos);
    return [mm, mm === undefined ? undefined : meanAp(b, weights, nPos)] as const;
  };
  for (let k = 0; k < universe.length; k++) weights[universe[k]] = 1;
  const observed = ranked.map((_, s) => stat(s));

  const nSeg = RIGOR_SEGMENTS.length;
  const diffs = RIGOR_SEGMENTS.map(() => new Float64Array(resamples));
  const rels = RIGOR_SEGMENTS.map(() => new Float64Array(resamples));
  const nDiff = new Int32Array(nSeg);
  const nRel = new Int32Array(nSeg);
  const u = universe.length;
  for (let b = 0; b < resamples; b++) {
    for (let k = 0; k < u; k++) weights[universe[k]] = 0;
    for (let k = 0; k < u; k++) weights[universe[rng.nextInt(u)]]++;
    for (let s = 0; s < nSeg; s++) {
      const [mm, mb] = stat(s);
      if (mm === undefined || mb === undefined) continue;
      diffs[s][nDiff[s]++] = mm - mb;
      const rel = relOf(mm, mb);
      if (rel !== undefined && Number.isFinite(rel)) rels[s][nRel[s]++] = rel;
    }
  }

  const out = {} as Record<RigorSegment, PairedBootstrap>;
  RIGOR_SEGMENTS.forEach((seg, s) => {
    const [mm, mb] = observed[s];
    const n = nDiff[s];
    let le = 0;
    let ge = 0;
    for (let k = 0; k < n; k++) {
      if (diffs[s][k] <= 0) le++;
      if (diffs[s][k] >= 0) ge++;
    }
    const [lo, hi] = bounds(diffs[s], n);
    const [relLo, relHi] = bounds(rels[s], nRel[s]);
    const p = n === 0 ? null : Math.min(1, (2 * (1 + Math.min(le, ge))) / (1 + n));
    const diff = mm === undefined || mb === undefined ? null : toMetric(mm - mb);
    out[seg] = { diff, rel: toMetric(relOf(mm, mb)), lo, hi, relLo, relHi, p, resamples: n };
  });
  return out;
}
