import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableToCsv } from '../src/core/data/csv-writer';
import { DEFAULT_SIM_CONFIG, simulate } from '../src/core/data/simulator';
import type { ReplayTable } from '../src/core/results/rigor-types';
import {
  buyCount,
  type Cell,
  compareReplay,
  METRICS,
  type Recomputed,
  recomputeReplay,
  SEGMENTS,
  table2Cells,
} from './replay-check';

// Row 0 is a promotion (never bought). Show A = rows 1-3 (tier 0), show B = rows 4-5 (tier 4,
// less-streamed). Row 3 has no click label and no cost (counts 1).
const INPUT = `source,day,user_id,podcast_id,stream,click,like,follow,cost
promo,5,u1,A,1,1,0,0,9
ad,5,u1,A,1,1,0,0,2
ad,5,u2,A,0,0,0,0,1
ad,5,u3,A,1,,0,0,
ad,5,u1,B,0,1,0,0,3
ad,5,u2,B,1,0,0,0,4
`;
const HEAD = 'row,source,day,tier,less_streamed,stream,click,like,follow';
const labels = [
  'promo,5,0,0,1,1,0,0',
  'ad,5,0,0,1,1,0,0',
  'ad,5,0,0,0,0,0,0',
  'ad,5,0,0,1,,0,0',
  'ad,5,4,1,0,1,0,0',
  'ad,5,4,1,1,0,0,0',
];
/** Predictions CSV: score columns `names`, one list of 6 scores (rows 0-5) per column. */
const preds = (names: string[], scores: number[][]) =>
  [[HEAD, ...names].join(','), ...labels.map((l, r) => [r, l, ...scores.map((s) => s[r])].join(','))].join(
    '\n',
  );

// base (promo_stream only): show A buys round(0.5 * 3) = 2: row 2 (0.5), then rows 1 and 3 tie at
// 0.4 -> row 1. Show B buys round(0.5 * 2) = 1: row 4 (0.7). Bought {1, 2, 4}: 3 impressions,
// streams 1 (row 1), clicks 2 of 3 observed, cost 2 + 1 + 3 = 6 -> i2s 1/3, CTR 2/3, eCPS 6.
const BASE = [0.9, 0.4, 0.5, 0.4, 0.7, 0.6];
// m scores with ad_stream (its promo_stream column, which would buy rows 1, 3, 4, is ignored):
// A: rows 2 (0.3), 3 (0.2); B: row 5 (0.6). Bought {2, 3, 5}: streams 0 + 1 + 1 = 2, clicks 0 of 2
// observed (row 3 has none), cost 1 + 1 (missing) + 4 = 6 -> i2s 2/3, CTR 0, eCPS 3.
const M_AD = [0.9, 0.1, 0.3, 0.2, 0.1, 0.6];
const M_PROMO = [0.9, 0.9, 0.0, 0.5, 0.9, 0.0];

describe('recomputeReplay on a hand-worked example', () => {
  const re = recomputeReplay(
    INPUT,
    preds(['base:promo_stream', 'm:promo_stream', 'm:ad_stream'], [BASE, M_PROMO, M_AD]),
    0.5,
    'base',
  );

  it('rounds q * n half up', () => {
    expect([buyCount(0.3, 5), buyCount(0.3, 1), buyCount(0.5, 3), buyCount(0.3, 10)]).toEqual([2, 0, 2, 3]);
  });

  it('buys per show, ties to the lower row, ad_stream before promo_stream', () => {
    expect(re.seeds).toEqual(['']);
    const { base, m } = re.mean;
    expect({ ...base.all, rel: undefined }).toEqual({
      i2s: 1 / 3,
      ecps: 6,
      ctr: 2 / 3,
      streams: 1,
      rel: undefined,
    });
    expect({ ...m.all, rel: undefined }).toEqual({ i2s: 2 / 3, ecps: 3, ctr: 0, streams: 2, rel: undefined });
    // rel: i2s (2/3 - 1/3) / (1/3) = 1; eCPS (3 - 6) / 6 = -0.5; CTR (0 - 2/3) / (2/3) = -1; streams 1.
    expect(m.all.rel.i2s).toBeCloseTo(1, 12);
    expect(m.all.rel).toMatchObject({ ecps: -0.5, ctr: -1, streams: 1 });
    expect(base.all.rel).toEqual({ i2s: 0, ecps: 0, ctr: 0, streams: 0 });
  });

  it('reports segments over the bought rows, null where undefined', () => {
    const { base, m } = re.mean;
    // Less-streamed = show B: base bought row 4 (no stream, click 1, cost 3), m row 5 (stream, click 0, cost 4).
    expect(base['less-streamed']).toMatchObject({ i2s: 0, ecps: null, ctr: 1, streams: 0 });
    expect(m['less-streamed']).toMatchObject({ i2s: 1, ecps: 4, ctr: 0, streams: 1 });
    // Baseline i2s and streams are 0 and its eCPS undefined: those changes are null.
    expect(m['less-streamed'].rel).toEqual({ i2s: null, ecps: null, ctr: -1, streams: null });
    expect(m.tier4).toEqual(m['less-streamed']);
    expect(m['high-stream']).toEqual(m.tier0);
    // m bought rows 2, 3 of show A: 1 stream, 1 observed click (0), cost 2.
    expect(m.tier0).toMatchObject({ i2s: 0.5, ecps: 2, ctr: 0, streams: 1 });
    expect(m.tier1).toEqual({
      i2s: null,
      ecps: null,
      ctr: null,
      streams: 0,
      rel: { i2s: null, ecps: null, ctr: null, streams: null },
    });
    expect(table2Cells(re, 'm')).toEqual([
      '+100.0%',
      '-50.0%',
      '-100.0%',
      '+100.0%',
      'n/a',
      'n/a',
      '-100.0%',
      'n/a',
    ]);
  });

  it('counts cost 1 per row when there is no cost column', () => {
    const noCost = INPUT.replace(/,[^,\n]*$/gm, '');
    const r = recomputeReplay(noCost, preds(['base:promo_stream', 'm:ad_stream'], [BASE, M_AD]), 0.5, 'base');
    // base: 3 rows / 1 stream; m: 3 rows / 2 streams.
    expect([r.mean.base.all.ecps, r.mean.m.all.ecps]).toEqual([3, 1.5]);
  });

  it('averages per-seed values and per-seed relative changes over seeds', () => {
    // Seed 2: m scores like base, so it buys the same rows and every defined change is 0.
    const names = ['base:promo_stream@7', 'base:promo_stream@8', 'm:ad_stream@7', 'm:ad_stream@8'];
    const r = recomputeReplay(INPUT, preds(names, [BASE, BASE, M_AD, BASE]), 0.5, 'base');
    expect(r.seeds).toEqual(['7', '8']);
    expect(r.perSeed['8'].m.all.rel).toEqual({ i2s: 0, ecps: 0, ctr: 0, streams: 0 });
    // Means of (1, 0), (-0.5, 0), (-1, 0), (1, 0); less-streamed i2s is null in both seeds.
    expect(r.mean.m.all.rel.i2s).toBeCloseTo(0.5, 12);
    expect(r.mean.m.all.rel).toMatchObject({ ecps: -0.25, ctr: -0.5, streams: 0.5 });
    expect(r.mean.m.all.i2s).toBeCloseTo((2 / 3 + 1 / 3) / 2, 12);
    expect(r.mean.m['less-streamed'].rel).toEqual({ i2s: null, ecps: null, ctr: -0.5, streams: null });
  });
});

type Iv = { mean: number | null; lo: null; hi: null; n: number; values: (number | null)[] };
/** A results-shaped label table holding exactly the recomputed numbers. */
function asLabel(
  r: Recomputed,
  seeds: string[],
): Record<string, Record<string, Record<string, Record<string, Iv>>>> {
  const iv = (get: (c: Cell) => number | null, g: string, seg: string): Iv => ({
    ...{ mean: get(r.mean[g][seg]), lo: null, hi: null, n: seeds.length },
    values: seeds.map((s) => get(r.perSeed[s][g][seg])),
  });
  const part = (get: (c: Cell, k: (typeof METRICS)[number]) => number | null, g: string, seg: string) =>
    Object.fromEntries(METRICS.map((k) => [k, iv((c) => get(c, k), g, seg)]));
  return Object.fromEntries(
    Object.keys(r.mean).map((g) => [
      g,
      Object.fromEntries(
        SEGMENTS.map((seg) => [
          seg,
          { value: part((c, k) => c[k], g, seg), rel: part((c, k) => c.rel[k], g, seg) },
        ]),
      ),
    ]),
  );
}

describe('compareReplay', () => {
  it('accepts equal numbers within 1e-9 and reports a changed value or null', () => {
    const names = ['base:promo_stream@7', 'base:promo_stream@8', 'm:ad_stream@7', 'm:ad_stream@8'];
    const r = recomputeReplay(INPUT, preds(names, [BASE, BASE, M_AD, BASE]), 0.5, 'base');
    const label = asLabel(r, ['7', '8']);
    const check = () => compareReplay(r, label as unknown as ReplayTable, [7, 8]);
    expect(check()).toEqual([]);
    label.m.all.value.i2s.values[1] = (1 / 3) * (1 + 1e-12);
    expect(check()).toEqual([]);
    label.m.all.value.i2s.values[1] = 0.5;
    expect(check()).toEqual([expect.stringMatching(/^m all value\.i2s: /)]);
    label.m.all.value.i2s.values[1] = 1 / 3;
    label.m.tier1.rel.ctr.mean = 0;
    expect(check()).toEqual([expect.stringMatching(/^m tier1 rel\.ctr: /)]);
  });
});

/** The 8 mean cells printed on `grouping`'s line of the Table 2 block. */
function printedTable2(stdout: string, grouping: string): string[] {
  const block = stdout.slice(stdout.indexOf('Table 2'));
  const line = block.split('\n').find((l) => l.startsWith(`${grouping} `));
  if (!line) throw new Error(`no Table 2 line for ${grouping} in:\n${stdout}`);
  const cells = line.slice(grouping.length).match(/(?:[+-]\d+\.\d%|n\/a)(?: \[[^\]]*\])?/g) ?? [];
  return cells.slice(0, 8).map((c) => c.split(' [')[0]);
}

describe('CLI replay against the recomputation', () => {
  it('matches results.rigor.replay.label and Table 2 on simulated data', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-check-'));
    const [data, out, predsPath] = ['sim.csv', 'results.json', 'preds.csv'].map((f) => join(dir, f));
    // Big enough for a few thousand ad test rows; every 7th cost left empty (it must count 1).
    const cfg = { ...DEFAULT_SIM_CONFIG, users: 2000, shows: 200, days: 10, impressionsPerDay: 2500 };
    const table = simulate(cfg, 11);
    for (let i = 0; i < table.n; i += 7) if (table.cost) table.cost[i] = Number.NaN;
    writeFileSync(data, tableToCsv(table));
    const config = JSON.stringify({
      train: { maxEpochs: 1, batchSize: 256 },
      model: { embeddingDim: 4, encoderUnits: [16], towerUnits: [8] },
    });
    const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
    const args = [join(import.meta.dirname, 'experiment.ts'), '--data', data, '--config', config];
    args.push('--groupings', 'promo-mtl,joint-5task,ads-stream', '--repeats', '2', '--buy-share', '0.25');
    args.push('--bootstrap', '0', '--out', out, '--predictions', predsPath, '--quiet');
    const r = spawnSync(tsx, args, { encoding: 'utf8', timeout: 290_000 });
    expect(r.status, r.stderr).toBe(0);

    const results = JSON.parse(readFileSync(out, 'utf8'));
    const { buyShare, label } = results.rigor.replay;
    expect(buyShare).toBe(0.25);
    expect(results.rigor.seeds).toHaveLength(2);
    const re = recomputeReplay(
      readFileSync(data, 'utf8'),
      readFileSync(predsPath, 'utf8'),
      buyShare,
      results.baseline,
    );
    expect(re.seeds).toEqual(results.rigor.seeds.map(String));
    expect(Object.keys(label).sort()).toEqual(['ads-stream', 'joint-5task', 'promo-mtl']);
    expect(Object.keys(label['ads-stream']).sort()).toEqual([...SEGMENTS].sort());
    expect(compareReplay(re, label, results.rigor.seeds)).toEqual([]);
    for (const g of Object.keys(label).filter((id) => id !== results.baseline))
      expect(printedTable2(r.stdout, g), g).toEqual(table2Cells(re, g));
  });
});
