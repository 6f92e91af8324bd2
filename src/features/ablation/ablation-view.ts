/**
 * Pure helpers of the ablation panel (tested in Node; the components stay thin): which grouping
 * the grid varies, which arms it will train on the dataset in use, why it cannot start; and the
 * finished grid as table rows and chart rows (core/results/reports/ablation-table.ts, shared with the deck).
 */
import { ablationGrid, FULL_ARM, gridArmsOf } from '../../core/config/ablation';
import type { ExperimentConfig, GroupingId } from '../../core/config/experiment';
import { GROUPINGS } from '../../core/config/groupings';
import { type DatasetSummary, featureGroupsPresent } from '../../core/data/dataset-summary';
import { startBlockers } from '../../core/data/start-blockers';
import { CHANNELS } from '../../core/metrics/segments';
import { isActive } from '../../store/selectors';

export { CHANNELS };

/** Feature groups with at least one column in the dataset (all of them before it is known). */
export const presentGroups = featureGroupsPresent;

/**
 * The arms of `target`'s grid on the dataset in use, each with whether it will train (`wanted`:
 * config.study.arms, empty = all; the unchanged model always trains; the same rule as
 * core/results/study-results.ts's studySpecOf), what is skipped, and the wanted arms this grid lacks.
 */
export function gridPreview(
  cfg: Pick<ExperimentConfig, 'train'>,
  target: GroupingId,
  summary: DatasetSummary | null,
  wanted: readonly string[] = [],
) {
  const grid = ablationGrid(cfg, target, presentGroups(summary));
  const chosen = gridArmsOf(grid, wanted);
  const arms = grid.arms.map((a) => ({
    id: a.id,
    change: a.change,
    trains: a.id === FULL_ARM || chosen.arms.includes(a.id),
  }));
  return { arms, skipped: grid.skipped, missing: chosen.missing };
}

/**
 * config.study.arms after ticking (`on`) or clearing arm `id` in the preview; every arm of the
 * grid ticked is stored as [] (all), so a link stays short and follows the grid.
 */
export function toggledArms(
  arms: readonly { readonly id: string; readonly trains: boolean }[],
  id: string,
  on: boolean,
): string[] {
  const next = arms.filter((a) => a.id !== FULL_ARM && (a.id === id ? on : a.trains)).map((a) => a.id);
  return next.length === arms.length - 1 ? [] : next;
}

/** Why the grid cannot start now (null = it can). */
export function ablationBlocker(s: {
  readonly summary: DatasetSummary | null;
  readonly datasetStatus: string;
  readonly runStatus: string;
  readonly backend: unknown;
  readonly target: GroupingId | null;
}): string | null {
  if (isActive(s.runStatus)) return 'A run is in progress: wait for it to finish or cancel it.';
  if (!s.summary || s.datasetStatus !== 'ready') return 'No dataset yet: wait for it to build or load one.';
  if (s.backend === null) return 'The training backend is still starting.';
  if (s.target === null) return 'Tick at least one task grouping in step 2 to ablate.';
  const blockers = startBlockers(s.summary, [GROUPINGS[s.target]]);
  return blockers.length > 0 ? blockers.join(' ') : null;
}

export {
  type AblationChartRow,
  type AblationRow,
  type ChannelCells,
  type IntervalKind,
  ablationChart,
  ablationRows,
  chartMeaning,
} from '../../core/results/reports/ablation-table';
