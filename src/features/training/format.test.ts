import { describe, expect, it } from 'vitest';
import type { GroupingProgress } from '../../store/types';
import { activeGrouping, groupingLabel, progressPercent, progressText, repeatText } from './format';

const p = (over: Partial<GroupingProgress>): GroupingProgress => ({
  grouping: 'promo-mtl',
  state: 'training',
  epoch: 2,
  maxEpochs: 4,
  step: 5,
  stepsPerEpoch: 10,
  etaMs: 65_400,
  elapsedMs: 30_000,
  ...over,
});

describe('progressPercent', () => {
  it('counts steps over all epochs', () => {
    // (2 - 1) * 10 + 5 = 15 of 40 steps.
    expect(progressPercent(p({}))).toBe(37.5);
  });

  it('is 0 while waiting or before the step count is known, and 100 when done', () => {
    expect(progressPercent(p({ state: 'waiting' }))).toBe(0);
    expect(progressPercent(p({ stepsPerEpoch: 0 }))).toBe(0);
    // Early stopping can finish before maxEpochs.
    expect(progressPercent(p({ state: 'done', epoch: 2 }))).toBe(100);
  });
});

describe('progressText', () => {
  it('shows epoch, step and time left while training', () => {
    expect(progressText(p({}))).toBe('epoch 2/4 · step 5/10 · 1 min 05 s left');
    expect(progressText(p({ etaMs: null }))).toBe('epoch 2/4 · step 5/10 · time left not yet known');
  });

  it('says waiting, or done with the time taken', () => {
    expect(progressText(p({ state: 'waiting' }))).toBe('waiting');
    expect(progressText(p({ state: 'done' }))).toBe('done in 30.0 s');
  });
});

describe('activeGrouping', () => {
  it('picks the grouping training now, else the last one done, else none', () => {
    const a = p({ grouping: 'a', state: 'done' });
    const b = p({ grouping: 'b', state: 'training' });
    const c = p({ grouping: 'c', state: 'waiting' });
    expect(activeGrouping([a, b, c])).toBe('b');
    expect(activeGrouping([a, { ...b, state: 'done' }, c])).toBe('b');
    expect(activeGrouping([c])).toBeNull();
  });
});

describe('repeatText', () => {
  it('names the seed, or the seeds training at once from the current one', () => {
    expect(repeatText({ index: 1, of: 3 })).toBe('seed 2 of 3');
    expect(repeatText({ index: 0, of: 2, atOnce: 2 })).toBe('seeds 1–2 of 2 at once');
    expect(repeatText({ index: 2, of: 4, atOnce: 2 })).toBe('seeds 3–4 of 4 at once');
    expect(repeatText({ index: 2, of: 3, atOnce: 2 })).toBe('seed 3 of 3'); // the last one alone
  });
});

describe('groupingLabel', () => {
  it("uses a preset's label and falls back to the id", () => {
    expect(groupingLabel('ads-anc')).toBe('Ads Stream + ANC heads');
    expect(groupingLabel('custom')).toBe('custom');
  });
});
