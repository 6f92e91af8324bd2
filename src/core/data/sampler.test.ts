import { describe, expect, it } from 'vitest';
import { createBatchSampler, type Rng } from './sampler';

/** mulberry32: a tiny seeded generator, local to the tests (rng.ts is the project's). */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const nextFloat = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { nextFloat, nextInt: (n) => Math.floor(nextFloat() * n) };
}

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);
// Promo rows are 0..999, ad rows 1000..1099: promo:ad = 10:1.
const rowsBySource = { promo: range(0, 1000), ad: range(1000, 1100) };
const promoCount = (b: Int32Array) => b.filter((r) => r < 1000).length;

describe('createBatchSampler', () => {
  it('draws exactly round(batchSize * share) promo rows per batch whatever the source sizes', () => {
    const s = createBatchSampler({ rowsBySource, batchSize: 64, promoShare: 0.5, rng: mulberry32(1) });
    for (let k = 0; k < 20; k++) expect(promoCount(s.next())).toBe(32);
    const s3 = createBatchSampler({ rowsBySource, batchSize: 10, promoShare: 0.25, rng: mulberry32(1) });
    expect(promoCount(s3.next())).toBe(3); // round(2.5) = 3
    expect(s.stepsPerEpoch).toBe(Math.ceil(1100 / 64));
  });

  it('follows the data ratio with promoShare natural', () => {
    const s = createBatchSampler({ rowsBySource, batchSize: 100, promoShare: 'natural', rng: mulberry32(2) });
    let promo = 0;
    for (let k = 0; k < 11; k++) promo += promoCount(s.next()); // exactly one pass of 1100 rows
    expect(promo).toBe(1000);
  });

  it('visits every row once per pass of each source stream', () => {
    const s = createBatchSampler({ rowsBySource, batchSize: 20, promoShare: 0.5, rng: mulberry32(3) });
    const ads: number[] = [];
    for (let k = 0; k < 10; k++) ads.push(...s.next().filter((r) => r >= 1000)); // 10 x 10 ad rows
    expect(new Set(ads).size).toBe(100);
    const pooled = createBatchSampler({
      rowsBySource,
      batchSize: 128,
      promoShare: 'natural',
      rng: mulberry32(3),
    });
    const seen: number[] = [];
    for (let k = 0; k < pooled.stepsPerEpoch; k++) seen.push(...pooled.next());
    // 9 batches = 1152 draws: the first 1100 are a permutation, the last 52 start the next pass.
    expect(new Set(seen.slice(0, 1100)).size).toBe(1100);
    expect(new Set(seen.slice(1100)).size).toBe(52);
  });

  it('draws from the only source that has rows', () => {
    const s = createBatchSampler({
      rowsBySource: { promo: new Int32Array(0), ad: range(1000, 1010) },
      batchSize: 4,
      promoShare: 0.5,
      rng: mulberry32(4),
    });
    const rows = [s.next(), s.next(), s.next()].flatMap((b) => [...b]);
    expect(rows.every((r) => r >= 1000 && r < 1010)).toBe(true);
    expect(new Set(rows.slice(0, 10)).size).toBe(10);
    expect(s.stepsPerEpoch).toBe(3);
  });

  it('repeats the same batches for the same seed and differs for another', () => {
    const batches = (seed: number) => {
      const s = createBatchSampler({ rowsBySource, batchSize: 16, promoShare: 0.5, rng: mulberry32(seed) });
      return [s.next(), s.next(), s.next()].map((b) => [...b]);
    };
    expect(batches(7)).toEqual(batches(7));
    expect(batches(7)).not.toEqual(batches(8));
  });

  it('does not shuffle the caller arrays and rejects impossible settings', () => {
    const promo = range(0, 5);
    createBatchSampler({
      rowsBySource: { promo, ad: range(5, 8) },
      batchSize: 2,
      promoShare: 0.5,
      rng: mulberry32(5),
    }).next();
    expect([...promo]).toEqual([0, 1, 2, 3, 4]);
    const bad = (o: object) => () =>
      createBatchSampler({ rowsBySource, batchSize: 8, promoShare: 0.5, rng: mulberry32(1), ...o });
    expect(bad({ batchSize: 0 })).toThrow(/batchSize/);
    expect(bad({ promoShare: 1.5 })).toThrow(/promoShare/);
    expect(bad({ rowsBySource: { promo: new Int32Array(0), ad: new Int32Array(0) } })).toThrow(
      /no training rows/,
    );
  });
});
