/**
 * Study files in and out (pure; tested in Node). A comparison or an ablation grid is written as
 * its plain results JSON (docs/results-format.md; a grid is told by its `ablation` section), as
 * it always was. A cold start's results hold neither the time, the backend nor the config, so
 * its file is the envelope {kind, results, meta}; a tuning study's results are a comparison's
 * (a comparison with rigor.tune has the same `tuning` section), so its file is the envelope
 * {kind: 'tuning', results} to keep its kind. The reader takes the envelope of any kind and
 * the plain results files, old ones included; every part is validated before it is shown.
 */
import { z } from 'zod';
import type { ColdStartResults } from './cold-start-types';
import { coldStartSchema } from './results-schema';
import { issueLines, parseJsonObject, resultsFromDoc, resultsToJson } from './results-io';
import { STUDY_KINDS, type StudyKind, type StudyResults } from './study-results';

/** The run facts of a study: when it finished, the backend that trained it, its config verbatim. */
export interface StudyMeta {
  /** ISO 8601 UTC. */
  readonly createdAt: string;
  readonly backend: string;
  readonly config: unknown;
}

/**
 * A study as a file holds it. `meta` is a cold start's run facts, when known (a comparison's and
 * a grid's results carry their own).
 */
export type StudyFile = StudyResults & { readonly meta?: StudyMeta };

export type ParsedStudy =
  | { readonly ok: true; readonly file: StudyFile }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The study's run facts: its results' own, or a cold start's meta (null when the file had none). */
export function metaOf(file: StudyFile): StudyMeta | null {
  if (file.kind !== 'cold-start') {
    const { createdAt, backend, config } = file.results;
    return { createdAt, backend, config };
  }
  return file.meta ?? null;
}

/** The file's JSON: plain results for a comparison or a grid, the envelope for a cold start or tuning. */
export function studyToJson(file: StudyFile): string {
  if (file.kind === 'comparison' || file.kind === 'ablation') return resultsToJson(file.results);
  const { kind, results, meta } = file;
  return JSON.stringify({ kind, results, ...(meta ? { meta } : {}) }, null, 2);
}

const metaSchema = z.strictObject({
  createdAt: z.iso.datetime(),
  backend: z.string().min(1),
  config: z.record(z.string(), z.unknown()),
});

const envelopeSchema = z.strictObject({
  kind: z.enum(STUDY_KINDS),
  results: z.record(z.string(), z.unknown()),
  meta: metaSchema.optional(),
});

const kindOfResults = (r: { ablation?: unknown }): StudyKind => (r.ablation ? 'ablation' : 'comparison');

/** Why results cannot be a study of `kind` (null when they can): a grid's have the ablation section, tuning's the tuning section. */
function kindProblem(kind: StudyKind, r: { ablation?: unknown; tuning?: unknown }): string | null {
  const grid = kindOfResults(r) === 'ablation';
  if ((kind === 'ablation') !== grid)
    return `kind: is "${kind}" but the results ${grid ? 'have' : 'have no'} ablation section`;
  if (kind === 'tuning' && !r.tuning) return 'kind: is "tuning" but the results have no tuning section';
  return null;
}

/** The envelope's results, validated for its kind. */
function envelopeStudy(env: z.infer<typeof envelopeSchema>): ParsedStudy {
  if (env.kind === 'cold-start') {
    const r = coldStartSchema.safeParse(env.results, { reportInput: true });
    if (!r.success) return { ok: false, errors: issueLines(r.error.issues, ['results']) };
    const results = r.data as ColdStartResults;
    return { ok: true, file: { kind: 'cold-start', results, ...(env.meta ? { meta: env.meta } : {}) } };
  }
  if (env.meta)
    return {
      ok: false,
      errors: [`meta: only a cold start's file has meta (a ${env.kind}'s results carry their own)`],
    };
  const parsed = resultsFromDoc(env.results, ['results']);
  if (!parsed.ok) return parsed;
  const problem = kindProblem(env.kind, parsed.results);
  if (problem !== null) return { ok: false, errors: [problem] };
  return { ok: true, file: { kind: env.kind, results: parsed.results } };
}

/**
 * Reads a study file: the envelope {kind, results, meta?} of any kind, or a plain results file
 * (a comparison, or a grid by its ablation section). Never throws; a refused file's errors name
 * the field and the problem.
 */
export function parseStudyJson(text: string): ParsedStudy {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) return parsed;
  if (!('kind' in parsed.doc)) {
    const plain = resultsFromDoc(parsed.doc);
    if (!plain.ok) return plain;
    return { ok: true, file: { kind: kindOfResults(plain.results), results: plain.results } as StudyFile };
  }
  const env = envelopeSchema.safeParse(parsed.doc, { reportInput: true });
  return env.success ? envelopeStudy(env.data) : { ok: false, errors: issueLines(env.error.issues) };
}
