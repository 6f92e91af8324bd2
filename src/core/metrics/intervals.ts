/**
 * Mean and 95% interval of a metric over repeats (seeds): Student's t interval of the mean,
 * mean +- t(0.975, n-1) * s / sqrt(n), with s the sample standard deviation (divisor n-1).
 */
import type { Interval } from '../results/rigor-types';
import type { Metric } from '../results/results-types';

/** t(0.975, df) for df = 1..30 (standard tables, 3 decimals). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/**
 * The 97.5th percentile of Student's t with `df` degrees of freedom: the table for df <= 30, and
 * the Cornish-Fisher expansion around z = 1.95996 above it (error < 1e-3 there).
 * @throws RangeError when df is not a positive integer.
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1)
    throw new RangeError(`tQuantile975: df must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1];
  const z = 1.959963984540054;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/**
 * Mean and 95% t interval of the defined values (null ones are left out and not counted).
 * With no defined value everything is null; with one, the mean is that value and lo/hi are null.
 */
export function meanInterval(values: readonly Metric[]): Interval {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: null, lo: null, hi: null, n, values: [...values] };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: null, hi: null, n, values: [...values] };
  const s = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (tQuantile975(n - 1) * s) / Math.sqrt(n);
  return { mean, lo: mean - half, hi: mean + half, n, values: [...values] };
}
