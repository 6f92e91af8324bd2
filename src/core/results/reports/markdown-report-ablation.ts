/**
 * The arms part of an ablation grid's Markdown report (pure): per arm, its change in words, the
 * AP per channel over seeds and the change against the unchanged target with its interval (the
 * same numbers as the grid's chart, ablation-arms.ts). Nothing for a comparison.
 */
import { changeIntervalText, gridArms } from '../../metrics/ablation-arms';
import { pipeTable } from './markdown';
import type { ExperimentResults } from '../results-types';
import { formatApInterval, formatRelInterval } from './rigor-tables';
import { CHANNELS } from '../../metrics/segments';

/** The grid's section, or null when the results are not a grid. */
export function ablationArmsSection(results: ExperimentResults): string | null {
  if (!results.ablation) return null;
  const grid = gridArms(results);
  const rows = grid.arms.map((a) => [
    a.isFull ? `${a.id} (reference)` : a.id,
    a.change,
    ...CHANNELS.flatMap((c) => [
      formatApInterval(a.channels[c].ap),
      a.isFull ? '' : formatRelInterval(a.channels[c].change),
    ]),
  ]);
  const table = pipeTable(['Arm', 'Change', 'Promotions AP', 'vs full', 'Ads AP', 'vs full'], rows, [
    'l',
    'l',
    'r',
    'r',
    'r',
    'r',
  ]);
  const skipped = results.ablation.skipped.map((s) => `- not in the grid: ${s.change} (${s.reason})`);
  return [
    `Each arm retrains \`${grid.target}\` with one change; full is the unchanged ${grid.target}. AP on all test rows of each channel; "vs full" = (AP - full AP) / full AP on the same rows: ${changeIntervalText(grid)}.`,
    '',
    table,
    ...(skipped.length ? ['', ...skipped] : []),
  ].join('\n');
}
