/**
 * Table- and chart-ready views of a results object's rigor section (pure): Table 1 with intervals
 * and the paired bootstrap, the Table-2 analogue of the budget replay, its per-tier changes as
 * interval bars (percent), the precision-recall curves, and the captions that say what each
 * interval is. Undefined values stay null (never 0), as everywhere in core.
 */
import { type Source, TIERS } from '../../data/schema';
import type { ExperimentResults } from '../results-types';
import { formatApInterval, formatP, formatRelInterval } from './rigor-tables';
import {
  type Interval,
  type PairedBootstrap,
  REPLAY_METRICS,
  type ReplayMetric,
  type ReplayTable,
  RIGOR_SEGMENTS,
  type RigorResults,
  type RigorSegment,
} from '../rigor-types';
import { tierLabel } from './series';
import { CHANNELS, tierSegment } from '../../metrics/segments';
import { formatRel } from './tables';

const NA = 'n/a';
const EMPTY: Interval = { mean: null, lo: null, hi: null, n: 0, values: [] };

export const REPLAY_METRIC_NAME = { i2s: 'i2s', ecps: 'eCPS', ctr: 'CTR', streams: '#streams' } as const;
export const RIGOR_SEGMENT_TITLE = {
  all: 'All test rows',
  'less-streamed': 'Less-streamed creators',
} as const;

export interface GroupingRef {
  readonly id: string;
  readonly label: string;
}

/** One channel of one segment in Table 1 with intervals. Baseline: rel and boot are null. */
export interface RigorApCell {
  readonly ap: Interval;
  readonly rel: Interval | null;
  readonly boot: PairedBootstrap | null;
  readonly apText: string;
  readonly relText: string;
  readonly bootText: string;
  readonly pText: string;
}

export interface RigorTable1Row extends GroupingRef {
  readonly isBaseline: boolean;
  readonly cells: Readonly<Record<RigorSegment, Readonly<Record<Source, RigorApCell>>>>;
}

/** '[+1.0%, +8.0%]' from the bootstrap's relative interval; 'off' when the bootstrap was off. */
export function bootRelText(b: PairedBootstrap | null, resamples: number): string {
  if (resamples === 0) return 'off';
  return !b || b.relLo === null || b.relHi === null ? NA : `[${formatRel(b.relLo)}, ${formatRel(b.relHi)}]`;
}

/** Table 1 with intervals, one row per grouping in results order, for all and less-streamed rows. */
export function rigorTable1Rows(results: ExperimentResults, rigor: RigorResults): RigorTable1Row[] {
  return results.groupings.map((g) => {
    const isBaseline = g.id === results.baseline;
    const seg = (s: RigorSegment) =>
      Object.fromEntries(
        CHANNELS.map((c) => {
          const ap = rigor.ap[g.id]?.[c][s] ?? EMPTY;
          const rel = isBaseline ? null : (rigor.apRel[g.id]?.[c][s] ?? EMPTY);
          const boot = isBaseline ? null : (rigor.bootstrap[g.id]?.[c][s] ?? null);
          const cell: RigorApCell = {
            ap,
            rel,
            boot,
            apText: formatApInterval(ap),
            relText: rel === null ? '—' : formatRelInterval(rel),
            bootText: isBaseline ? '—' : bootRelText(boot, rigor.bootstrapResamples),
            pText: isBaseline ? '—' : rigor.bootstrapResamples === 0 ? 'off' : formatP(boot?.p ?? null),
          };
          return [c, cell];
        }),
      ) as Record<Source, RigorApCell>;
    const cells = Object.fromEntries(RIGOR_SEGMENTS.map((s) => [s, seg(s)])) as RigorTable1Row['cells'];
    return { id: g.id, label: g.label, isBaseline, cells };
  });
}

/** What the [lo, hi] after a mean is, from the number of seeds. */
export function seedsCaption(rigor: RigorResults): string {
  const n = rigor.seeds.length;
  if (n > 1 && rigor.varies === 'data and training')
    return `Mean over ${n} repeats (seeds ${rigor.seeds.join(', ')}), each on its own simulated draw of the data; [lo, hi] = 95% Student-t interval over the repeats (what a new dataset and a retrain vary). Bootstrap, replay and curves: the first repeat's data.`;
  return n > 1
    ? `Mean over ${n} training seeds (${rigor.seeds.join(', ')}) on the same data; [lo, hi] = 95% Student-t interval over the seeds (what a retrain varies).`
    : `One training seed (${rigor.seeds[0]}): there is no interval over seeds; set repeats ≥ 2 to get one.`;
}

/** What the bootstrap columns are. */
export function bootstrapCaption(rigor: RigorResults): string {
  const b = rigor.bootstrapResamples;
  return b === 0
    ? 'Paired bootstrap off (bootstrap = 0).'
    : `Bootstrap = 95% paired bootstrap interval of the relative AP change (${b} resamples of the channel's test rows, the same draw for model and baseline); p = two-sided bootstrap p-value for no difference.`;
}

/** One non-baseline grouping's replay changes vs the baseline, per segment and metric. */
export interface ReplayTableRow extends GroupingRef {
  readonly cells: Readonly<
    Record<RigorSegment, Readonly<Record<ReplayMetric, { readonly rel: Interval; readonly text: string }>>>
  >;
}

export interface ReplayTableView {
  readonly rows: readonly ReplayTableRow[];
  /** Impressions each model bought per segment (the baseline's first seed; the same for every model). */
  readonly bought: Readonly<Record<RigorSegment, number>>;
  /** Groupings not in the replay (no head scores ads). */
  readonly missing: readonly GroupingRef[];
}

/** The Table-2 analogue: per non-baseline grouping, rel i2s / eCPS / CTR / #streams, all and less-streamed. */
export function replayTableView(results: ExperimentResults, table: ReplayTable): ReplayTableView {
  const others = results.groupings.filter((g) => g.id !== results.baseline);
  const rows = others
    .filter((g) => table[g.id])
    .map((g) => {
      const seg = (s: RigorSegment) =>
        Object.fromEntries(
          REPLAY_METRICS.map((m) => {
            const rel = table[g.id][s].rel[m];
            return [m, { rel, text: formatRelInterval(rel) }];
          }),
        ) as Record<ReplayMetric, { rel: Interval; text: string }>;
      return { id: g.id, label: g.label, cells: { all: seg('all'), 'less-streamed': seg('less-streamed') } };
    });
  const base = table[results.baseline];
  return {
    rows,
    bought: { all: base?.all.impressions ?? 0, 'less-streamed': base?.['less-streamed'].impressions ?? 0 },
    missing: others.filter((g) => !table[g.id]).map((g) => ({ id: g.id, label: g.label })),
  };
}

/** A value in percent with its interval; null = undefined (mean) or no interval (lo, hi). */
export interface PctInterval {
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}
/** One x category of an interval bar chart (same shape as charts/IntervalBarChart's IntervalRow). */
export interface IntervalChartRow {
  readonly x: string;
  readonly values: Readonly<Record<string, PctInterval>>;
}

/** A fraction's interval in percent (x 100); nulls stay null. */
export function toPct(x: Interval): PctInterval {
  const p = (v: number | null) => (v === null ? null : v * 100);
  return { mean: p(x.mean), lo: p(x.lo), hi: p(x.hi) };
}

/** Per tier 0..7, each non-baseline grouping's mean change in i2s or eCPS vs baseline, in %. */
export function replayTierRows(
  results: ExperimentResults,
  table: ReplayTable,
  metric: 'i2s' | 'ecps',
): { readonly rows: readonly IntervalChartRow[]; readonly groupings: readonly GroupingRef[] } {
  const groupings = results.groupings
    .filter((g) => g.id !== results.baseline && table[g.id])
    .map((g) => ({ id: g.id, label: g.label }));
  const rows = TIERS.map((t) => ({
    x: tierLabel(t),
    values: Object.fromEntries(groupings.map((g) => [g.id, toPct(table[g.id][tierSegment(t)].rel[metric])])),
  }));
  return { rows, groupings };
}

/**
 * Per-tier AP change against the baseline over seeds (percent, mean with its 95% interval), for
 * the tier charts of a run with several seeds; the baseline is left out (it is the zero line).
 */
export function apTierRows(
  results: ExperimentResults,
  rigor: RigorResults,
  channel: Source,
): { readonly rows: readonly IntervalChartRow[]; readonly groupings: readonly GroupingRef[] } {
  const groupings = results.groupings
    .filter((g) => g.id !== results.baseline && rigor.apRel[g.id])
    .map((g) => ({ id: g.id, label: g.label }));
  const rows = TIERS.map((t) => ({
    x: tierLabel(t),
    values: Object.fromEntries(
      groupings.map((g) => [g.id, toPct(rigor.apRel[g.id][channel][tierSegment(t)])]),
    ),
  }));
  return { rows, groupings };
}

/** The caption of a per-tier replay chart: what a bar and an error bar are. */
export function replayTierMeaning(metric: 'i2s' | 'ecps', rigor: RigorResults, baseline: string): string {
  const what =
    metric === 'i2s'
      ? 'i2s (streams per bought impression; higher is better)'
      : 'CPS = eCPS (cost per stream; lower is better)';
  const n = rigor.seeds.length;
  const err =
    n > 1
      ? `Error bars: 95% Student-t interval over the ${n} seeds.`
      : 'No error bars: one training seed has no interval (set repeats ≥ 2).';
  return `Bars: ${n > 1 ? `mean over ${n} seeds of ` : ''}each grouping's relative change in ${what} against ${baseline} on the same seed, over the ad impressions it bought in that tier. ${err}`;
}

export interface PrSeries extends GroupingRef {
  readonly points: readonly { readonly recall: number; readonly precision: number }[];
}

/** PR curves of one channel (first seed), and the groupings without one. */
export function prChartSeries(
  results: ExperimentResults,
  rigor: RigorResults,
  channel: Source,
): {
  readonly series: readonly PrSeries[];
  readonly missing: readonly GroupingRef[];
  readonly baseRate: number | null;
} {
  const series: PrSeries[] = [];
  const missing: GroupingRef[] = [];
  for (const g of results.groupings) {
    const curve = rigor.pr[g.id]?.[channel] ?? null;
    if (!curve) missing.push({ id: g.id, label: g.label });
    else
      series.push({
        id: g.id,
        label: g.label,
        points: curve.recall.map((recall, i) => ({ recall, precision: curve.precision[i] })),
      });
  }
  const all = results.groupings[0]?.segments[channel].all;
  const baseRate = all && all.rows > 0 ? all.positives / all.rows : null;
  return { series, missing, baseRate };
}
