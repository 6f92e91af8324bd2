/**
 * Relative change of a metric against the baseline grouping (the spec's "relative change").
 */

/**
 * Relative change of `model` against `baseline`: (model - baseline) / baseline, as a fraction
 * (0.045 = +4.5%; multiply by 100 for percent). Unitless whatever the metric's unit.
 *
 * @returns undefined when either value is undefined or not finite (e.g. an AP with no positives),
 *   or when the baseline is 0, where a relative change has no meaning.
 */
export function relativeChange(model: number | undefined, baseline: number | undefined): number | undefined {
  if (model === undefined || baseline === undefined) return undefined;
  if (!Number.isFinite(model) || !Number.isFinite(baseline) || baseline === 0) return undefined;
  return (model - baseline) / baseline;
}
