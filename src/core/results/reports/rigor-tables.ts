/**
 * Plain-text tables of a results object's rigor section for the CLI and the Markdown report:
 * Table 1 with intervals and the paired bootstrap, the Table-2 analogue (budget replay) and the
 * per-tier i2s / eCPS uplift. Cells: mean, then "[lo, hi]" (95% interval over seeds) when there
 * are 2 or more seeds.
 */
import { formatAp, formatRel, textTable } from './tables';
import type { ExperimentResults, Metric } from '../results-types';
import type { Interval, ReplayTable, RigorResults } from '../rigor-types';
import { REPLAY_METRICS } from '../rigor-types';
import { type SegmentId, TIER_SEGMENTS } from '../../metrics/segments';
import { type Verdict, verdictsOf } from '../../metrics/verdicts';

const NA = 'n/a';
const METRIC_NAME = { i2s: 'i2s', ecps: 'eCPS', ctr: 'CTR', streams: '#streams' } as const;

/** A relative change over seeds: '+4.5%' or '+4.5% [+1.0%, +8.0%]'. */
export function formatRelInterval(x: Pick<Interval, 'mean' | 'lo' | 'hi'>): string {
  if (x.mean === null) return NA;
  return x.lo === null || x.hi === null
    ? formatRel(x.mean)
    : `${formatRel(x.mean)} [${formatRel(x.lo)}, ${formatRel(x.hi)}]`;
}

/** An AP over seeds: '0.1234' or '0.1234 [0.1200, 0.1268]'. */
export function formatApInterval(x: Interval): string {
  if (x.mean === null) return NA;
  return x.lo === null || x.hi === null
    ? formatAp(x.mean)
    : `${formatAp(x.mean)} [${formatAp(x.lo)}, ${formatAp(x.hi)}]`;
}

/** A p-value: '<0.001', or 3 decimals. */
export function formatP(p: Metric): string {
  if (p === null) return NA;
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

function seedsLine(r: RigorResults): string {
  const n = r.seeds.length;
  return n > 1
    ? `mean over ${n} training seeds (${r.seeds.join(', ')}) [95% t interval]`
    : `one training seed (${r.seeds[0]}): no interval over seeds; set repeats >= 2 for one`;
}

/** A table as plain cells, rendered as text (CLI) or as a pipe table (Markdown report). */
export interface PlainTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Lines under the table saying what its cells mean. */
  readonly notes: readonly string[];
}

/** Table 1 over seeds, with the paired bootstrap of each grouping's AP change against the baseline. */
export function table1RigorTable(results: ExperimentResults): PlainTable | null {
  const r = results.rigor;
  if (!r) return null;
  const base = results.baseline;
  const rows = results.groupings.map((g) => {
    const cells = (['promo', 'ad'] as const).flatMap((c) => {
      const b = r.bootstrap[g.id]?.[c].all;
      const boot =
        !b || b.relLo === null || b.relHi === null ? NA : `[${formatRel(b.relLo)}, ${formatRel(b.relHi)}]`;
      const ap = formatApInterval(r.ap[g.id][c].all);
      return g.id === base
        ? [ap, '', '', '']
        : [ap, formatRelInterval(r.apRel[g.id][c].all), boot, formatP(b?.p ?? null)];
    });
    const change = results.ablation?.arms.find((a) => a.id === g.id)?.change;
    const name = change ? `${g.id}: ${change}` : g.id;
    return [g.id === base ? `${name} (baseline)` : name, ...cells];
  });
  const header = [
    'Grouping',
    'Promotions AP',
    'rel',
    'bootstrap rel',
    'p',
    'Ads AP',
    'rel',
    'bootstrap rel',
    'p',
  ];
  const title = results.ablation
    ? `Ablation grid of ${results.ablation.target}: AP against the unchanged model, ${seedsLine(r)}`
    : `Table 1 analogue: AP, ${seedsLine(r)}`;
  const skipped = (results.ablation?.skipped ?? []).map((s) => `not in the grid: ${s.change} (${s.reason})`);
  const boot = `bootstrap rel = 95% paired bootstrap interval (${r.bootstrapResamples} resamples of the test rows) of the seed-mean AP change; p = two-sided bootstrap p-value.`;
  return { title, header, rows, notes: [boot, ...skipped] };
}

function table2Table(title: string, table: ReplayTable, results: ExperimentResults): PlainTable {
  const others = results.groupings.filter((g) => g.id !== results.baseline && table[g.id]);
  const rows = others.map((g) => [
    g.id,
    ...(['all', 'less-streamed'] as const).flatMap((s) =>
      REPLAY_METRICS.map((m) => formatRelInterval(table[g.id][s].rel[m])),
    ),
  ]);
  const header = [
    'Grouping',
    ...['all', 'less'].flatMap((s) => REPLAY_METRICS.map((m) => `${s} ${METRIC_NAME[m]}`)),
  ];
  return { title, header, rows, notes: [] };
}

function tierTable(title: string, table: ReplayTable, results: ExperimentResults): PlainTable {
  const others = results.groupings.filter((g) => g.id !== results.baseline && table[g.id]);
  const rows = TIER_SEGMENTS.map((s) => [
    s,
    ...others.flatMap((g) => [
      formatRelInterval(table[g.id][s].rel.i2s),
      formatRelInterval(table[g.id][s].rel.ecps),
    ]),
    String(table[results.baseline]?.[s].impressions ?? 0),
  ]);
  const header = ['Tier', ...others.flatMap((g) => [`${g.id} i2s`, `${g.id} CPS`]), 'bought'];
  return { title, header, rows, notes: [] };
}

/**
 * The Table-2 analogue (label replay, then the simulated A/B when present) and the per-tier i2s
 * and eCPS changes, relative to the baseline.
 */
export function replayTables(results: ExperimentResults): PlainTable[] {
  const r = results.rigor;
  if (!r) return [];
  const q = `${+(r.replay.buyShare * 100).toFixed(2)}%`;
  const intro = `each model buys ${q} of each show's ad test impressions (its highest scores); relative to ${results.baseline}; ${seedsLine(r)}`;
  const out = [
    table2Table(`Table 2 analogue (budget replay on logged labels): ${intro}`, r.replay.label, results),
    tierTable('Per-tier i2s and CPS change (budget replay on logged labels)', r.replay.label, results),
  ];
  if (r.replay.expected) {
    out.push(
      table2Table(
        'Simulated A/B (the same replay scored by the true probabilities):',
        r.replay.expected,
        results,
      ),
      tierTable('Per-tier i2s and CPS change (simulated A/B)', r.replay.expected, results),
    );
  }
  const last = out[out.length - 1];
  out[out.length - 1] = { ...last, notes: [...last.notes, REPLAY_NOTE] };
  return out;
}

const REPLAY_NOTE = 'CPS = eCPS = cost per stream (lower is better); n/a = undefined.';

const asText = (t: PlainTable) => [t.title, textTable(t.header, t.rows), ...t.notes].join('\n');

/** formatTable1Rigor as text ('' without a rigor section). */
export function formatTable1Rigor(results: ExperimentResults): string {
  const t = table1RigorTable(results);
  return t ? asText(t) : '';
}

/** replayTables as text, blocks separated by a blank line ('' without a rigor section). */
export function formatReplayTables(results: ExperimentResults): string {
  return replayTables(results).map(asText).join('\n\n');
}

/** The segments verdicts are stated for in reports (every segment has one in verdictsOf). */
export const VERDICT_SEGMENTS = ['all', 'less-streamed'] as const satisfies readonly SegmentId[];

/**
 * The verdicts (core/metrics/verdicts.ts) of each grouping against the baseline on all rows and
 * on less-streamed creators, one sentence each ([] without a rigor section).
 */
export function verdictSentences(results: ExperimentResults): string[] {
  return verdictList(results).map((v) => v.sentence);
}

/** The verdicts of `segments` for the results ([] without a rigor section). */
export function verdictList(
  results: ExperimentResults,
  segments: readonly SegmentId[] = VERDICT_SEGMENTS,
): Verdict[] {
  const r = results.rigor;
  if (!r) return [];
  const ids = results.groupings.map((g) => g.id);
  return verdictsOf(r, ids, results.baseline, segments, results.tuning);
}

/** verdictSentences as a text block for the CLI ('' without a rigor section). */
export function formatVerdicts(results: ExperimentResults): string {
  const lines = verdictSentences(results);
  return lines.length
    ? `Verdicts (seeds and paired bootstrap against ${results.baseline}):\n${lines.map((l) => `  ${l}`).join('\n')}`
    : '';
}
