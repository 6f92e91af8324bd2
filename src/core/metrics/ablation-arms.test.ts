import { describe, expect, it } from 'vitest';
import { changeIntervalText, gridArms, singleInterval } from './ablation-arms';
import { sampleGrid } from '../results/grid-fixture';

describe('grid arms', () => {
  it('takes the paired bootstrap as the change interval when it ran', () => {
    const g = gridArms(sampleGrid());
    expect(g).toMatchObject({ target: 'joint-5task', seeds: 3, resamples: 1000, interval: 'bootstrap' });
    expect(g.arms.map((a) => [a.id, a.change, a.isFull])).toEqual([
      ['full', 'as configured', true],
      ['no-anc', 'ancillary heads off', false],
      ['drop-user', 'user features dropped', false],
    ]);
    expect(g.arms[0].channels.promo.change).toEqual({ mean: null, lo: null, hi: null });
    expect(g.arms[0].channels.promo.ap).toMatchObject({ mean: 0.4, lo: 0.38, hi: 0.42 });
    expect(g.arms[1].channels.promo.change).toEqual({ mean: 0.05, lo: 0.025, hi: 0.075 });
    expect(g.arms[2].channels.ad.change).toEqual({ mean: 0.2, lo: -0.1, hi: 0.5 });
    expect(changeIntervalText(g)).toContain('95% paired bootstrap interval, 1000 resamples');
  });

  it("takes the seeds' t interval with the bootstrap off, and one seed's value without a rigor section", () => {
    const g = gridArms(sampleGrid({ bootstrapResamples: 0 }));
    expect(g.interval).toBe('seeds');
    expect(g.arms[1].channels.promo.change).toEqual({ mean: 0.05, lo: 0.02, hi: 0.08 });
    // drop-user's ads change has one defined seed: no interval.
    expect(g.arms[2].channels.ad.change).toEqual({ mean: 0.2, lo: null, hi: null });
    const { rigor: _, ...plain } = sampleGrid();
    const one = gridArms(plain);
    expect(one.interval).toBe('none');
    expect(one.arms[1].channels.ad.change).toEqual({ mean: 0.5, lo: null, hi: null });
    expect(one.arms[1].channels.ad.ap).toEqual(singleInterval(0.15));
    expect(changeIntervalText(one)).toBe('one seed and the bootstrap off: no interval');
  });
});
