/**
 * Test fixture (not app code): a small synthetic test set and per-seed scores from which
 * buildRigor's input is made, so tests exercise the real builders end to end. joint-5task's
 * scores follow the true stream probability; promo-mtl's are noise.
 */
import { GROUPINGS } from '../config/groupings';
import { createRng } from '../data/rng';
import type { TaskId } from '../data/schema';
import { buildResults, type ExperimentResults } from '../results/results';
import type { RigorInput } from './rigor';

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

export const W = world();
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

export function rigorInput(seeds: number[], bootstrapResamples = 200): RigorInput {
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
