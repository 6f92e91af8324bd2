import { describe, expect, it } from 'vitest';
import { createRng } from '../data/rng';
import {
  budgetOrder,
  budgetRows,
  finetuneGrouping,
  NEAREST_HEAD,
  pretrainGrouping,
  scratchGrouping,
} from './cold-start';

describe('cold-start groupings', () => {
  it('ad_stream as new: the pretrained model has no ad_stream head and never learns an ad stream label', () => {
    const g = pretrainGrouping('ad_stream');
    expect(g.heads).toEqual(['promo_stream', 'click', 'like', 'follow']);
    expect(g.mask.ad.promo_stream).toBe(0); // the paper's mask already keeps ad rows off promo_stream
    expect(g.mask.ad.click).toBe(1);
    expect(g.mask.promo.promo_stream).toBe(1);
  });

  it('promo_stream as new: ad_stream stops learning from promo rows (their stream label is the new one)', () => {
    const g = pretrainGrouping('promo_stream');
    expect(g.heads).toEqual(['ad_stream', 'click', 'like', 'follow']);
    expect(g.mask.promo.ad_stream).toBe(0);
    expect(g.mask.ad.ad_stream).toBe(1);
  });

  it('click as new: nothing else learns from click labels; the fine-tuned heads put click where like was', () => {
    const g = pretrainGrouping('click');
    expect(g.heads).not.toContain('click');
    expect(NEAREST_HEAD.click).toBe('like');
    const f = finetuneGrouping('click');
    expect(f.heads).toEqual(['promo_stream', 'ad_stream', 'click', 'follow']);
    expect(f.mask).toEqual({
      promo: { promo_stream: 0, ad_stream: 0, click: 1, follow: 0 },
      ad: { promo_stream: 0, ad_stream: 0, click: 1, follow: 0 },
    });
    expect(scratchGrouping('ad_stream')).toMatchObject({
      trainsOn: ['ad'],
      heads: ['ad_stream'],
      mask: { promo: { ad_stream: 0 }, ad: { ad_stream: 1 } },
    });
  });
});

describe('label budgets', () => {
  it('are nested prefixes of one seeded order, at least one row each', () => {
    const rows = Int32Array.from({ length: 200 }, (_, i) => 1000 + i);
    const order = budgetOrder(rows, createRng(3));
    expect([...order].sort((a, b) => a - b)).toEqual([...rows]);
    expect([...order]).not.toEqual([...rows]);
    expect(budgetRows(order, 5)).toHaveLength(10);
    expect([...budgetRows(order, 20)].slice(0, 10)).toEqual([...budgetRows(order, 5)]);
    expect(budgetRows(order, 0.1)).toHaveLength(1);
    expect(budgetRows(order, 100)).toHaveLength(200);
    expect([...budgetOrder(rows, createRng(3))]).toEqual([...order]); // seeded
  });
});
