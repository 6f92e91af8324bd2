/**
 * CSV of each kind of study (pure; for spreadsheets and pandas). Numbers are written at full
 * precision as fractions (AP, relative change), empty when undefined, never 0.
 *   comparison:  the metrics CSV (results-io.ts), one row per grouping x channel x segment;
 *   ablation:    one row per arm x channel: AP over seeds and the change against full, with the
 *                t interval over seeds and the paired bootstrap interval and p-value;
 *   cold start:  one row per method x segment x budget: the AP over seeds and its 95% t interval.
 */
import { gridArms } from '../metrics/ablation-arms';
import { COLD_START_METHODS, COLD_START_SEGMENTS, type ColdStartResults } from './cold-start-types';
import { cell, csvText, resultsToCsv } from './results-io';
import type { ExperimentResults } from './results-types';
import { CHANNELS } from '../metrics/segments';
import type { StudyResults } from './study-results';

export const ABLATION_CSV_COLUMNS = [
  'target',
  'arm',
  'change',
  'reference',
  'channel',
  'ap',
  'ap_lo',
  'ap_hi',
  'rel',
  'rel_lo',
  'rel_hi',
  'bootstrap_rel',
  'bootstrap_rel_lo',
  'bootstrap_rel_hi',
  'p',
  'seeds',
] as const;

/** The grid's arms: `rel*` is the change vs full over seeds, `bootstrap_*` its paired bootstrap. */
export function ablationToCsv(results: ExperimentResults): string {
  const grid = gridArms(results);
  const rows = grid.arms.flatMap((a) =>
    CHANNELS.map((c) => {
      const { ap, rel, bootstrap: b } = a.channels[c];
      const relCells = a.isFull ? ['', '', ''] : [cell(rel.mean), cell(rel.lo), cell(rel.hi)];
      const bootCells = b ? [cell(b.rel), cell(b.relLo), cell(b.relHi), cell(b.p)] : ['', '', '', ''];
      return [
        grid.target,
        a.id,
        a.change,
        a.isFull ? '1' : '0',
        c,
        cell(ap.mean),
        cell(ap.lo),
        cell(ap.hi),
        ...relCells,
        ...bootCells,
        String(ap.n),
      ];
    }),
  );
  return csvText(ABLATION_CSV_COLUMNS, rows);
}

export const COLD_START_CSV_COLUMNS = [
  'task',
  'method',
  'segment',
  'budget',
  'labels',
  'ap',
  'ap_lo',
  'ap_hi',
  'seeds',
  'ceiling_ap',
] as const;

/**
 * Every point of the cold start: `budget` in percent of the task's training labels kept,
 * `labels` the rows kept (first seed), `seeds` how many seeds had a defined AP, `ceiling_ap` the
 * simulator truth's AP on the same rows (empty when unknown).
 */
export function coldStartToCsv(results: ColdStartResults): string {
  const rows = COLD_START_METHODS.flatMap((m) =>
    COLD_START_SEGMENTS.flatMap((s) =>
      results.methods[m].map((p) => [
        results.task,
        m,
        s,
        String(p.budget),
        String(p.labels),
        cell(p.ap[s].mean),
        cell(p.ap[s].lo),
        cell(p.ap[s].hi),
        String(p.ap[s].n),
        results.ceiling ? cell(results.ceiling[s]) : '',
      ]),
    ),
  );
  return csvText(COLD_START_CSV_COLUMNS, rows);
}

/** The study's CSV, by its kind. */
export function studyToCsv(study: StudyResults): string {
  if (study.kind === 'cold-start') return coldStartToCsv(study.results);
  return study.kind === 'ablation' ? ablationToCsv(study.results) : resultsToCsv(study.results);
}
