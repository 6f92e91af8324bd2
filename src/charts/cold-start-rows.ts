/**
 * The data side of ColdStartChart: its series and points, and the rows Recharts draws (a point's
 * error bar as [mean - lo, hi - mean], its tooltip text). Pure, so the chart only displays.
 */

export interface BudgetPoint {
  /** Position on the x axis (the budget's tick index, plus the series' offset). */
  readonly x: number;
  /** The budget the point belongs to (percent). */
  readonly budget: number;
  /** null: undefined (drawn as "n/a", never as 0). */
  readonly mean: number | null;
  /** 95% interval bounds; null when there is no interval. */
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface BudgetSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  /** SVG dash pattern of the line; solid when absent. */
  readonly dash?: string;
  readonly points: readonly BudgetPoint[];
}

export interface Row {
  readonly x: number;
  readonly y: number | null;
  readonly err: [number, number] | null;
  readonly point: BudgetPoint;
  readonly series: BudgetSeries;
}

const num = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(4));

export function pointText(series: BudgetSeries, p: BudgetPoint, budgetLabel: string): string {
  const interval = p.lo !== null && p.hi !== null ? ` [${num(p.lo)}, ${num(p.hi)}]` : '';
  return `${series.label} at ${budgetLabel}: ${p.mean === null ? 'n/a (undefined)' : `${num(p.mean)}${interval}`}`;
}

export function rowsOf(s: BudgetSeries): Row[] {
  return s.points.map((point) => ({
    x: point.x,
    y: point.mean,
    err:
      point.mean !== null && point.lo !== null && point.hi !== null
        ? [point.mean - point.lo, point.hi - point.mean]
        : null,
    point,
    series: s,
  }));
}
