/**
 * Timing of averagePrecision on seeded random scored rows, for `npm run bench` (the worker's
 * 'bench-ap' command and the bench page's main thread). Free of tfjs on purpose: the main
 * bundle must not load it.
 */
import { createRng } from '../core/data/rng';
import { averagePrecision } from '../core/metrics/average-precision';

export interface BenchApResult {
  readonly rows: number;
  readonly positives: number;
  readonly repeats: number;
  /** Wall time of each averagePrecision call, in call order (ms). */
  readonly msEach: readonly number[];
  /** Median of msEach (ms). */
  readonly medianMs: number;
  /** rows / median time (rows per second). */
  readonly rowsPerSec: number;
  /** The AP computed (the same every repeat); a sanity check that real work was timed. */
  readonly ap: number;
}

/** Largest rows a bench may ask for: 10,000,000 rows are 50 MB of scores and labels. */
export const MAX_BENCH_AP_ROWS = 10_000_000;

/**
 * `rows` seeded rows shaped like a model's test scores: labels positive at 5% (about the
 * simulator's stream rates), float32 scores uniform in [0, 1) plus 0.3 for positives, so the AP
 * is well inside (0, 1) and the sort sees realistic, partly tied float32 values.
 */
export function benchApRows(rows: number, seed: number): { scores: Float32Array; labels: Uint8Array } {
  const rng = createRng(seed).fork('bench-ap');
  const scores = new Float32Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const y = rng.nextFloat() < 0.05 ? 1 : 0;
    labels[i] = y;
    scores[i] = rng.nextFloat() + 0.3 * y;
  }
  return { scores, labels };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Times averagePrecision `repeats` times on the same `rows` seeded rows (generation not timed). */
export function benchAveragePrecision(rows: number, repeats = 5, seed = 1): BenchApResult {
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_BENCH_AP_ROWS)
    throw new RangeError(`bench-ap: rows must be an integer in 1..${MAX_BENCH_AP_ROWS}, got ${rows}`);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 100)
    throw new RangeError(`bench-ap: repeats must be an integer in 1..100, got ${repeats}`);
  const { scores, labels } = benchApRows(rows, seed);
  const msEach: number[] = [];
  let ap: number | undefined;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    ap = averagePrecision(scores, labels);
    msEach.push(performance.now() - t0);
  }
  if (ap === undefined) throw new Error('bench-ap: the seeded rows have no positive (use more rows)');
  const medianMs = median(msEach);
  return {
    rows,
    positives: labels.reduce((a, y) => a + y, 0),
    repeats,
    msEach,
    medianMs,
    rowsPerSec: rows / (medianMs / 1000),
    ap,
  };
}
