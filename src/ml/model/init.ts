/**
 * Seeded, backend-independent weight initialisation. Values are generated on the CPU from a
 * PRNG keyed by (seed, variable name), so a variable's initial value does not depend on which
 * other variables a model has (the shared bottom of two groupings starts identical for the same
 * seed) nor on the backend it is uploaded to.
 */
import { createRng } from '../../core/data/rng';

/** `size` values uniform in [-limit, limit), from the stream keyed by (seed, name). */
export function seededUniform(seed: number, name: string, size: number, limit: number): Float32Array {
  const rng = createRng(seed).fork(`init:${name}`);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (2 * rng.nextFloat() - 1) * limit;
  return out;
}

/** Glorot (Xavier) uniform limit for a dense kernel: sqrt(6 / (fanIn + fanOut)). */
export function glorotLimit(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}

/** `size` values from N(0, std^2), from the stream keyed by (seed, name) (the rng's normal draws). */
export function seededNormal(seed: number, name: string, size: number, std: number): Float32Array {
  const rng = createRng(seed).fork(`init:${name}`);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.normal() * std;
  return out;
}
