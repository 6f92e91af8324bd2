/**
 * Seeded pseudo-random numbers: sfc32 (128-bit state, 32-bit output) seeded by splitmix32.
 * Pure and deterministic in Node and browsers, so one seed reproduces a whole run.
 */

/** splitmix32 step: a well-mixed 32-bit output from a counter; used only to seed sfc32. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** 32-bit FNV-1a of a key and a label, finished with murmur3's fmix32 so nearby labels diverge. */
function deriveKey(key: number, label: string): number {
  let h = (0x811c9dc5 ^ key) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

/**
 * A seeded generator. Independent consumers should each take their own `fork(label)`: a fork
 * depends only on the parent's seed and the label, never on how many numbers the parent has
 * drawn, so adding draws in one consumer cannot shift another's stream.
 */
export class Rng {
  /** The 32-bit key this generator was seeded with (forks derive from it). */
  readonly key: number;
  /**
   * sfc32's state a, b, c, d as int32. A typed array, not four number fields: V8 with pointer
   * compression (Chromium, not Node) keeps only 31-bit integers unboxed in a field, so every draw
   * stored a fresh heap number per field and ran about 6x slower in the browser than in Node.
   */
  private readonly s = new Int32Array(4);
  private spare = Number.NaN;

  constructor(seed: number) {
    // Seeds may be any number; fold to 32 bits (non-integers keep their fraction's bits too).
    this.key = (Math.floor(seed) ^ Math.floor((seed % 1) * TWO_POW_32)) >>> 0;
    const st = { s: this.key };
    for (let i = 0; i < 4; i++) this.s[i] = splitmix32(st); // stored mod 2^32, as sfc32 uses them
    for (let i = 0; i < 12; i++) this.nextUint32(); // sfc32's recommended warm-up
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const s = this.s;
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const d = (s[3] + 1) | 0;
    const t = (((a + b) | 0) + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    s[3] = d;
    return t >>> 0;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32 (bias below n / 2^32, negligible here). */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Standard normal N(0, 1) by Box-Muller; the second value of each pair is cached. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    const u1 = 1 - this.nextFloat(); // in (0, 1], so log is finite
    const u2 = this.nextFloat();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** 1 with probability p, else 0. */
  bernoulli(p: number): 0 | 1 {
    return this.nextFloat() < p ? 1 : 0;
  }

  /** An independent generator determined by this one's seed and `label` only. */
  fork(label: string): Rng {
    return new Rng(deriveKey(this.key, label));
  }
}

/** A generator for `seed` (any number; folded to 32 bits). */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/** Fisher-Yates shuffle of `arr` in place (uniform over permutations); returns `arr`. */
export function shuffleInPlace(arr: Int32Array, rng: Pick<Rng, 'nextInt'>): Int32Array {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}

/**
 * Draws indices i with probability weights[i] / sum(weights) (weights >= 0, sum > 0), by binary
 * search on the cumulative sums: O(log n) a draw, O(n) to build.
 */
export function weightedSampler(weights: ArrayLike<number>): (rng: Rng) => number {
  const n = weights.length;
  const cum = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) cum[i] = s += Math.max(0, weights[i]);
  if (!(s > 0)) throw new RangeError('weightedSampler needs a positive total weight');
  return (rng) => {
    const u = rng.nextFloat() * s;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
