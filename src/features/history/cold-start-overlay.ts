/**
 * Cold-start curves of several saved runs in one chart (pure; tested in Node): one line per run
 * and method, a colour per run and a dash per method, over the union of the runs' budgets as
 * evenly spaced categories. Within a budget's slot the lines' points sit side by side so their
 * error bars (95% t interval over seeds) do not overlap. The series are the ones ColdStartChart
 * draws (charts/cold-start-rows.ts).
 */
import type { BudgetSeries } from '../../charts/cold-start-rows';
import { SERIES_COLORS } from '../../charts/scales';
import {
  COLD_START_METHODS,
  type ColdStartMethod,
  type ColdStartSegment,
} from '../../core/results/cold-start-types';
import type { Metric } from '../../core/results/results-types';
import type { Interval } from '../../core/results/rigor-types';
import type { RecordOf, RunRecord } from '../../store/history-record';

export type ColdStartRecord = RecordOf<'cold-start'>;

/** Line style per method, the same for every run: solid, dashed, dotted. */
export const METHOD_DASH: Readonly<Record<ColdStartMethod, string | undefined>> = {
  scratch: undefined,
  direct: '7 4',
  finetune: '2 3',
};

export interface ColdStartOverlay {
  readonly runs: readonly { readonly run: ColdStartRecord; readonly color: string }[];
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  readonly series: readonly BudgetSeries[];
  /** The ceiling when every run has the same one (same task and rows), else null. */
  readonly ceiling: Metric;
  /** Set when the runs score different tasks (their curves are not on the same rows). */
  readonly taskNote: string | null;
}

/** Half the width of a budget's slot that the points may spread over (ticks are 1 apart). */
const SPREAD = 0.36;

const oldestFirst = (a: RunRecord, b: RunRecord) => a.createdAt.localeCompare(b.createdAt);

/** A point's interval only when it has one: 2 or more defined values and both bounds. */
function bounds(x: Interval): { lo: Metric; hi: Metric } {
  return x.mean !== null && x.n >= 2 && x.lo !== null && x.hi !== null
    ? { lo: x.lo, hi: x.hi }
    : { lo: null, hi: null };
}

/** The ticked cold starts on one segment, oldest first; null until two are ticked. */
export function coldStartOverlay(
  all: readonly RunRecord[],
  compareIds: readonly string[],
  segment: ColdStartSegment,
): ColdStartOverlay | null {
  const picked = all
    .filter((r): r is ColdStartRecord => r.kind === 'cold-start' && compareIds.includes(r.id))
    .sort(oldestFirst);
  if (picked.length < 2) return null;
  const runs = picked.map((run, k) => ({ run, color: SERIES_COLORS[k % SERIES_COLORS.length] }));
  const budgets = [...new Set(picked.flatMap((r) => r.results.budgets))].sort((a, b) => a - b);
  const lines = runs.length * COLD_START_METHODS.length;
  const step = lines > 1 ? (2 * SPREAD) / (lines - 1) : 0;
  const series = runs.flatMap(({ run, color }, k) =>
    COLD_START_METHODS.map((method, m): BudgetSeries => {
      const offset = -SPREAD + step * (m * runs.length + k);
      const dash = METHOD_DASH[method];
      return {
        key: `${run.id}-${method}`,
        label: `${run.name} · ${method}`,
        color,
        ...(dash ? { dash } : {}),
        points: run.results.methods[method].map((p) => ({
          x: budgets.indexOf(p.budget) + offset,
          budget: p.budget,
          mean: p.ap[segment].mean,
          ...bounds(p.ap[segment]),
        })),
      };
    }),
  );
  const ceilings = new Set(picked.map((r) => r.results.ceiling?.[segment] ?? null));
  const tasks = [...new Set(picked.map((r) => r.results.task))];
  return {
    runs,
    ticks: budgets.map((b, i) => ({ x: i, label: `${b}%` })),
    series,
    ceiling: ceilings.size === 1 ? [...ceilings][0] : null,
    taskNote:
      tasks.length > 1
        ? `These runs score different tasks (${tasks.join(', ')}): their curves are on different test rows.`
        : null,
  };
}
