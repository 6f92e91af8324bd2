/**
 * The prediction fingerprint: which numbers a run produced, in 16 hex digits, so that two runs
 * of one share link can be told apart or matched without sending either run's results.
 *
 * Same data, config and seeds on the same backend and adapter give the same float32 test scores
 * bit for bit (WebGPU included: its reductions run in a fixed order), hence the same fingerprint;
 * another backend (cpu, wasm, a different GPU) usually differs in the last bits of some scores,
 * which the fingerprint shows as a different value while the APs agree to their printed digits.
 */
import { Fnv } from '../data/fingerprint';
import { TASKS, type TaskId } from '../data/schema';
import type { Metric } from './metric';

/** Test scores of one seed: per grouping id, per head, one float32 per test row. */
export type SeedScores = ReadonlyMap<string, Partial<Record<TaskId, Float32Array>>>;

/** How a run was computed, and the fingerprint of what it computed. */
export interface Reproduction {
  /** 16 hex digits over every seed's, grouping's and head's test scores (float32 bytes). */
  readonly predictions: string;
  /** The tfjs backend that trained the run. */
  readonly backend: string;
  /** The GPU adapter (webgpu only), e.g. `nvidia ampere (NVIDIA A100)`. */
  readonly adapter?: string;
}

/**
 * FNV-1a (two 32-bit lanes) over, in order: seeds, then groupings in `groupings` order, then
 * heads in TASKS order, each head's id and the float32 bytes of its scores (lengths included).
 */
export function predictionFingerprint(perSeed: readonly SeedScores[], groupings: readonly string[]): string {
  const h = new Fnv();
  h.word(perSeed.length);
  for (const scores of perSeed)
    for (const id of groupings) {
      h.text(id);
      const byHead = scores.get(id) ?? {};
      for (const task of TASKS) {
        const s = byHead[task];
        if (!s) continue;
        h.text(task);
        h.bytes(s);
      }
    }
  return h.hex();
}

/** What a run's fingerprint says against an expected one (from the sender's link or results). */
export type ReproductionVerdict =
  | { readonly kind: 'same' }
  | { readonly kind: 'differs'; readonly sameBackend: boolean; readonly why: string };

/**
 * Compares a run with the one it should reproduce. The same fingerprint: the same numbers. A
 * different one on another backend or adapter: float arithmetic of that backend (sums in another
 * order, fused multiply-adds), expected; on the same backend and adapter: something else changed
 * (data, code version, or a nondeterministic kernel).
 */
export function compareReproduction(
  mine: Reproduction,
  expected: { readonly predictions: string; readonly backend?: string; readonly adapter?: string },
): ReproductionVerdict {
  if (mine.predictions === expected.predictions) return { kind: 'same' };
  if (expected.backend === undefined)
    return { kind: 'differs', sameBackend: false, why: 'the sender’s backend is not known' };
  const sameBackend = expected.backend === mine.backend && (expected.adapter ?? '') === (mine.adapter ?? '');
  const why = sameBackend
    ? 'same backend and adapter, so the data, the app version or the browser changed'
    : `backend arithmetic: ${describeBackend(expected)} then, ${describeBackend(mine)} now`;
  return { kind: 'differs', sameBackend, why };
}

/** `webgpu on nvidia ampere` or `wasm`. */
export function describeBackend(r: { readonly backend?: string; readonly adapter?: string }): string {
  return `${r.backend ?? 'unknown backend'}${r.adapter ? ` on ${r.adapter}` : ''}`;
}

/** The run a new one should reproduce: from a share link's `fp=`, or from imported results. */
export interface ReproduceTarget {
  readonly predictions: string;
  readonly backend?: string;
  readonly adapter?: string;
  readonly from: 'link' | 'results';
  /** Imported results only: when they were made (the view does not check them against themselves). */
  readonly createdAt?: string;
  /** Imported results only: each grouping's promotion and ad AP, to say by how much a run differs. */
  readonly aps?: Readonly<Record<string, { readonly promo: number | null; readonly ad: number | null }>>;
}

/** The target imported results set (null when they carry no fingerprint). */
export function reproduceTargetOf(r: {
  readonly createdAt: string;
  readonly reproduction?: Reproduction;
  readonly groupings: readonly { readonly id: string; readonly promoAp: Metric; readonly adAp: Metric }[];
}): ReproduceTarget | null {
  if (!r.reproduction) return null;
  const aps = Object.fromEntries(r.groupings.map((g) => [g.id, { promo: g.promoAp, ad: g.adAp }]));
  return { ...r.reproduction, from: 'results', createdAt: r.createdAt, aps };
}

/**
 * The largest |AP difference| between a run and the target's APs over the groupings both have,
 * or null when the target has no APs (a link) or they share none.
 */
export function largestApDifference(
  target: ReproduceTarget,
  groupings: readonly { readonly id: string; readonly promoAp: Metric; readonly adAp: Metric }[],
): number | null {
  let worst: number | null = null;
  for (const g of groupings) {
    const t = target.aps?.[g.id];
    if (!t) continue;
    for (const [a, b] of [
      [g.promoAp, t.promo],
      [g.adAp, t.ad],
    ])
      if (a !== null && b !== null) worst = Math.max(worst ?? 0, Math.abs(a - b));
  }
  return worst;
}

/** `fp=` of a share link: the 16 hex digits, then optionally `-` and the sender's backend. */
export function fingerprintParam(r: Pick<Reproduction, 'predictions' | 'backend'>): string {
  return `${r.predictions}-${r.backend}`;
}

/** Reads `fp=`; null when it is not 16 hex digits with an optional `-backend` of letters. */
export function parseFingerprintParam(raw: string | null): ReproduceTarget | null {
  const m = raw === null ? null : /^([0-9a-f]{16})(?:-([a-z]{2,12}))?$/.exec(raw.trim().toLowerCase());
  if (!m) return null;
  return { predictions: m[1] as string, ...(m[2] ? { backend: m[2] } : {}), from: 'link' };
}
