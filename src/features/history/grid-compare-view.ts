/**
 * Ablation grids side by side (pure; tested in Node): one row per arm (every arm of any ticked
 * grid, in the order the grids first list them), one column group per grid, oldest first, with
 * the arm's change against that grid's own unchanged model per channel and its interval
 * (ablation-arms.ts). An arm a grid did not train is marked so, never as no change.
 */
import {
  type ArmChange,
  changeIntervalText,
  type GridArms,
  gridArms,
} from '../../core/metrics/ablation-arms';
import type { Source } from '../../core/data/schema';
import { formatApInterval, formatRelInterval } from '../../core/results/reports/rigor-tables';
import type { RecordOf, RunRecord } from '../../store/history-record';

export type GridRecord = RecordOf<'ablation'>;

export interface GridColumn {
  readonly run: GridRecord;
  readonly target: string;
  /** What the interval is ('change of the mean AP over 2 seeds [95% paired bootstrap ...]'). */
  readonly intervalText: string;
  /** The unchanged model's AP per channel ('0.3000 [0.2800, 0.3200]'). */
  readonly fullAp: Readonly<Record<Source, string>>;
}

export interface GridCell {
  readonly runId: string;
  /** False where this grid has no such arm. */
  readonly trained: boolean;
  /** Per channel: the change (fractions; all null when undefined or not trained) and its text. */
  readonly channels: Readonly<Record<Source, ArmChange & { readonly text: string }>>;
}

export interface GridCompareRow {
  readonly arm: string;
  /** The arm's change in words, from the first grid that has it. */
  readonly change: string;
  readonly cells: readonly GridCell[];
}

export interface GridCompare {
  readonly columns: readonly GridColumn[];
  readonly rows: readonly GridCompareRow[];
  /** Set when the grids vary different groupings (their arms change different models). */
  readonly targetNote: string | null;
}

const oldestFirst = (a: RunRecord, b: RunRecord) => a.createdAt.localeCompare(b.createdAt);

/** The ticked grids side by side; null until two are ticked. */
export function gridComparison(all: readonly RunRecord[], compareIds: readonly string[]): GridCompare | null {
  const runs = all
    .filter((r): r is GridRecord => r.kind === 'ablation' && compareIds.includes(r.id))
    .sort(oldestFirst);
  if (runs.length < 2) return null;
  const grids = runs.map((run) => ({ run, arms: gridArms(run.results) }));
  const columns = grids.map(({ run, arms }): GridColumn => {
    const full = arms.arms.find((a) => a.isFull);
    const ap = (c: Source) => (full ? formatApInterval(full.channels[c].ap) : 'n/a');
    return {
      run,
      target: arms.target,
      intervalText: changeIntervalText(arms),
      fullAp: { promo: ap('promo'), ad: ap('ad') },
    };
  });
  const order: { arm: string; change: string }[] = [];
  for (const { arms } of grids)
    for (const a of arms.arms)
      if (!a.isFull && !order.some((o) => o.arm === a.id)) order.push({ arm: a.id, change: a.change });
  const rows = order.map(({ arm, change }) => ({
    arm,
    change,
    cells: grids.map(({ run, arms }) => cellOf(run.id, arms, arm)),
  }));
  const targets = [...new Set(columns.map((c) => c.target))];
  const targetNote =
    targets.length > 1
      ? `These grids vary different groupings (${targets.join(', ')}): each change is against its own grid's unchanged model.`
      : null;
  return { columns, rows, targetNote };
}

const NONE = { mean: null, lo: null, hi: null };

function cellOf(runId: string, grid: GridArms, arm: string): GridCell {
  const row = grid.arms.find((a) => a.id === arm);
  const channel = (c: Source) =>
    row
      ? { ...row.channels[c].change, text: formatRelInterval(row.channels[c].change) }
      : { ...NONE, text: 'not in this grid' };
  return { runId, trained: row !== undefined, channels: { promo: channel('promo'), ad: channel('ad') } };
}
