/**
 * The metric value every results type uses, apart from results-types.ts so that the rigor and
 * cold-start types (which results-types.ts includes) can name it without an import cycle.
 */

/** A metric value; null = undefined (AP with no positive, relative change with no baseline). */
export type Metric = number | null;

/** Turns an undefined or non-finite metric into null, the only "undefined" the JSON knows. */
export function toMetric(x: number | undefined): Metric {
  return x === undefined || !Number.isFinite(x) ? null : x;
}
