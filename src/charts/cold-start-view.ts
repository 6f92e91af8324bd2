/**
 * Pure view code of the new-objective cold start: the chart's series per segment (one line per
 * method, budgets as evenly spaced categories), the table of numbers and the chart caption. The
 * panel's own texts (what blocks a start, the status line, the settings note) are in
 * cold-start-texts.ts.
 */
import {
  COLD_START_METHODS,
  COLD_START_SEGMENTS,
  type ColdStartMethod,
  type ColdStartPoint,
  type ColdStartResults,
  type ColdStartSegment,
} from '../core/results/cold-start-types';
import type { Metric } from '../core/results/results-types';
import { formatApInterval } from '../core/results/reports/rigor-tables';
import type { Interval } from '../core/results/rigor-types';

export interface MethodStyle {
  readonly label: string;
  readonly color: string;
  /** SVG dash pattern of the line; solid when absent. */
  readonly dash?: string;
  /** Sideways shift of the method's points within a budget's slot, so error bars do not overlap. */
  readonly offset: number;
}

/** Okabe-Ito colours (colour-blind safe), distinct from the ceiling's grey. */
export const METHOD_STYLE: Readonly<Record<ColdStartMethod, MethodStyle>> = {
  scratch: { label: 'From scratch', color: '#E69F00', offset: -0.12 },
  direct: { label: 'Joint model, applied directly', color: '#0072B2', offset: 0 },
  finetune: { label: 'Joint model, fine-tuned', color: '#009E73', offset: 0.12 },
};

export const SEGMENT_TITLE: Readonly<Record<ColdStartSegment, string>> = {
  all: 'All test rows',
  'less-streamed': 'Less-streamed shows',
};

export const budgetText = (budget: number): string => `${budget}%`;

/** One method at one budget, as the chart draws it (null mean: undefined AP, not drawn). */
export interface ChartPoint {
  /** Position on the x axis: the budget's index plus the method's offset. */
  readonly x: number;
  readonly budget: number;
  readonly mean: Metric;
  /** The 95% interval over seeds; null when there is none (fewer than 2 defined values). */
  readonly lo: Metric;
  readonly hi: Metric;
  readonly n: number;
}

export interface ChartSeries {
  readonly key: ColdStartMethod;
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
  readonly points: readonly ChartPoint[];
}

export interface ColdStartChartData {
  /** One tick per budget, at its index. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  readonly series: readonly ChartSeries[];
  /** AP of the simulator's true probability on the same rows; null when unknown or undefined. */
  readonly ceiling: Metric;
}

const NO_INTERVAL: Interval = { mean: null, lo: null, hi: null, n: 0, values: [] };

function pointAt(points: readonly ColdStartPoint[], budget: number): ColdStartPoint | undefined {
  return points.find((p) => p.budget === budget);
}

/** The interval of one method, budget and segment (undefined when the method has no such point). */
export function apOf(
  results: ColdStartResults,
  method: ColdStartMethod,
  budget: number,
  segment: ColdStartSegment,
): Interval {
  return pointAt(results.methods[method], budget)?.ap[segment] ?? NO_INTERVAL;
}

/** An interval only when it has one: 2 or more defined values and both bounds. */
function bounds(x: Interval): { lo: Metric; hi: Metric } {
  return x.mean !== null && x.n >= 2 && x.lo !== null && x.hi !== null
    ? { lo: x.lo, hi: x.hi }
    : { lo: null, hi: null };
}

/** The chart of one segment: every method at every budget of the results, in budget order. */
export function coldStartChart(results: ColdStartResults, segment: ColdStartSegment): ColdStartChartData {
  const budgets = results.budgets;
  const series = COLD_START_METHODS.map((method): ChartSeries => {
    const style = METHOD_STYLE[method];
    return {
      key: method,
      label: style.label,
      color: style.color,
      ...(style.dash ? { dash: style.dash } : {}),
      points: budgets.map((budget, i) => {
        const ap = apOf(results, method, budget, segment);
        return { x: i + style.offset, budget, mean: ap.mean, ...bounds(ap), n: ap.n };
      }),
    };
  });
  return {
    ticks: budgets.map((b, i) => ({ x: i, label: budgetText(b) })),
    series,
    ceiling: results.ceiling?.[segment] ?? null,
  };
}

/** How many points of a chart are undefined (drawn as nothing, marked n/a in the caption). */
export function undefinedPoints(chart: ColdStartChartData): number {
  return chart.series.reduce((n, s) => n + s.points.filter((p) => p.mean === null).length, 0);
}

export interface TableCell {
  readonly method: ColdStartMethod;
  readonly segment: ColdStartSegment;
  /** The mean AP (null: undefined). */
  readonly ap: Metric;
  /** 'mean [lo, hi]', 'mean', or 'n/a'. */
  readonly text: string;
}

export interface TableRow {
  readonly budget: number;
  readonly budgetText: string;
  /** Training rows whose label was kept (first seed); null when no method reports it. */
  readonly labels: number | null;
  readonly labelsText: string;
  /** Methods in COLD_START_METHODS order, each with its segments in COLD_START_SEGMENTS order. */
  readonly cells: readonly TableCell[];
}

/** One row per budget: the labels kept and each method's AP per segment. */
export function coldStartTable(results: ColdStartResults): TableRow[] {
  return results.budgets.map((budget) => {
    const labelled = [results.methods.scratch, results.methods.finetune]
      .map((ps) => pointAt(ps, budget))
      .find((p) => p !== undefined);
    const labels = labelled?.labels ?? null;
    return {
      budget,
      budgetText: budgetText(budget),
      labels,
      labelsText: labels === null ? 'n/a' : labels.toLocaleString('en-US'),
      cells: COLD_START_METHODS.flatMap((method) =>
        COLD_START_SEGMENTS.map((segment) => {
          const ap = apOf(results, method, budget, segment);
          return { method, segment, ap: ap.mean, text: formatApInterval(ap) };
        }),
      ),
    };
  });
}

/** The ceiling row's cells per segment ('n/a' when undefined), or null without a ceiling. */
export function ceilingCells(
  results: ColdStartResults,
): { segment: ColdStartSegment; ap: Metric; text: string }[] | null {
  const { ceiling } = results;
  if (!ceiling) return null;
  return COLD_START_SEGMENTS.map((segment) => ({
    segment,
    ap: ceiling[segment],
    text: ceiling[segment] === null ? 'n/a' : (ceiling[segment] as number).toFixed(4),
  }));
}

/** The caption under the charts: what the lines, error bars, dashed line and n/a are. */
export function coldStartMeaning(results: ColdStartResults): string {
  const seeds = results.seeds.length;
  const spread =
    seeds >= 2
      ? `Points are the mean AP over ${seeds} training seeds; error bars are the 95% t interval over the seeds (only where 2 or more seeds have a defined AP).`
      : 'One training seed: no error bars (intervals need 2 or more repeats).';
  const ceiling = results.ceiling
    ? " The dashed grey line is the AP of the simulator's true probabilities on the same rows (a ceiling)."
    : '';
  return (
    `AP of ${results.task} on its test rows against the share of its training labels kept (budgets as ` +
    `evenly spaced categories). Lines: a model trained from scratch on those labels; the joint model ` +
    `trained without ${results.task}, its ${results.nearestHead} head applied directly (no labels used, so ` +
    `the same at every budget); and that model fine-tuned on the labels. ${spread}${ceiling}`
  );
}
