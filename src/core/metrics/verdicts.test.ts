import { describe, expect, it } from 'vitest';
import type { Interval, PairedBootstrap, RigorResults } from '../results/rigor-types';
import type { TuningResults } from '../results/tuning-schema';
import { verdictOf, verdictsOf } from './verdicts';

/** An interval over seeds from its values (the bounds are given: the maths is intervals.ts's). */
const seeds = (values: number[], lo: number | null, hi: number | null): Interval => ({
  mean: values.reduce((a, b) => a + b, 0) / values.length,
  lo,
  hi,
  n: values.length,
  values,
});
const boot = (rel: number, relLo: number, relHi: number): PairedBootstrap => ({
  diff: rel / 100,
  rel,
  lo: relLo / 100,
  hi: relHi / 100,
  relLo,
  relHi,
  p: 0.5,
  resamples: 1000,
});

/** A rigor section where grouping `g` has the given change over seeds and bootstrap on ads, all rows. */
function rigorWith(rel: Interval, b: PairedBootstrap | null): RigorResults {
  const cell = { all: rel, 'less-streamed': rel } as unknown as Record<string, Interval>;
  return {
    seeds: rel.values.map((_, i) => i + 1),
    varies: 'training',
    ap: {},
    apRel: { g: { promo: cell, ad: cell } },
    bootstrap: b ? { g: { promo: { all: b, 'less-streamed': b }, ad: { all: b, 'less-streamed': b } } } : {},
    bootstrapResamples: b ? 1000 : 0,
    replay: { buyShare: 0.3, label: {}, expected: null },
    pr: {},
  } as unknown as RigorResults;
}

describe('verdicts', () => {
  it('better when the seeds and the bootstrap both exclude 0 above it, with the numbers', () => {
    const v = verdictOf(
      rigorWith(seeds([0.1, 0.2, 0.15], 0.03, 0.27), boot(0.15, 0.02, 0.3)),
      'g',
      'b',
      'ad',
      'all',
    );
    expect(v).toMatchObject({ kind: 'better', wins: 3, seeds: 3, settle: [] });
    expect(v.sentence).toBe(
      'g vs b, ads, all test rows: better (+15.0%; seeds 95% [+3.0%, +27.0%]; wins in 3 of 3 seeds; bootstrap 95% [+2.0%, +30.0%]).',
    );
  });

  it('worse when every interval lies below 0', () => {
    const v = verdictOf(rigorWith(seeds([-0.2, -0.3], -0.5, -0.05), null), 'g', 'b', 'promo', 'all');
    expect(v.kind).toBe('worse');
    expect(v.wins).toBe(0);
  });

  it('undecided seeds ask for more seeds; a bootstrap that straddles 0 asks for more days', () => {
    const seedsDisagree = verdictOf(
      rigorWith(seeds([0.3, -0.1, 0.2], -0.2, 0.5), boot(0.13, 0.01, 0.3)),
      'g',
      'b',
      'ad',
      'all',
    );
    expect(seedsDisagree).toMatchObject({ kind: 'indistinguishable', wins: 2, settle: ['seeds'] });
    expect(seedsDisagree.sentence).toMatch(
      /not distinguishable at this data size .*; more seeds \(repeats\) would settle it\.$/,
    );
    const rowsTooFew = verdictOf(
      rigorWith(seeds([0.1, 0.12, 0.11], 0.08, 0.14), boot(0.11, -0.05, 0.3)),
      'g',
      'b',
      'ad',
      'all',
    );
    expect(rowsTooFew.settle).toEqual(['days']);
    expect(rowsTooFew.sentence).toMatch(/more test days \(more data\) would settle it/);
  });

  it('one seed and no bootstrap decides nothing: the smoke-test case', () => {
    const v = verdictOf(rigorWith(seeds([1.59], null, null), null), 'g', 'b', 'ad', 'all');
    expect(v).toMatchObject({ kind: 'indistinguishable', settle: ['seeds', 'days'] });
    expect(v.sentence).toMatch(/\+159\.0%; one seed, no interval over seeds; wins in 1 of 1 seed\)/);
  });

  it('seeds and rows pointing opposite ways decide nothing and ask for both', () => {
    const v = verdictOf(
      rigorWith(seeds([0.1, 0.1], 0.05, 0.15), boot(-0.1, -0.2, -0.01)),
      'g',
      'b',
      'ad',
      'all',
    );
    expect(v).toMatchObject({ kind: 'indistinguishable', settle: ['seeds', 'days'] });
  });

  it('a tier segment has no bootstrap: the seeds decide alone; no defined value is undefined', () => {
    const r = rigorWith(seeds([0.1, 0.2], 0.01, 0.3), boot(0.15, -0.1, 0.4));
    const tier = {
      ...r,
      apRel: { g: { ad: { tier3: seeds([0.1, 0.2], 0.01, 0.3) } } },
    } as unknown as RigorResults;
    expect(verdictOf(tier, 'g', 'b', 'ad', 'tier3')).toMatchObject({ kind: 'better', bootstrap: null });
    const none = {
      ...r,
      apRel: { g: { ad: { tier3: { mean: null, lo: null, hi: null, n: 0, values: [null] } } } },
    };
    expect(verdictOf(none as unknown as RigorResults, 'g', 'b', 'ad', 'tier3').kind).toBe('undefined');
  });

  it('lists every grouping but the baseline, per channel and segment', () => {
    const r = rigorWith(seeds([0.1, 0.2], 0.01, 0.3), null);
    const all = verdictsOf(r, ['b', 'g'], 'b', ['all', 'less-streamed']);
    expect(all.map((v) => `${v.grouping}/${v.channel}/${v.segment}`)).toEqual([
      'g/promo/all',
      'g/promo/less-streamed',
      'g/ad/all',
      'g/ad/less-streamed',
    ]);
  });

  it('with tuning, the all-rows verdict says whether it holds across the top three recipes of each', () => {
    /** A tuning section where each grouping's trials have these ad validation APs, ranked in order. */
    const trial = (index: number, ad: number | null) => ({
      index,
      recipe: {} as TuningResults['groupings'][string]['trials'][number]['recipe'],
      valAp: ad,
      seeds: 1,
      valApByChannel: { promo: null, ad },
      epochs: 1,
      steps: 1,
      ms: 0,
    });
    const tuning = (g: (number | null)[], b: (number | null)[]): TuningResults => ({
      trials: g.length,
      seed: 1,
      method: 'successive halving',
      rungs: [g.length],
      space: {},
      selection: 'x',
      groupings: {
        g: { trials: g.map((v, i) => trial(i, v)), chosen: 0, ranking: g.map((_, i) => i) },
        b: { trials: b.map((v, i) => trial(i, v)), chosen: 0, ranking: b.map((_, i) => i) },
      },
    });
    const better = rigorWith(seeds([0.1, 0.2, 0.15], 0.03, 0.27), boot(0.15, 0.02, 0.3));
    // Every one of g's top 3 beats every one of b's top 3 (the fourth trials are not counted).
    const holds = verdictOf(
      better,
      'g',
      'b',
      'ad',
      'all',
      tuning([0.3, 0.29, 0.28, 0.01], [0.2, 0.21, 0.22, 0.9]),
    );
    expect(holds.recipes).toEqual({ top: 3, ahead: 9, pairs: 9, holds: true });
    expect(holds.sentence).toMatch(
      /Recipes: across the top 3 recipes of each on validation it is ahead in 9 of 9 pairs; the verdict holds across them\.$/,
    );
    // One of b's top recipes beats two of g's: the 'better' verdict does not hold for every recipe.
    const fragile = verdictOf(better, 'g', 'b', 'ad', 'all', tuning([0.3, 0.25, 0.24], [0.2, 0.26, 0.1]));
    expect(fragile.recipes).toEqual({ top: 3, ahead: 7, pairs: 9, holds: false });
    expect(fragile.sentence).toMatch(/ahead in 7 of 9 pairs; the verdict does not hold for every recipe\.$/);
    // An undecided verdict only reports the pairs; undefined APs are left out of the pairs.
    const undecided = rigorWith(seeds([0.1, -0.1], -0.5, 0.5), null);
    const open = verdictOf(undecided, 'g', 'b', 'ad', 'all', tuning([0.3, null], [0.2, 0.4]));
    expect(open.recipes).toEqual({ top: 2, ahead: 1, pairs: 2, holds: null });
    expect(open.sentence).toMatch(
      /Recipes: across the top 2 recipes of each on validation it is ahead in 1 of 2 pairs\.$/,
    );
    // Segments other than all rows, and runs without tuning, say nothing about recipes.
    expect(verdictOf(better, 'g', 'b', 'ad', 'less-streamed', tuning([0.3], [0.2])).recipes).toBeUndefined();
    expect(verdictOf(better, 'g', 'b', 'ad', 'all').recipes).toBeUndefined();
  });
});
