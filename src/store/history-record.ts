/**
 * A finished run as run history keeps it, the repository interface the history slice talks to,
 * and the pure helpers around them (default name, record builder, storage error text). The slice
 * depends on `HistoryRepo`, not on IndexedDB, so it is unit-tested in Node with a fake repo and
 * the IndexedDB implementation (history-db.ts) is tested in the browser.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { dataSourceOf } from '../core/metrics/compare';
import type { ExperimentResults } from '../core/metrics/results-types';

export interface RunTimings {
  /** Training wall time per grouping id (ms, validation included). */
  readonly byGrouping: Readonly<Record<string, number>>;
  /** From pressing Start to the results (ms): dataset preparation and every grouping. */
  readonly totalMs: number;
}

export interface RunRecord {
  readonly id: string;
  readonly name: string;
  /** ISO 8601 time the run was saved; the list is newest first by this. */
  readonly createdAt: string;
  readonly config: ExperimentConfig;
  /** Fingerprint of the dataset the run trained on (null if the dataset was not known yet). */
  readonly datasetFingerprint: string | null;
  /** 'simulated (seed 7)', a file name or a URL. */
  readonly datasetLabel: string;
  readonly results: ExperimentResults;
  readonly backend: string;
  readonly timings: RunTimings;
  /** The run other runs are compared to; at most one record is pinned. */
  readonly pinned: boolean;
}

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

/** 'joint-5task vs promo-mtl · seed 7 · 12:30' (local time), a name that tells runs apart. */
export function defaultRunName(config: ExperimentConfig, at: Date): string {
  const others = config.groupings.filter((g) => g !== config.baseline);
  const what =
    others.length === 0
      ? `${config.baseline} only`
      : others.length === 1
        ? `${others[0]} vs ${config.baseline}`
        : `${others.length} groupings vs ${config.baseline}`;
  return `${what} · seed ${config.seed} · ${pad2(at.getHours())}:${pad2(at.getMinutes())}`;
}

/** The data a config trained on, for the list: 'simulated (seed 7)', 'file log.csv' or the URL. */
export function datasetLabelOf(config: ExperimentConfig): string {
  const source = dataSourceOf(config);
  return source === 'simulated' ? `simulated (seed ${config.seed})` : source;
}

let idCounter = 0;

/** The record of a run that has just finished. */
export function buildRunRecord(
  results: ExperimentResults,
  opts: { readonly fingerprint: string | null; readonly totalMs?: number; readonly now: Date },
): RunRecord {
  // The worker passes the run's config through untouched, so it is the ExperimentConfig.
  const config = results.config as ExperimentConfig;
  const byGrouping = Object.fromEntries(results.groupings.map((g) => [g.id, g.trainMs]));
  const sum = results.groupings.reduce((t, g) => t + g.trainMs, 0);
  return {
    id: `run-${opts.now.getTime().toString(36)}-${(++idCounter).toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    name: defaultRunName(config, opts.now),
    createdAt: opts.now.toISOString(),
    config,
    datasetFingerprint: opts.fingerprint,
    datasetLabel: datasetLabelOf(config),
    results,
    backend: results.backend,
    timings: { byGrouping, totalMs: opts.totalMs ?? sum },
    pinned: false,
  };
}

/** A stored value is a record this version can show (older or foreign data is left out). */
export function isRunRecord(x: unknown): x is RunRecord {
  const r = x as Partial<RunRecord> | null;
  return (
    typeof r?.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.createdAt === 'string' &&
    r.results?.version === 1 &&
    Array.isArray(r.results.groupings) &&
    typeof r.config === 'object'
  );
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
