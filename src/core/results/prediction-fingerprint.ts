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
