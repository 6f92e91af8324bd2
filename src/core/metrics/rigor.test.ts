import { describe, expect, it } from 'vitest';
import { GROUPINGS } from '../config/groupings';
import { createRng } from '../data/rng';
import type { TaskId } from '../data/schema';
import { buildResults, type ExperimentResults } from './results';
import { buildRigor, type RigorInput } from './rigor';

/** 400 test rows over 20 shows, half ads; labels drawn from a known probability per row. */
function world() {
  const rng = createRng(5);
  const n = 400;
  const source = new Uint8Array(n);
  const stream = new Uint8Array(n);
  const click = new Uint8Array(n);
  const show = new Int32Array(n);
  const tier = new Uint8Array(n);
  const less = new Uint8Array(n);
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    source[i] = i % 2;
    show[i] = i % 20;
    tier[i] = show[i] % 8;
    less[i] = tier[i] >= 3 && tier[i] <= 5 ? 1 : 0;
    p[i] = 0.05 + 0.4 * rng.nextFloat();
    stream[i] = rng.nextFloat() < p[i] ? 1 : 0;
    click[i] = rng.nextFloat() < 0.3 ? 1 : 0;
  }
  const testRows = Int32Array.from({ length: n }, (_, i) => i);
  return { n, source, stream, click, show, tier, less, p, testRows };
}

const W = world();
const ids = ['promo-mtl', 'joint-5task'] as const;

/** Seed r's scores: joint-5task sees the true probability plus noise, promo-mtl mostly noise. */
function scoresFor(r: number) {
  const rng = createRng(100 + r);
  const map = new Map<string, Partial<Record<TaskId, Float32Array>>>();
  for (const id of ids) {
    const heads: Partial<Record<TaskId, Float32Array>> = {};
    for (const h of GROUPINGS[id].heads) {
      heads[h] = Float32Array.from(W.p, (x) => (id === 'joint-5task' ? x : 0.2) + 0.3 * rng.nextFloat());
    }
    map.set(id, heads);
  }
  return map;
}

function input(seeds: number[], bootstrapResamples = 200): RigorInput {
  const perSeedScores = seeds.map((_, r) => scoresFor(r));
  const perSeedResults: ExperimentResults[] = perSeedScores.map((scores) =>
    buildResults({
      createdAt: '2026-01-01T00:00:00.000Z',
      backend: 'cpu',
      config: {},
      dataset: {},
      baseline: 'promo-mtl',
      testRows: W.testRows,
      source: W.source,
      stream: W.stream,
      tier: W.tier,
      lessStreamed: W.less,
      groupings: ids.map((id) => ({
        grouping: GROUPINGS[id],
        scores: scores.get(id)!,
        history: [],
        trainMs: 0,
      })),
    }),
  );
  return {
    seeds,
    perSeedResults,
    perSeedScores,
    groupings: ids.map((id) => GROUPINGS[id]),
    baseline: 'promo-mtl',
    testRows: W.testRows,
    source: W.source,
    stream: W.stream,
    click: W.click,
    show: W.show,
    cost: null,
    tier: W.tier,
    lessStreamed: W.less,
    truth: { pStream: W.p, pClick: new Float32Array(W.n).fill(0.3) },
    buyShare: 0.3,
    bootstrapResamples,
    seed: 9,
  };
}

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
