import { describe, expect, it } from 'vitest';
import { freshRun } from './initial';
import {
  selectCanStart,
  startBlockersOf,
  selectLossSeries,
  selectOverallProgress,
  selectProgressList,
  selectValApSeries,
} from './selectors';
import { testState } from './test-state';
import type { GroupingProgress } from './types';

const READY = {
  backend: { backend: 'cpu' as const, skipped: [], forced: false },
  datasetStatus: 'ready' as const,
};

describe('selectCanStart', () => {
  it('is false when the dataset in use cannot be split, and says why', () => {
    const summary = { split: null, rowsByDay: [{ day: 0, promo: 1, ad: 1 }] } as never;
    const s = testState({ ...READY, summary });
    expect(selectCanStart(s)).toBe(false);
    expect(startBlockersOf(s)).toEqual([
      'The data has 1 distinct day; a temporal train/validation/test split needs at least 3.',
    ]);
  });

  it('is true with backend and dataset ready, no run going, and the baseline among the groupings', () => {
    expect(selectCanStart(testState(READY))).toBe(true);
  });

  it('is false without backend or dataset, or while running or cancelling', () => {
    expect(selectCanStart(testState({ ...READY, backend: null }))).toBe(false);
    expect(selectCanStart(testState({ ...READY, datasetStatus: 'building' }))).toBe(false);
    expect(selectCanStart(testState({ ...READY, runStatus: 'running' }))).toBe(false);
    expect(selectCanStart(testState({ ...READY, runStatus: 'cancelling' }))).toBe(false);
    expect(selectCanStart(testState({ ...READY, runStatus: 'cancelled' }))).toBe(true);
  });

  it('is false with no grouping or without the baseline among them', () => {
    const config = testState().config;
    expect(selectCanStart(testState({ ...READY, config: { ...config, groupings: [] } }))).toBe(false);
    expect(
      selectCanStart(
        testState({ ...READY, config: { ...config, groupings: ['ads-stream'], baseline: 'promo-mtl' } }),
      ),
    ).toBe(false);
  });
});

describe('progress selectors', () => {
  // One seed: the overall share is the run's (with repeats it is spread over the seeds).
  const config = {
    ...testState().config,
    groupings: ['promo-mtl', 'ads-stream', 'joint-5task'] as const,
    rigor: { ...testState().config.rigor, repeats: 1 },
  };
  const base = testState(freshRun('r', config, 'comparison'));
  const training: GroupingProgress = {
    ...base.progress['ads-stream'],
    state: 'training',
    epoch: 2,
    maxEpochs: 2,
    step: 5,
    stepsPerEpoch: 10,
  };
  const s = testState({
    ...base,
    progress: {
      ...base.progress,
      'promo-mtl': { ...base.progress['promo-mtl'], state: 'done' },
      'ads-stream': training,
    },
  });

  it('lists progress in run order and returns the same array until it changes', () => {
    expect(selectProgressList(s).map((p) => p.grouping)).toEqual(['promo-mtl', 'ads-stream', 'joint-5task']);
    expect(selectProgressList(s)).toBe(selectProgressList(s));
    expect(selectProgressList({ ...s, progress: { ...s.progress } })).not.toBe(selectProgressList(s));
  });

  it('averages each grouping’s share of steps: done 1, training (15/20), waiting 0', () => {
    expect(selectOverallProgress(s)).toBeCloseTo((1 + 0.75 + 0) / 3);
    expect(selectOverallProgress(testState())).toBe(0);
  });

  it('counts finished repeat seeds: seed 2 of 2 at 1.75/3 is (1 + 1.75/3) / 2 of the run', () => {
    expect(selectOverallProgress({ ...s, runRepeat: { index: 1, of: 2 } })).toBeCloseTo((1 + 1.75 / 3) / 2);
  });

  it('counts the seeds training at once at the pace of the one that reports', () => {
    // Two of two at once: the run is as far as the reporting seed (not half of it).
    expect(selectOverallProgress({ ...s, runRepeat: { index: 0, of: 2, atOnce: 2 } })).toBeCloseTo(1.75 / 3);
    // Seeds 3-4 of 4, two at once, after seeds 1-2: (2 + 2 p) / 4.
    expect(selectOverallProgress({ ...s, runRepeat: { index: 2, of: 4, atOnce: 2 } })).toBeCloseTo(
      (2 + (2 * 1.75) / 3) / 4,
    );
    // The last of three seeds with two lanes trains alone: (2 + p) / 3, never over 1.
    expect(selectOverallProgress({ ...s, runRepeat: { index: 2, of: 3, atOnce: 2 } })).toBeCloseTo(
      (2 + 1.75 / 3) / 3,
    );
  });

  it('gives each grouping’s series, or the same empty array', () => {
    const withLoss = testState({
      lossSeries: { a: [{ step: 1, click: 0.5 }] },
      valApSeries: { a: [{ epoch: 1 }] },
    });
    expect(selectLossSeries('a')(withLoss)).toEqual([{ step: 1, click: 0.5 }]);
    expect(selectValApSeries('a')(withLoss)).toEqual([{ epoch: 1 }]);
    expect(selectLossSeries('b')(withLoss)).toBe(selectLossSeries('c')(testState()));
    expect(selectValApSeries('b')(withLoss)).toEqual([]);
  });
});
