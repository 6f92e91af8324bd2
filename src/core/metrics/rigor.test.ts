import { describe, expect, it } from 'vitest';
import { buildRigor } from './rigor';
import { rigorInput as input } from './rigor-world';

describe('buildRigor', () => {
  it("reports each seed's AP exactly as the per-seed results do, with a t interval over seeds", () => {
    const inp = input([1, 2, 3]);
    const r = buildRigor(inp);
    const perSeed = inp.perSeedResults.map((x) => x.groupings[1].segments.ad.all.ap);
    expect(r.ap['joint-5task'].ad.all.values).toEqual(perSeed);
    expect(r.ap['joint-5task'].ad.all.n).toBe(3);
    expect(r.ap['joint-5task'].ad.all.lo).toBeLessThan(r.ap['joint-5task'].ad.all.mean!);
    expect(r.apRel['promo-mtl'].promo.all.values).toEqual([0, 0, 0]);
    expect(r.seeds).toEqual([1, 2, 3]);
  });

  it('gives the informed model a bootstrap interval above zero and none for the baseline', () => {
    const r = buildRigor(input([1, 2]));
    const b = r.bootstrap['joint-5task'].ad.all;
    expect(b.diff).toBeGreaterThan(0);
    expect(b.lo).toBeGreaterThan(0);
    expect(b.p).toBeLessThan(0.05);
    expect(b.resamples).toBe(200);
    expect(r.bootstrap['promo-mtl']).toBeUndefined();
    // Same seed, same resamples: the bootstrap is deterministic.
    expect(buildRigor(input([1, 2])).bootstrap).toEqual(r.bootstrap);
  });

  it('replays with labels and with the true probabilities, the baseline at 0 relative change', () => {
    const r = buildRigor(input([1]));
    expect(r.replay.buyShare).toBe(0.3);
    expect(r.replay.label['promo-mtl'].all.rel.i2s.values).toEqual([0]);
    // 20 shows x 10 ad rows each: each model buys round(0.3 * 10) = 3 per show.
    expect(r.replay.label['joint-5task'].all.impressions).toBe(60);
    // Scored by the true p(stream), the informed model's purchases stream more.
    expect(r.replay.expected?.['joint-5task'].all.rel.i2s.mean).toBeGreaterThan(0);
    expect(r.replay.expected?.['joint-5task'].all.value.ctr.mean).toBeCloseTo(0.3, 6);
    expect(buildRigor({ ...input([1]), truth: undefined }).replay.expected).toBeNull();
  });

  it("keeps the first seed's PR curves and turns the bootstrap off at 0 resamples", () => {
    const r = buildRigor(input([1, 2], 0));
    const pr = r.pr['joint-5task'].promo;
    expect(pr?.recall.at(-1)).toBe(1);
    expect(pr?.recall.length).toBe(pr?.precision.length);
    expect(r.bootstrap['joint-5task'].promo.all.lo).toBeNull();
    expect(r.bootstrap['joint-5task'].promo.all.diff).not.toBeNull();
  });
});
