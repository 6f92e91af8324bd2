/**
 * Names and types of the files a study downloads (pure; tested in Node). Every name carries the
 * run's time, so exports of different runs never overwrite each other, and a grid's or a cold
 * start's name says what it is.
 */
import type { StudyKind } from './study-results';

/** 'cold-start-lab-2026-11-29-102030': the stem of every file of one run's results. */
export function resultsFileStem(
  results: { readonly createdAt: string },
  kind: StudyKind = 'comparison',
): string {
  const what = kind === 'comparison' ? '' : `${kind}-`;
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d):(\d\d)/.exec(results.createdAt);
  return m ? `cold-start-lab-${what}${m[1]}-${m[2]}${m[3]}${m[4]}` : `cold-start-lab-${what}results`;
}

export const MIME = {
  json: 'application/json',
  csv: 'text/csv;charset=utf-8',
  md: 'text/markdown;charset=utf-8',
  svg: 'image/svg+xml',
} as const;

/** The dashboard's address without its query: the base of a share link. */
export function pageBase(loc: { readonly origin: string; readonly pathname: string }): string {
  return `${loc.origin}${loc.pathname}`;
}
