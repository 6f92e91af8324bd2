/**
 * Seeded, backend-independent weight initialisation. Values are generated on the CPU from a
 * PRNG keyed by (seed, variable name), so a variable's initial value does not depend on which
 * other variables a model has (the shared bottom of two groupings starts identical for the same
 * seed) nor on the backend it is uploaded to.
 */

/** 32-bit FNV-1a hash of a string, mixed with a seed. */
function hash(seed: number, name: string): number {
  let h = (2166136261 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

/** Mulberry32: a small, fast PRNG returning uniform floats in [0, 1). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` values uniform in [-limit, limit), from the stream keyed by (seed, name). */
export function seededUniform(seed: number, name: string, size: number, limit: number): Float32Array {
  const next = mulberry32(hash(seed, name));
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * next() - 1) * limit;
  return out;
}

/** Glorot (Xavier) uniform limit for a dense kernel: sqrt(6 / (fanIn + fanOut)). */
export function glorotLimit(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}
