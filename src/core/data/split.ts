/**
 * Temporal train / validation / test split by day (spec: experiments.md, "Data handling").
 * Whole days go to one split, and every validation day is later than every training day and
 * every test day later than every validation day, so no later row can leak into an earlier split.
 */
import type { SplitConfig } from '../config/experiment';

export interface DaySplit {
  /** Distinct days of each split, ascending. */
  readonly trainDays: number[];
  readonly valDays: number[];
  readonly testDays: number[];
  /** Row indices of each split, ascending. */
  readonly train: Int32Array;
  readonly val: Int32Array;
  readonly test: Int32Array;
}

/** The spec's default: 70% / 15% / 15% of the distinct days. */
export const DEFAULT_SPLIT: SplitConfig = { trainFraction: 0.7, valFraction: 0.15 };

/** A split needs at least one day each for train, validation and test. */
export const MIN_DAYS = 3;

/** Thrown when the days cannot be split; `message` is meant for the user as is. */
export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

// Fractions like 0.7 + 0.15 are not exact in binary; nudging before rounding makes a boundary that
// sits on .5 round up on every platform instead of depending on representation noise.
const EPS = 1e-9;

/**
 * How many of `d` distinct days go to train and validation (the rest is test).
 * trainEnd = round(d * trainFraction), valEnd = round(d * (trainFraction + valFraction)), then
 * clamped so each split keeps at least one day. E.g. 20 days -> 14 / 3 / 3, 10 days -> 7 / 2 / 1.
 */
export function splitDayCounts(d: number, cfg: SplitConfig): { train: number; val: number; test: number } {
  const { trainFraction: tf, valFraction: vf } = cfg;
  if (!(tf > 0 && vf > 0 && tf + vf < 1)) {
    throw new SplitError(
      `Split fractions must be positive with train + validation < 1 (got ${tf} and ${vf}).`,
    );
  }
  if (d < MIN_DAYS) {
    throw new SplitError(
      `The data has ${d} distinct day${d === 1 ? '' : 's'}; a temporal split needs at least ${MIN_DAYS} ` +
        '(one each for training, validation and test).',
    );
  }
  const trainEnd = Math.min(Math.max(Math.round(d * tf + EPS), 1), d - 2);
  const valEnd = Math.min(Math.max(Math.round(d * (tf + vf) + EPS), trainEnd + 1), d - 1);
  return { train: trainEnd, val: valEnd - trainEnd, test: d - valEnd };
}

/**
 * Split rows by day: the earliest `trainFraction` of the distinct days train, the next
 * `valFraction` validate, the rest test (see splitDayCounts for rounding). Throws SplitError
 * when there are fewer than 3 distinct days or the fractions are invalid. O(n) after sorting days.
 */
export function temporalSplit(day: Int32Array, cfg: SplitConfig = DEFAULT_SPLIT): DaySplit {
  const distinct = [...new Set(day)].sort((a, b) => a - b);
  const counts = splitDayCounts(distinct.length, cfg);
  const trainDays = distinct.slice(0, counts.train);
  const valDays = distinct.slice(counts.train, counts.train + counts.val);
  const testDays = distinct.slice(counts.train + counts.val);
  // Day boundaries: a row is train when day <= lastTrain, val when day <= lastVal, else test.
  const lastTrain = trainDays[trainDays.length - 1];
  const lastVal = valDays[valDays.length - 1];
  const sizes = [0, 0, 0];
  for (let i = 0; i < day.length; i++) sizes[day[i] <= lastTrain ? 0 : day[i] <= lastVal ? 1 : 2]++;
  const out = sizes.map((s) => new Int32Array(s));
  const fill = [0, 0, 0];
  for (let i = 0; i < day.length; i++) {
    const s = day[i] <= lastTrain ? 0 : day[i] <= lastVal ? 1 : 2;
    out[s][fill[s]++] = i;
  }
  return { trainDays, valDays, testDays, train: out[0], val: out[1], test: out[2] };
}
