import { describe, expect, it } from 'vitest';
import { sampleResults } from '../../store/history-fixture';
import { type RecordOf, recordOfResults } from '../../store/history-record';
import { sampleColdStart } from '../../core/results/cold-start-fixture';
import { comparison, datasetNote, deltaText, headlines, segmentName } from './history-view';
import { coldStartRecord, gridRecord } from './study-fixture';

let minute = 0;
const run = (over: Partial<RecordOf<'comparison'>> = {}): RecordOf<'comparison'> => ({
  ...(recordOfResults(sampleResults(), {
    fingerprint: 'aaaaaaaa11',
    now: new Date(Date.UTC(2026, 0, 1, 0, ++minute)),
  }) as RecordOf<'comparison'>),
  ...over,
});

describe('history view', () => {
  it('headlines each channel with its best AP and grouping, n/a when none', () => {
    expect(headlines(run())).toEqual([
      { channel: 'promo', ap: 0.12, grouping: 'joint-5task' },
      { channel: 'ad', ap: 0.06, grouping: 'joint-5task' },
    ]);
    const none = sampleResults();
    const undefinedAds = { ...none, groupings: none.groupings.map((g) => ({ ...g, adAp: null })) };
    expect(headlines(run({ results: undefinedAds }))[1]).toEqual({ channel: 'ad', ap: null, grouping: null });
  });

  it('writes deltas and segment names', () => {
    expect(deltaText(0.01234)).toBe('+0.0123');
    expect(deltaText(-0.01236)).toBe('-0.0124');
    expect(deltaText(-0.00001)).toBe('±0.0000');
    expect(deltaText(null)).toBe('n/a');
    expect(segmentName('tier3')).toBe('tier 3');
    expect(segmentName('less-streamed')).toBe('less-streamed');
  });

  describe('comparison', () => {
    // The list is newest first.
    const [old, mid, recent] = [run(), run(), run()];
    const list = [recent, mid, old];

    it('needs two runs', () => {
      expect(comparison(list, [])).toBeNull();
      expect(comparison(list, [mid.id])).toBeNull();
    });

    it('puts the pinned baseline first, ticked or not', () => {
      const pinnedList = [recent, { ...mid, pinned: true }, old];
      const c = comparison(pinnedList, [old.id, recent.id]);
      expect(c?.runs.map((r) => r.id)).toEqual([mid.id, recent.id, old.id]);
      expect(c).toMatchObject({ referenceId: mid.id, pinned: true });
      expect(comparison(pinnedList, [recent.id])?.runs.map((r) => r.id)).toEqual([mid.id, recent.id]);
      expect(comparison(pinnedList, [mid.id])).toBeNull();
    });

    it('compares comparisons only: ticked grids and cold starts are compared in their own views', () => {
      const grid = { ...gridRecord(), pinned: true };
      const cold = coldStartRecord(sampleColdStart());
      const mixed = [cold, grid, recent, mid, old];
      expect(comparison(mixed, [grid.id, cold.id, recent.id])).toBeNull();
      // A pinned grid is no reference for comparisons: the oldest ticked comparison stands in.
      const c = comparison(mixed, [grid.id, cold.id, recent.id, old.id]);
      expect(c?.runs.map((r) => r.id)).toEqual([old.id, recent.id]);
      expect(c?.pinned).toBe(false);
    });

    it('falls back to the oldest ticked run when nothing is pinned', () => {
      const c = comparison(list, [recent.id, old.id]);
      expect(c?.runs.map((r) => r.id)).toEqual([old.id, recent.id]);
      expect(c).toMatchObject({ referenceId: old.id, pinned: false });
    });
  });

  it('notes when the runs trained on different datasets', () => {
    expect(datasetNote([run(), run()])).toBeNull();
    expect(datasetNote([run(), run({ datasetFingerprint: 'bbbbbbbb22' })])).toContain('aaaaaaaa, bbbbbbbb');
  });
});
