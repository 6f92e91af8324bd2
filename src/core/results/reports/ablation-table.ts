/**
 * A finished ablation grid as table rows and chart rows (pure; tested in Node with the panel's
 * helpers, features/ablation/ablation-view.test.ts): per arm, AP per channel over seeds and its
 * change against the unchanged target (full) with the paired bootstrap's interval and p-value.
 * The ablation panel and the review deck's slides both show these.
 */
import { FULL_ARM } from '../../config/ablation';
import type { Source } from '../../data/schema';
import type { ExperimentResults, Metric } from '../results-types';
import { formatApInterval, formatP, formatRelInterval } from './rigor-tables';
import type { Interval, PairedBootstrap } from '../rigor-types';
import { CHANNELS } from '../../metrics/segments';
import { formatRel } from './tables';

/** One channel's cells of an arm's row. */
export interface ChannelCells {
  /** AP on all test rows of the channel over seeds (mean, interval when 2 or more seeds). */
  readonly ap: Metric;
  readonly apText: string;
  /** Change vs full over seeds; '' for the full arm itself. */
  readonly relText: string;
  /** The paired bootstrap's 95% interval of the relative change; '' for full, 'n/a' when off. */
  readonly bootText: string;
  readonly pText: string;
}

export interface AblationRow {
  readonly id: string;
  readonly change: string;
  readonly isFull: boolean;
  readonly cells: Readonly<Record<Source, ChannelCells>>;
}

/** One value as an interval of one seed (results without a rigor section). */
const single = (x: Metric): Interval => ({ mean: x, lo: null, hi: null, n: x === null ? 0 : 1, values: [x] });

function bootText(b: PairedBootstrap | undefined): string {
  return !b || b.relLo === null || b.relHi === null
    ? 'n/a'
    : `[${formatRel(b.relLo)}, ${formatRel(b.relHi)}]`;
}

/** The grid's table: one row per arm, in grid order. */
export function ablationRows(results: ExperimentResults): AblationRow[] {
  const r = results.rigor;
  const changes = new Map(results.ablation?.arms.map((a) => [a.id, a.change]));
  return results.groupings.map((g) => {
    const isFull = g.id === results.baseline;
    const cell = (c: Source): ChannelCells => {
      const ap = r?.ap[g.id]?.[c].all ?? single(c === 'promo' ? g.promoAp : g.adAp);
      const rel = r?.apRel[g.id]?.[c].all ?? single(c === 'promo' ? g.promoRel : g.adRel);
      const b = r?.bootstrap[g.id]?.[c].all;
      return {
        ap: ap.mean,
        apText: formatApInterval(ap),
        relText: isFull ? '' : formatRelInterval(rel),
        bootText: isFull ? '' : bootText(b),
        pText: isFull ? '' : formatP(b?.p ?? null),
      };
    };
    return {
      id: g.id,
      change: changes.get(g.id) ?? g.label,
      isFull,
      cells: { promo: cell('promo'), ad: cell('ad') },
    };
  });
}

/** A chart row: x = arm id, per channel the relative change vs full and its interval, in percent. */
export interface AblationChartRow {
  readonly x: string;
  readonly values: Record<string, { mean: number | null; lo: number | null; hi: number | null }>;
}

/** What the chart's error bars are: the paired bootstrap, the seeds' t interval, or none. */
export type IntervalKind = 'bootstrap' | 'seeds' | 'none';

const pct = (x: Metric): number | null => (x === null ? null : x * 100);

/**
 * The relative AP change of every arm but full, per channel. With the bootstrap on, the bar is
 * the change of the seed-mean APs and the error bar its 95% bootstrap interval; with it off, the
 * mean change over seeds and its 95% t interval (none with one seed).
 */
export function ablationChart(results: ExperimentResults): {
  rows: AblationChartRow[];
  interval: IntervalKind;
} {
  const r = results.rigor;
  const boot = (r?.bootstrapResamples ?? 0) > 0;
  const seeds = (r?.seeds.length ?? 1) > 1;
  const rows = results.groupings
    .filter((g) => g.id !== results.baseline)
    .map((g) => {
      const values: AblationChartRow['values'] = {};
      for (const c of CHANNELS) {
        const b = r?.bootstrap[g.id]?.[c].all;
        const rel = r?.apRel[g.id]?.[c].all ?? single(c === 'promo' ? g.promoRel : g.adRel);
        values[c] =
          boot && b
            ? { mean: pct(b.rel), lo: pct(b.relLo), hi: pct(b.relHi) }
            : { mean: pct(rel.mean), lo: pct(rel.lo), hi: pct(rel.hi) };
      }
      return { x: g.id, values };
    });
  return { rows, interval: boot ? 'bootstrap' : seeds ? 'seeds' : 'none' };
}

/** The chart's caption for its kind of error bar. */
export function chartMeaning(interval: IntervalKind, resamples: number, seeds: number): string {
  const what = `Change of each arm's average precision on all test rows of the channel against ${FULL_ARM} (the unchanged target), in percent.`;
  if (interval === 'bootstrap')
    return `${what} Bars: change of the mean AP over ${seeds} seed${seeds === 1 ? '' : 's'}; error bars: 95% paired bootstrap interval (${resamples} resamples of the test rows).`;
  if (interval === 'seeds')
    return `${what} Bars: mean change over ${seeds} seeds; error bars: 95% t interval over the seeds (bootstrap off).`;
  return `${what} One seed and the bootstrap off: no error bars.`;
}
