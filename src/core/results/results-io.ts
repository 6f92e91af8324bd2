/**
 * Results files in and out (pure; tested in Node): the documented JSON (written by results.ts,
 * read back here with validation) and a flat metrics CSV for spreadsheets and pandas.
 */
import Papa from 'papaparse';
import type { z } from 'zod';
import { capturedShare } from '../metrics/headroom';
import { CHANNELS, SEGMENT_IDS } from '../metrics/segments';
import { RESULTS_VERSION, type ExperimentResults, type Metric } from './results-types';
import { resultsSchema } from './results-schema';

export { resultsToJson } from './results';

export type ParsedResults =
  | { readonly ok: true; readonly results: ExperimentResults }
  | { readonly ok: false; readonly errors: readonly string[] };

/** At most this many problems are listed; a wholly wrong file would otherwise list thousands. */
export const MAX_LISTED_ERRORS = 30;

/** 'groupings[2].segments.promo.tier3.ap' from a zod path; '(root)' for the document itself. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** A short quote of a JSON value for a message: strings quoted, long values cut. */
function preview(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** One readable line per zod issue: where, then what was expected and what was found. */
function issueText(issue: z.core.$ZodIssue): string {
  const where = pathText(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      // zod calls a JSON object with free keys a "record"; people call it an object.
      const expected = issue.expected === 'record' ? 'object' : issue.expected;
      if (input === undefined) return `${where}: missing (expected ${expected})`;
      return `${where}: expected ${expected}, got ${preview(input)}`;
    }
    case 'unrecognized_keys':
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `${where}: needs at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return `${where}: must not be empty`;
      return `${where}: ${preview(input)} is below the minimum ${issue.minimum}`;
    case 'too_big':
      return `${where}: ${preview(input)} is above the maximum ${issue.maximum}`;
    case 'invalid_value':
      return `${where}: ${preview(input)} is not one of ${issue.values.map((v) => preview(v)).join(', ')}`;
    case 'invalid_format':
      return `${where}: ${preview(input)} is not an ISO 8601 UTC time (like 2024-05-01T12:00:00.000Z)`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/**
 * One readable line per zod issue, `prefix` put before every path (a study file's results sit
 * under `results`), at most MAX_LISTED_ERRORS of them and a count of the rest.
 */
export function issueLines(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string[] {
  const lines = issues.map((i) => issueText({ ...i, path: [...prefix, ...i.path] }));
  const extra = lines.length - MAX_LISTED_ERRORS;
  return extra > 0 ? [...lines.slice(0, MAX_LISTED_ERRORS), `... and ${extra} more problems`] : lines;
}

/** JSON text as an object (not null, not an array), or the one line that says why not. */
export function parseJsonObject(
  text: string,
): { readonly ok: true; readonly doc: object } | { readonly ok: false; readonly errors: readonly string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not JSON: ${(e as Error).message}`] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return { ok: false, errors: [`(root): expected a results object, got ${preview(doc)}`] };
  return { ok: true, doc };
}

/**
 * Validates a parsed document against version 1 of the results format; `prefix` is where it sits
 * in the file (for the messages). Never throws.
 */
export function resultsFromDoc(doc: object, prefix: readonly PropertyKey[] = []): ParsedResults {
  const version = (doc as { version?: unknown }).version;
  if (version !== RESULTS_VERSION) {
    // Another layout: listing its field-by-field differences would only bury this line.
    const got = version === undefined ? 'missing' : `is ${preview(version)}`;
    const where = pathText([...prefix, 'version']);
    return { ok: false, errors: [`${where}: ${got}; this app reads results version ${RESULTS_VERSION}`] };
  }
  const r = resultsSchema.safeParse(doc, { reportInput: true });
  if (r.success) return { ok: true, results: r.data as ExperimentResults };
  return { ok: false, errors: issueLines(r.error.issues, prefix) };
}

/**
 * Reads results JSON text and validates it against version 1 of the format: every required
 * field, types, ranges (AP in [0, 1], counts whole and >= 0, numbers finite or null), and the
 * cross-field rules (baseline among the groupings, Table 1 values equal to segments.*.all, rows
 * and positives equal across groupings). Never throws.
 */
export function parseResultsJson(text: string): ParsedResults {
  const parsed = parseJsonObject(text);
  return parsed.ok ? resultsFromDoc(parsed.doc) : parsed;
}

/** Columns of the metrics CSV, in order (docs/results-format.md, "Metrics CSV"). */
export const METRICS_CSV_COLUMNS = [
  'grouping',
  'label',
  'baseline',
  'channel',
  'segment',
  'scoring_head',
  'ap',
  'rel',
  'rows',
  'positives',
  'ceiling_ap',
  'headroom_share',
] as const;

/** A number at full precision (shortest text that reads back as the same double); n/a = empty. */
export const cell = (m: Metric): string => (m === null ? '' : String(m));

/** Header and rows as RFC 4180 CSV with `\n` line ends and a final newline. */
export const csvText = (fields: readonly string[], rows: readonly (readonly string[])[]): string =>
  `${Papa.unparse({ fields: [...fields], data: rows.map((r) => [...r]) }, { newline: '\n' })}\n`;

/**
 * One row per grouping x channel x segment (segments in the documented order: all, tier0..tier7,
 * less-streamed, high-stream), with AP and rel as fractions at full precision, empty when
 * undefined. `ceiling_ap` is the simulator truth's AP on the same rows (headroom) and
 * `headroom_share` = (ap - prevalence) / (ceiling_ap - prevalence) (capturedShare), both empty when
 * undefined or when the results carry no headroom (loaded data). RFC 4180 quoting (a label may
 * hold a comma), `\n` line ends.
 */
export function resultsToCsv(results: ExperimentResults): string {
  const rows: string[][] = [];
  for (const g of results.groupings)
    for (const c of CHANNELS)
      for (const s of SEGMENT_IDS) {
        const seg = g.segments[c][s];
        const ceiling = results.headroom?.[c][s];
        rows.push([
          g.id,
          g.label,
          g.id === results.baseline ? '1' : '0',
          c,
          s,
          g.scoringHeads[c] ?? '',
          cell(seg.ap),
          cell(seg.rel),
          String(seg.rows),
          String(seg.positives),
          ceiling ? cell(ceiling.ap) : '',
          ceiling ? cell(capturedShare(seg.ap, ceiling)) : '',
        ]);
      }
  return csvText(METRICS_CSV_COLUMNS, rows);
}
