/**
 * A finished run as run history keeps it, the repository interface the history slice talks to,
 * and the pure helpers around them (default name, record builder, storage error text). The slice
 * depends on `HistoryRepo`, not on IndexedDB, so it is unit-tested in Node with a fake repo and
 * the IndexedDB implementation (history-db.ts) is tested in the browser.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { dataSourceOf } from '../core/metrics/compare';
import type { ExperimentResults } from '../core/results/results-types';
import { runConfigOf } from '../core/results/run-config';
import { metaOf, type StudyFile } from '../core/results/study-io';
import { STUDY_KINDS, type StudyKind, type StudyOf, type StudyResults } from '../core/results/study-results';

export interface RunTimings {
  /** Training wall time per grouping id (ms, validation included). */
  readonly byGrouping: Readonly<Record<string, number>>;
  /** From pressing Start to the results (ms): dataset preparation and every grouping. */
  readonly totalMs: number;
}

/** What every saved study has besides its kind and results. */
export interface RecordMeta {
  readonly id: string;
  readonly name: string;
  /** ISO 8601 time the run was saved; the list is newest first by this. */
  readonly createdAt: string;
  readonly config: ExperimentConfig;
  /** Fingerprint of the dataset the run trained on (null if the dataset was not known yet). */
  readonly datasetFingerprint: string | null;
  /** 'simulated (seed 7)', a file name or a URL. */
  readonly datasetLabel: string;
  readonly backend: string;
  readonly timings: RunTimings;
  /** The run other runs are compared to; at most one record is pinned. */
  readonly pinned: boolean;
}

/**
 * A saved study: its meta, its kind and its results (`record.kind` narrows `record.results`).
 * Records saved before studies had kinds are comparisons (isRunRecord's migration adds the kind).
 */
export type RunRecord = RecordMeta & StudyResults;
/** A saved study of one kind. */
export type RecordOf<K extends StudyKind> = RecordMeta & StudyOf<K>;

export interface StorageEstimate {
  readonly usage: number;
  readonly quota: number;
}

/** Where history lives. Every method rejects on failure; the slice turns that into a message. */
export interface HistoryRepo {
  /** Every record, newest first. */
  list(): Promise<RunRecord[]>;
  get(id: string): Promise<RunRecord | undefined>;
  put(record: RunRecord): Promise<void>;
  delete(id: string): Promise<void>;
  /** Renames a record and returns it as stored. */
  rename(id: string, name: string): Promise<RunRecord>;
  /** Pins `id` and unpins every other record in one transaction (null unpins all). */
  pin(id: string | null): Promise<void>;
  /** How much storage the origin uses and may use, where the browser says (else null). */
  estimate(): Promise<StorageEstimate | null>;
}

/** Sort order of the history list: newest first (ids break ties, so the order is total). */
export const newestFirst = (a: RunRecord, b: RunRecord): number =>
  b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** What a run compares: 'a vs base', '3 groupings vs base' (`noun` names the others) or 'base only'. */
function versusText(ids: readonly string[], baseline: string, noun: string): string {
  const others = ids.filter((id) => id !== baseline);
  if (others.length === 0) return `${baseline} only`;
  return others.length === 1 ? `${others[0]} vs ${baseline}` : `${others.length} ${noun} vs ${baseline}`;
}

/**
 * 'joint-5task vs promo-mtl · seed 7 · 12:30' (local time), a name that tells runs apart; a grid
 * is named by the grouping it varies (`target`) when known.
 */
export function defaultRunName(
  config: ExperimentConfig,
  at: Date,
  kind: StudyKind = 'comparison',
  target?: string,
): string {
  const compared = versusText(config.groupings, config.baseline, 'groupings');
  const what =
    kind === 'ablation'
      ? `ablation grid${target ? ` of ${target}` : ''}`
      : kind === 'cold-start'
        ? `cold start of ${config.coldStart.task}`
        : kind === 'tuning'
          ? `tuning (${config.rigor.tune} recipes) of ${compared}`
          : compared;
  return `${what} · seed ${config.seed} · ${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
}

/**
 * 'logreg vs show_rate · predictions other.csv · 12:30': an analysis of a predictions file is
 * named by its models and its file (its config holds only the rigor settings).
 */
export function analysisRunName(results: ExperimentResults, file: string, at: Date): string {
  const what = versusText(
    results.groupings.map((g) => g.id),
    results.baseline,
    'models',
  );
  return `${what} · predictions ${file} · ${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
}

/** The data a config trained on, for the list: 'simulated (seed 7)', 'file log.csv' or the URL. */
export function datasetLabelOf(config: ExperimentConfig): string {
  const source = dataSourceOf(config);
  return source === 'simulated' ? `simulated (seed ${config.seed})` : source;
}

let idCounter = 0;

/** Training wall time per grouping (ms) of results that have groupings; none for a cold start. */
function timingsOf(study: StudyResults, totalMs: number | undefined): RunTimings {
  if (study.kind === 'cold-start') return { byGrouping: {}, totalMs: totalMs ?? 0 };
  const { groupings } = study.results;
  const byGrouping = Object.fromEntries(groupings.map((g) => [g.id, g.trainMs]));
  return { byGrouping, totalMs: totalMs ?? groupings.reduce((t, g) => t + g.trainMs, 0) };
}

/** The record of a study that has just finished, trained under `config` on `backend`. */
export function buildRunRecord(
  study: StudyResults,
  opts: {
    readonly config: ExperimentConfig;
    readonly backend: string;
    readonly fingerprint: string | null;
    readonly totalMs?: number;
    readonly now: Date;
  },
): RunRecord {
  const { config, now } = opts;
  // An analysis read a predictions file, not the dataset in use: no fingerprint of it.
  const analysis = study.kind === 'comparison' ? study.results.analysis : undefined;
  return {
    id: `run-${now.getTime().toString(36)}-${(++idCounter).toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    name:
      analysis && study.kind === 'comparison'
        ? analysisRunName(study.results, analysis.file, now)
        : defaultRunName(
            config,
            now,
            study.kind,
            study.kind === 'ablation' ? study.results.ablation?.target : undefined,
          ),
    createdAt: now.toISOString(),
    config,
    datasetFingerprint: analysis ? null : opts.fingerprint,
    datasetLabel: analysis ? `predictions ${analysis.file}` : datasetLabelOf(config),
    backend: opts.backend,
    timings: timingsOf(study, opts.totalMs),
    pinned: false,
    ...study,
  } as RunRecord;
}

/** The record of a finished comparison or grid (their results carry config and backend). */
export function recordOfResults(
  results: ExperimentResults,
  opts: { readonly fingerprint: string | null; readonly totalMs?: number; readonly now: Date },
): RunRecord {
  // The worker passes the run's config through untouched, so it is the ExperimentConfig.
  const config = results.config as ExperimentConfig;
  const kind = results.ablation ? 'ablation' : 'comparison';
  return buildRunRecord({ kind, results }, { ...opts, config, backend: results.backend });
}

/**
 * What saving a study read from a file takes besides the study: its config, read back field by
 * field (a file may hold anything), and backend; null when the file does not say how it ran.
 */
export function saveMetaOf(file: StudyFile): { config: ExperimentConfig; backend: string } | null {
  const meta = metaOf(file);
  return meta ? { config: runConfigOf(meta.config).config, backend: meta.backend } : null;
}

/**
 * A stored value as a record this version can show, or null (older or foreign data is left out).
 * Records saved before studies had kinds are comparisons (or grids, by their ablation section).
 */
export function asRunRecord(x: unknown): RunRecord | null {
  const r = x as (Partial<RecordMeta> & { kind?: unknown; results?: unknown }) | null;
  if (typeof r?.id !== 'string' || typeof r.name !== 'string' || typeof r.createdAt !== 'string') return null;
  if (typeof r.config !== 'object' || r.config === null || typeof r.results !== 'object' || !r.results)
    return null;
  const results = r.results as Partial<ExperimentResults> & { methods?: unknown };
  const kind = r.kind ?? (results.ablation ? 'ablation' : 'comparison');
  if (!STUDY_KINDS.includes(kind as StudyKind)) return null;
  if (kind === 'cold-start')
    return typeof results.methods === 'object' ? ({ ...r, kind } as RunRecord) : null;
  const ok = results.version === 1 && Array.isArray(results.groupings);
  return ok ? ({ ...r, kind } as RunRecord) : null;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/**
 * What the user reads when history storage fails: `action` ('save the run') and why; a full
 * quota says how full and what to do, since that is the one failure the user can fix.
 */
export function storageErrorText(action: string, err: unknown, estimate: StorageEstimate | null): string {
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError') {
    const use = estimate
      ? `${mb(estimate.usage)} MB used of ${mb(estimate.quota)} MB`
      : 'the browser did not say how much is used';
    return `Could not ${action}: the browser's storage quota is full (${use}); delete old runs and try again.`;
  }
  const message = err instanceof Error || err instanceof DOMException ? err.message : String(err);
  return `Could not ${action}: ${name ? `${name}: ` : ''}${message || 'unknown storage error'}.`;
}
