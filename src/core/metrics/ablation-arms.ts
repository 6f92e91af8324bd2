/**
 * An ablation grid's arms with their change against the unchanged target ('full'), per channel,
 * on all test rows (pure): what the grid's CSV, its report and the side-by-side comparison of
 * grids in History read. The change is relative, (AP_arm - AP_full) / AP_full, as a fraction.
 * Its interval follows the grid's own chart: with the bootstrap on, the change of the seed-mean
 * APs and its 95% paired bootstrap interval; off, the mean change over seeds and its 95% t
 * interval (none with one seed).
 */
import type { Source } from '../data/schema';
import type { ExperimentResults, Metric } from '../results/results-types';
import type { Interval, PairedBootstrap } from '../results/rigor-types';
import { CHANNELS } from './segments';

/** What a change's interval is: the paired bootstrap, the seeds' t interval, or none. */
export type ChangeInterval = 'bootstrap' | 'seeds' | 'none';

export interface ArmChange {
  readonly mean: Metric;
  readonly lo: Metric;
  readonly hi: Metric;
}

export interface ArmChannel {
  /** AP over seeds (one seed's value when the results have no rigor section). */
  readonly ap: Interval;
  /** Relative change vs full over seeds. */
  readonly rel: Interval;
  /** The paired bootstrap of the change (null: none, or the full arm). */
  readonly bootstrap: PairedBootstrap | null;
  /** The change with the grid's interval (see the file's note); all null for full itself. */
  readonly change: ArmChange;
}

export interface ArmRow {
  readonly id: string;
  /** The change in words ('ancillary heads off'). */
  readonly change: string;
  readonly isFull: boolean;
  readonly channels: Readonly<Record<Source, ArmChannel>>;
}

export interface GridArms {
  readonly target: string;
  readonly seeds: number;
  readonly resamples: number;
  readonly interval: ChangeInterval;
  readonly arms: readonly ArmRow[];
}

/** One value as the interval of one seed (results without a rigor section). */
export const singleInterval = (x: Metric): Interval => ({
  mean: x,
  lo: null,
  hi: null,
  n: x === null ? 0 : 1,
  values: [x],
});

const NO_CHANGE: ArmChange = { mean: null, lo: null, hi: null };

function changeOf(interval: ChangeInterval, b: PairedBootstrap | null, rel: Interval): ArmChange {
  return interval === 'bootstrap' && b
    ? { mean: b.rel, lo: b.relLo, hi: b.relHi }
    : { mean: rel.mean, lo: rel.lo, hi: rel.hi };
}

/** Every arm of the grid in grid order, full first as the grid runs it. */
export function gridArms(results: ExperimentResults): GridArms {
  const r = results.rigor;
  const resamples = r?.bootstrapResamples ?? 0;
  const seeds = r?.seeds.length ?? 1;
  const interval: ChangeInterval = resamples > 0 ? 'bootstrap' : seeds > 1 ? 'seeds' : 'none';
  const changes = new Map(results.ablation?.arms.map((a) => [a.id, a.change]));
  const arms = results.groupings.map((g): ArmRow => {
    const isFull = g.id === results.baseline;
    const channel = (c: Source): ArmChannel => {
      const ap = r?.ap[g.id]?.[c].all ?? singleInterval(c === 'promo' ? g.promoAp : g.adAp);
      const rel = r?.apRel[g.id]?.[c].all ?? singleInterval(c === 'promo' ? g.promoRel : g.adRel);
      const bootstrap = isFull ? null : (r?.bootstrap[g.id]?.[c].all ?? null);
      return { ap, rel, bootstrap, change: isFull ? NO_CHANGE : changeOf(interval, bootstrap, rel) };
    };
    const [promo, ad] = CHANNELS.map(channel);
    return { id: g.id, change: changes.get(g.id) ?? g.label, isFull, channels: { promo, ad } };
  });
  return { target: results.ablation?.target ?? results.baseline, seeds, resamples, interval, arms };
}

/** What the change's interval is, in words, for captions and reports. */
export function changeIntervalText(grid: Pick<GridArms, 'interval' | 'seeds' | 'resamples'>): string {
  if (grid.interval === 'bootstrap')
    return `change of the mean AP over ${grid.seeds} seed${grid.seeds === 1 ? '' : 's'} [95% paired bootstrap interval, ${grid.resamples} resamples of the test rows]`;
  if (grid.interval === 'seeds')
    return `mean change over ${grid.seeds} seeds [95% t interval over the seeds]`;
  return 'one seed and the bootstrap off: no interval';
}
