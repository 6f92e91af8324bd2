import { describe, expect, it } from 'vitest';
import { SERIES_COLORS } from '../../charts/scales';
import { sampleColdStart } from '../../core/results/cold-start-fixture';
import type { ColdStartResults } from '../../core/results/cold-start-types';
import { iv } from '../../core/results/rigor-fixture';
import { coldStartOverlay, METHOD_DASH } from './cold-start-overlay';
import { coldStartRecord, comparisonRecord } from './study-fixture';

/** A second cold start at budgets 5 and 50%, one seed (no intervals), on promo_stream. */
function otherRun(): ColdStartResults {
  const point = (budget: number, ap: number) => ({
    budget,
    labels: budget * 10,
    ap: { all: iv(ap, null, null, 1), 'less-streamed': iv(ap / 2, null, null, 1) },
  });
  return {
    ...sampleColdStart(),
    task: 'promo_stream',
    budgets: [5, 50],
    seeds: [7],
    methods: {
      scratch: [point(5, 0.11), point(50, 0.3)],
      direct: [point(5, 0.2), point(50, 0.2)],
      finetune: [point(5, 0.22), point(50, 0.35)],
    },
    ceiling: { all: 0.5, 'less-streamed': null },
  };
}

describe('cold starts overlaid', () => {
  const first = coldStartRecord(sampleColdStart());
  const second = coldStartRecord(otherRun());
  const list = [second, comparisonRecord(), first];

  it('needs two ticked cold starts', () => {
    expect(coldStartOverlay(list, [first.id], 'all')).toBeNull();
    expect(coldStartOverlay(list, [first.id, list[1].id], 'all')).toBeNull();
  });

  it("draws every run's methods over the union of budgets: a colour per run, a dash per method", () => {
    const v = coldStartOverlay(list, [second.id, first.id], 'all')!;
    expect(v.runs.map((r) => [r.run.id, r.color])).toEqual([
      [first.id, SERIES_COLORS[0]],
      [second.id, SERIES_COLORS[1]],
    ]);
    expect(v.ticks).toEqual([
      { x: 0, label: '1%' },
      { x: 1, label: '5%' },
      { x: 2, label: '20%' },
      { x: 3, label: '50%' },
    ]);
    expect(v.series.map((s) => s.key)).toEqual(
      [first.id, second.id].flatMap((id) => ['scratch', 'direct', 'finetune'].map((m) => `${id}-${m}`)),
    );
    const s = (id: string, m: string) => v.series.find((x) => x.key === `${id}-${m}`)!;
    expect(s(first.id, 'direct').dash).toBe(METHOD_DASH.direct);
    expect(s(first.id, 'scratch').dash).toBeUndefined();
    expect(s(second.id, 'finetune').color).toBe(SERIES_COLORS[1]);
    expect(s(second.id, 'finetune').label).toBe(`${second.name} · finetune`);
    // The second run's 50% sits on the fourth tick; its one seed gives no interval.
    const p50 = s(second.id, 'finetune').points[1];
    expect(p50).toMatchObject({ budget: 50, mean: 0.35, lo: null, hi: null });
    expect(Math.round(p50.x)).toBe(3);
    expect(s(first.id, 'finetune').points[2]).toMatchObject({ budget: 20, mean: 0.25, lo: 0.23, hi: 0.27 });
    // Within a budget's slot, the six lines' points stand apart and inside the slot.
    const at5 = v.series.map((x) => x.points.find((p) => p.budget === 5)!.x);
    expect(new Set(at5).size).toBe(6);
    expect(Math.min(...at5)).toBeGreaterThan(0.5);
    expect(Math.max(...at5)).toBeLessThan(1.5);
    expect(v.taskNote).toBe(
      'These runs score different tasks (ad_stream, promo_stream): their curves are on different test rows.',
    );
    // The ceilings differ (0.4 and 0.5): none is drawn.
    expect(v.ceiling).toBeNull();
  });

  it('keeps undefined points undefined and shares a common ceiling', () => {
    const again = coldStartRecord(sampleColdStart());
    const v = coldStartOverlay([again, first], [first.id, again.id], 'less-streamed')!;
    const finetune = v.series.find((x) => x.key === `${first.id}-finetune`)!;
    expect(finetune.points[0]).toMatchObject({ budget: 1, mean: null, lo: null, hi: null });
    expect(v.taskNote).toBeNull();
    expect(coldStartOverlay([again, first], [first.id, again.id], 'all')?.ceiling).toBe(0.4);
  });
});
