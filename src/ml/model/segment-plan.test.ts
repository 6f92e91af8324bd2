import { describe, expect, it } from 'vitest';
import { makeDataset } from '../fixtures';
import { batchColumnIds, lookupPlan, segmentPlan } from './segment-plan';

describe('segmentPlan', () => {
  it('sorts ids stably: ties keep increasing position', () => {
    const plan = segmentPlan(Int32Array.from([3, 1, 3, 0, 1, 3]), 5);
    expect(Array.from(plan.subarray(0, 6))).toEqual([3, 1, 4, 0, 2, 5]);
    expect(Array.from(plan.subarray(6))).toEqual([0, 1, 1, 3, 3, 3]);
  });

  it('rejects an id outside the vocabulary', () => {
    expect(() => segmentPlan(Int32Array.from([0, 4]), 4)).toThrow(/id 4/);
  });
});

describe('batchColumnIds', () => {
  it('flattens each column as embed() does: categorical [B], multi [B, L] row-major', () => {
    const ds = makeDataset({ n: 10, vocab: [50, 7], multi: [[20, 3]] });
    const rows = Int32Array.from([4, 1]);
    const cols = batchColumnIds(ds, rows);
    expect(cols.map((c) => c.vocab)).toEqual([50, 7, 20]);
    expect(Array.from(cols[1].ids)).toEqual([ds.catCodes[4 * 2 + 1], ds.catCodes[1 * 2 + 1]]);
    expect(Array.from(cols[2].ids)).toEqual([
      ...ds.multiCodes.subarray(12, 15),
      ...ds.multiCodes.subarray(3, 6),
    ]);
  });
});

describe('lookupPlan', () => {
  it("is every column's segment plan end to end, in table order", () => {
    const ds = makeDataset({ n: 10, vocab: [50, 7], multi: [[20, 3]] });
    const rows = Int32Array.from([4, 1, 4]);
    const plans = batchColumnIds(ds, rows).map(({ ids, vocab }) => Array.from(segmentPlan(ids, vocab)));
    expect(plans.map((p) => p.length)).toEqual([6, 6, 18]); // 2 B slots per column
    expect(Array.from(lookupPlan(ds, rows))).toEqual(plans.flat());
  });
});
