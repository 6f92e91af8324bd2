/**
 * Evaluation throughput: averagePrecision (src/core/metrics/average-precision.ts) on 1,000,000
 * seeded random rows in Node, the size of a large validation or test split.
 */
import { createRng } from '../src/core/data/rng';
import { averagePrecision } from '../src/core/metrics/average-precision';

export interface ApBench {
  readonly rows: number;
  readonly baseRate: number;
  readonly runs: number;
  /** Median wall time of one averagePrecision call (ms). */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** rows / median time (rows per second). */
  readonly rowsPerSec: number;
  readonly ap: number;
}

export function benchAveragePrecision(rows = 1_000_000, baseRate = 0.05, runs = 5): ApBench {
  const rng = createRng(1);
  // float32 scores, as a model's predictions read back from tfjs are; positives score a little
  // higher so the AP is a realistic value rather than the base rate.
  const scores = new Float32Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = rng.bernoulli(baseRate);
    scores[i] = 1 / (1 + Math.exp(-(rng.normal() + 1.5 * labels[i] - 3)));
  }
  let ap = averagePrecision(scores, labels) ?? Number.NaN; // untimed: JIT warm-up
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    ap = averagePrecision(scores, labels) ?? Number.NaN;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const medianMs = ms[Math.floor(runs / 2)];
  return {
    rows,
    baseRate,
    runs,
    medianMs,
    minMs: ms[0],
    maxMs: ms[runs - 1],
    rowsPerSec: rows / (medianMs / 1000),
    ap,
  };
}
