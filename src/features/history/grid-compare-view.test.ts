import { describe, expect, it } from 'vitest';
import { sampleColdStart } from '../../core/results/cold-start-fixture';
import { sampleGrid } from '../../core/results/grid-fixture';
import { gridComparison } from './grid-compare-view';
import { coldStartRecord, comparisonRecord, gridRecord } from './study-fixture';

/** A grid trained later with the bootstrap off and without drop-user, on another target. */
function laterGrid() {
  const g = sampleGrid({ bootstrapResamples: 0 });
  return {
    ...g,
    groupings: g.groupings.filter((x) => x.id !== 'drop-user'),
    ablation: {
      ...g.ablation!,
      target: 'ads-anc',
      arms: g.ablation!.arms.filter((a) => a.id !== 'drop-user'),
    },
  };
}

describe('grids side by side', () => {
  const [first, second] = [gridRecord(), gridRecord(laterGrid())];
  const others = [comparisonRecord(), coldStartRecord(sampleColdStart())];
  // The list is newest first.
  const list = [...others, second, first];
  const all = list.map((r) => r.id);

  it('needs two ticked grids; other kinds do not count', () => {
    expect(gridComparison(list, [first.id, ...others.map((r) => r.id)])).toBeNull();
    expect(gridComparison(list, [])).toBeNull();
  });

  it("puts each arm's change vs its own grid's full side by side, oldest grid first", () => {
    const v = gridComparison(list, all)!;
    expect(v.columns.map((c) => [c.run.id, c.target])).toEqual([
      [first.id, 'joint-5task'],
      [second.id, 'ads-anc'],
    ]);
    expect(v.columns[0].fullAp).toEqual({ promo: '0.4000 [0.3800, 0.4200]', ad: '0.1000 [0.0900, 0.1100]' });
    expect(v.columns[0].intervalText).toContain('paired bootstrap');
    expect(v.columns[1].intervalText).toBe('mean change over 3 seeds [95% t interval over the seeds]');
    expect(v.rows.map((r) => [r.arm, r.change])).toEqual([
      ['no-anc', 'ancillary heads off'],
      ['drop-user', 'user features dropped'],
    ]);
    const [noAnc, dropUser] = v.rows;
    // The first grid's interval is its bootstrap's, the second's the seeds' t interval.
    expect(noAnc.cells[0].channels.promo).toEqual({
      mean: 0.05,
      lo: 0.025,
      hi: 0.075,
      text: '+5.0% [+2.5%, +7.5%]',
    });
    expect(noAnc.cells[1].channels.promo).toEqual({
      mean: 0.05,
      lo: 0.02,
      hi: 0.08,
      text: '+5.0% [+2.0%, +8.0%]',
    });
    expect(dropUser.cells[0].channels.ad.text).toBe('+20.0% [-10.0%, +50.0%]');
    // An arm the later grid did not train is said so, never shown as no change.
    expect(dropUser.cells[1]).toEqual({
      runId: second.id,
      trained: false,
      channels: {
        promo: { mean: null, lo: null, hi: null, text: 'not in this grid' },
        ad: { mean: null, lo: null, hi: null, text: 'not in this grid' },
      },
    });
    expect(v.targetNote).toBe(
      "These grids vary different groupings (joint-5task, ads-anc): each change is against its own grid's unchanged model.",
    );
  });

  it('has no target note when the grids vary the same grouping', () => {
    const again = gridRecord();
    expect(gridComparison([again, first], [first.id, again.id])?.targetNote).toBeNull();
  });
});
