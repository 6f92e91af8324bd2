import { describe, expect, it } from 'vitest';
import { sampleColdStart } from '../../core/results/cold-start-fixture';
import { sampleGrid } from '../../core/results/grid-fixture';
import { iv } from '../../core/results/rigor-fixture';
import { scopeText, studyHeadline } from './study-headline';
import { coldStartRecord, comparisonRecord, gridRecord } from './study-fixture';

describe('study headlines', () => {
  it('gives a comparison its best AP per channel', () => {
    expect(studyHeadline(comparisonRecord())).toEqual({
      kind: 'comparison',
      best: [
        { channel: 'promo', ap: 0.12, grouping: 'joint-5task' },
        { channel: 'ad', ap: 0.06, grouping: 'joint-5task' },
      ],
    });
  });

  it('gives a grid its target and, per channel, the arms with the largest and smallest change vs full', () => {
    expect(studyHeadline(gridRecord())).toEqual({
      kind: 'ablation',
      target: 'joint-5task',
      channels: [
        {
          channel: 'promo',
          best: { arm: 'no-anc', change: 0.05 },
          worst: { arm: 'drop-user', change: -0.6 },
        },
        { channel: 'ad', best: { arm: 'no-anc', change: 0.5 }, worst: { arm: 'drop-user', change: 0.2 } },
      ],
    });
  });

  it('skips arms whose change is undefined, and says n/a when none has one', () => {
    const grid = sampleGrid({ bootstrapResamples: 0 });
    const rigor = grid.rigor!;
    const undefinedAds = {
      ...grid,
      rigor: {
        ...rigor,
        apRel: Object.fromEntries(
          Object.entries(rigor.apRel).map(([id, c]) => [id, { ...c, ad: { ...c.ad, all: iv(null) } }]),
        ),
      },
    };
    const h = studyHeadline(gridRecord(undefinedAds));
    expect(h.kind === 'ablation' && h.channels[1]).toEqual({ channel: 'ad', best: null, worst: null });
    expect(h.kind === 'ablation' && h.channels[0].best).toEqual({ arm: 'no-anc', change: 0.05 });
  });

  it("gives a cold start every method's AP on all test rows at the largest budget, null when undefined", () => {
    expect(studyHeadline(coldStartRecord(sampleColdStart()))).toEqual({
      kind: 'cold-start',
      task: 'ad_stream',
      budget: 20,
      methods: [
        { method: 'scratch', ap: 0.2 },
        { method: 'direct', ap: 0.15 },
        { method: 'finetune', ap: 0.25 },
      ],
    });
    const r = sampleColdStart();
    const undefinedTop = {
      ...r,
      methods: {
        ...r.methods,
        scratch: r.methods.scratch.map((p) =>
          p.budget === 20 ? { ...p, ap: { ...p.ap, all: iv(null) } } : p,
        ),
      },
    };
    const h = studyHeadline(coldStartRecord(undefinedTop));
    expect(h.kind === 'cold-start' && h.methods[0]).toEqual({ method: 'scratch', ap: null });
  });

  it('says what each kind covers', () => {
    expect(scopeText(comparisonRecord())).toBe('promo-mtl, joint-5task (baseline promo-mtl)');
    expect(scopeText(gridRecord())).toBe('grid of joint-5task: 3 arms');
    expect(scopeText(coldStartRecord(sampleColdStart()))).toBe(
      'new task ad_stream (nearest head promo_stream) at budgets 1, 5, 20% over 3 seed(s)',
    );
  });
});
