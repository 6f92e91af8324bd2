import { describe, expect, it } from 'vitest';
import { ARM_IDS, ablationGrid, defaultAblationTarget, FULL_ARM, gridArmsOf, gridOnly } from './ablation';
import { DEFAULT_CONFIG } from './defaults';
import { BALANCING_KINDS, ENCODER_KINDS, GROUPING_IDS } from './experiment';

const ids = (g: ReturnType<typeof ablationGrid>) => g.arms.map((a) => a.id);

describe('ablationGrid', () => {
  it('varies the joint model one change at a time, the unchanged model first', () => {
    const g = ablationGrid(DEFAULT_CONFIG, 'joint-5task');
    expect(ids(g)).toEqual([
      FULL_ARM,
      'no-anc',
      'no-mask',
      'natural',
      'encoder-mmoe',
      'encoder-ple',
      'balancing-uncertainty',
      'balancing-gradnorm',
      'balancing-pcgrad',
      'anc-weight-x0.25',
      'anc-weight-x4',
      'drop-user',
      'drop-content',
      'drop-context',
      'drop-creative',
    ]);
    expect(g.skipped).toEqual([]);
    const arm = (id: string) => g.arms.find((a) => a.id === id)!;
    // Each arm's grouping id is its own id (results are keyed by it).
    for (const a of g.arms) expect(a.grouping.id).toBe(a.id);
    // Every arm draws the target's random numbers (common random numbers across the grid).
    for (const a of g.arms) expect(a.seedKey).toBe('joint-5task');
    expect(arm(FULL_ARM).grouping.heads).toEqual(['promo_stream', 'ad_stream', 'click', 'like', 'follow']);
    expect(arm('no-anc').grouping.heads).toEqual(['promo_stream', 'ad_stream']);
    expect(arm('no-anc').grouping.mask.ad).toEqual({ promo_stream: 0, ad_stream: 1 });
    // The paper's mask keeps ad rows off the promo head; the open mask lets them in.
    expect(arm(FULL_ARM).grouping.mask.ad.promo_stream).toBe(0);
    expect(arm('no-mask').grouping.mask.ad.promo_stream).toBe(1);
    expect(arm('natural').train.promoShare).toBe('natural');
    expect(arm(FULL_ARM).train.promoShare).toBe(0.5);
    expect(arm('anc-weight-x4').train.taskWeights).toEqual({
      promo_stream: 1,
      ad_stream: 1,
      click: 4,
      like: 4,
      follow: 4,
    });
    expect(arm('drop-context').dropGroups).toEqual(['context']);
    // Encoders and balancing: one change each, everything else as the target.
    expect(arm(FULL_ARM).encoder).toBe('shared-bottom');
    expect(arm('encoder-ple').encoder).toBe('ple');
    expect(arm('encoder-ple').train).toBe(arm(FULL_ARM).train);
    expect(arm('balancing-pcgrad').train).toEqual({ ...DEFAULT_CONFIG.train, balancing: 'pcgrad' });
    expect(arm('balancing-pcgrad').encoder).toBe('shared-bottom');
    expect(arm(FULL_ARM).dropGroups).toEqual([]);
  });

  it('adds ancillary heads to a stream-only target and skips what cannot apply, saying why', () => {
    const g = ablationGrid({ train: { ...DEFAULT_CONFIG.train, promoShare: 'natural' } }, 'ads-stream', [
      'user',
      'content',
    ]);
    expect(ids(g)).toEqual([
      FULL_ARM,
      'with-anc',
      'encoder-mmoe',
      'encoder-ple',
      'drop-user',
      'drop-content',
    ]);
    expect(g.arms[1].grouping.heads).toEqual(['ad_stream', 'click', 'like', 'follow']);
    expect(g.skipped.map((s) => s.change)).toEqual([
      'loss mask off',
      'sampling',
      'loss balancing',
      'task weights',
      'context features dropped',
      'creative features dropped',
    ]);
  });

  it("tries the other encoders than the target's (an MMoE target gets shared bottom and PLE)", () => {
    const g = ablationGrid(
      { ...DEFAULT_CONFIG, encoders: { ...DEFAULT_CONFIG.encoders, 'joint-5task': 'mmoe' } },
      'joint-5task',
    );
    expect(ids(g).filter((id) => id.startsWith('encoder-'))).toEqual([
      'encoder-shared-bottom',
      'encoder-ple',
    ]);
    expect(g.arms[0].encoder).toBe('mmoe');
  });

  it('tries source-balanced sampling when the config samples naturally', () => {
    const g = ablationGrid({ train: { ...DEFAULT_CONFIG.train, promoShare: 'natural' } }, 'joint-5task');
    expect(g.arms.find((a) => a.id === 'balanced')?.train.promoShare).toBe(0.5);
  });
});

describe('arm ids a link may name', () => {
  it('ARM_IDS holds every arm any grid can have, and gridArmsOf keeps the wanted ones it has', () => {
    const seen = new Set<string>();
    for (const target of GROUPING_IDS)
      for (const promoShare of ['natural', 0.5] as const)
        for (const balancing of BALANCING_KINDS)
          for (const enc of ENCODER_KINDS) {
            const cfg = {
              train: { ...DEFAULT_CONFIG.train, promoShare, balancing },
              encoders: { ...DEFAULT_CONFIG.encoders, [target]: enc },
            };
            for (const a of ablationGrid(cfg, target).arms) if (a.id !== FULL_ARM) seen.add(a.id);
          }
    expect([...seen].sort()).toEqual([...ARM_IDS].sort());
    const grid = ablationGrid(DEFAULT_CONFIG, 'joint-5task');
    expect(gridArmsOf(grid, ['no-anc', 'with-anc', 'drop-user'])).toEqual({
      arms: ['no-anc', 'drop-user'],
      missing: ['with-anc'],
    });
    const all = grid.arms.map((a) => a.id).filter((id) => id !== FULL_ARM);
    expect(gridArmsOf(grid, [])).toEqual({ arms: all, missing: [] });
    expect(gridArmsOf(grid, ['with-anc'])).toEqual({ arms: all, missing: ['with-anc'] });
  });
});

describe('the target and the arms a grid study trains', () => {
  it('defaults the target to joint-5task, else the first non-baseline grouping', () => {
    expect(defaultAblationTarget({ groupings: ['promo-mtl', 'joint-5task'], baseline: 'promo-mtl' })).toBe(
      'joint-5task',
    );
    expect(defaultAblationTarget({ groupings: ['promo-mtl', 'ads-anc'], baseline: 'promo-mtl' })).toBe(
      'ads-anc',
    );
    expect(defaultAblationTarget({ groupings: ['promo-mtl'], baseline: 'promo-mtl' })).toBe('promo-mtl');
    expect(defaultAblationTarget({ groupings: [], baseline: 'promo-mtl' })).toBeNull();
  });

  it('trains the unchanged model and the arms named (every arm when none is named)', () => {
    const grid = ablationGrid(DEFAULT_CONFIG, 'joint-5task');
    expect(gridOnly(grid, [])).toBe(grid);
    expect(gridOnly(grid, undefined)).toBe(grid);
    expect(ids(gridOnly(grid, ['no-anc', 'drop-user']))).toEqual([FULL_ARM, 'no-anc', 'drop-user']);
    expect(gridOnly(grid, ['no-anc']).skipped).toEqual(grid.skipped);
  });
});
