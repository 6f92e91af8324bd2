/**
 * Names and contents of the files the results panel downloads (pure; tested in Node). Every name
 * carries the run's time, so exports of different runs never overwrite each other.
 */
import type { ExperimentResults } from '../../core/metrics/results-types';

/** 'cold-start-lab-2026-11-29-102030': the stem of every file of one run's results. */
export function resultsFileStem(results: Pick<ExperimentResults, 'createdAt'>): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)/.exec(results.createdAt);
  return m ? `cold-start-lab-${m[1]}-${m[2]}${m[3]}${m[4]}` : 'cold-start-lab-results';
}

export const MIME = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  svg: 'image/svg+xml',
} as const;

/** The dashboard's address without its query: the base of a share link. */
export function pageBase(loc: Pick<Location, 'origin' | 'pathname'>): string {
  return `${loc.origin}${loc.pathname}`;
}
