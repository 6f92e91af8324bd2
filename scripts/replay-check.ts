/**
 * Independent recomputation of the budget replay (../shared/spec/experiments.md, "Budget replay")
 * from the input impression CSV and the predictions CSV, written from the spec alone, to check the
 * CLI's results.rigor.replay.label and its printed Table 2.
 *
 * Rules: within each show's ad test rows a model buys Math.floor(q * n + 0.5) rows, highest score
 * first, ties to the lower `row`; it scores with its ad_stream head, else promo_stream. Over the
 * bought rows of a segment: i2s = streams / impressions, CTR = clicks / rows with an observed click,
 * eCPS = sum(cost) / streams (missing cost = 1), #streams. Relative change per seed
 * (model - baseline) / baseline, null when either is null or the baseline is 0; means over seeds
 * use the defined values only.
 *
 * CLI: npx tsx scripts/replay-check.ts input.csv preds.csv results.json
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { ReplayTable } from '../src/core/results/rigor-types';

const TIERS = [0, 1, 2, 3, 4, 5, 6, 7].map((t) => `tier${t}`);
export const SEGMENTS = ['all', ...TIERS, 'less-streamed', 'high-stream'];
export const METRICS = ['i2s', 'ecps', 'ctr', 'streams'] as const;
export type MetricName = (typeof METRICS)[number];
export type Values = Record<MetricName, number | null>;
export interface Cell extends Values {
  rel: Values;
}
/** grouping -> segment -> cell. */
export type Table = Record<string, Record<string, Cell>>;
export interface Recomputed {
  /** Seed suffixes of the score columns in file order ('' for the one-seed form without '@'). */
  seeds: string[];
  perSeed: Record<string, Table>;
  mean: Table;
}

interface AdRow {
  row: number;
  show: string;
  tier: number;
  lessStreamed: boolean;
  stream: number;
  click: number | null;
  cost: number;
  scores: Record<string, number>;
}

const parse = (text: string): Record<string, string>[] =>
  Papa.parse<Record<string, string>>(text.trim(), { header: true, skipEmptyLines: true }).data;

/** Rows a show buys: round-half-up of q * n. */
export const buyCount = (q: number, n: number): number => Math.floor(q * n + 0.5);

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const relChange = (m: number | null, b: number | null): number | null =>
  m === null || b === null || b === 0 ? null : (m - b) / b;
function meanOf(xs: (number | null)[]): number | null {
  const d = xs.filter((x): x is number => x !== null);
  return d.length === 0 ? null : d.reduce((s, x) => s + x, 0) / d.length;
}

function inSegment(r: AdRow, seg: string): boolean {
  if (seg === 'all') return true;
  if (seg === 'less-streamed') return r.lessStreamed;
  if (seg === 'high-stream') return r.tier <= 2;
  return seg === `tier${r.tier}`;
}

function metricsOf(bought: AdRow[]): Values {
  const streams = bought.reduce((s, r) => s + r.stream, 0);
  const clickRows = bought.filter((r) => r.click !== null);
  const clicks = clickRows.reduce((s, r) => s + (r.click ?? 0), 0);
  const cost = bought.reduce((s, r) => s + r.cost, 0);
  return {
    i2s: ratio(streams, bought.length),
    ecps: ratio(cost, streams),
    ctr: ratio(clicks, clickRows.length),
    streams,
  };
}

/** The rows one score column buys, show by show. */
function buy(rows: AdRow[], column: string, q: number): AdRow[] {
  const byShow = new Map<string, AdRow[]>();
  for (const r of rows) byShow.set(r.show, [...(byShow.get(r.show) ?? []), r]);
  const out: AdRow[] = [];
  for (const showRows of byShow.values()) {
    const ranked = [...showRows].sort((a, b) => b.scores[column] - a.scores[column] || a.row - b.row);
    out.push(...ranked.slice(0, buyCount(q, showRows.length)));
  }
  return out;
}

export function recomputeReplay(
  inputCsv: string,
  predictionsCsv: string,
  q: number,
  baseline: string,
): Recomputed {
  const input = parse(inputCsv);
  const preds = parse(predictionsCsv);
  // Score column per grouping and seed: ad_stream, else promo_stream.
  const columns: Record<string, Record<string, string>> = {};
  const seeds: string[] = [];
  for (const name of Object.keys(preds[0] ?? {})) {
    const m = /^(.+):(ad_stream|promo_stream)(?:@(.+))?$/.exec(name);
    if (!m) continue;
    const [, grouping, head, seed = ''] = m;
    if (!seeds.includes(seed)) seeds.push(seed);
    columns[grouping] ??= {};
    if (head === 'ad_stream' || columns[grouping][seed] === undefined) columns[grouping][seed] = name;
  }
  const rows: AdRow[] = [];
  for (const p of preds) {
    const row = Number(p.row);
    const src = input[row];
    if (!src) throw new Error(`predictions row ${p.row} is not in the input`);
    if (src.source !== 'ad') continue;
    const scores: Record<string, number> = {};
    for (const bySeed of Object.values(columns))
      for (const col of Object.values(bySeed)) scores[col] = Number(p[col]);
    rows.push({
      row,
      show: src.podcast_id ?? '',
      tier: Number(p.tier),
      lessStreamed: p.less_streamed === '1',
      stream: src.stream === '1' ? 1 : 0,
      click: src.click === undefined || src.click === '' ? null : Number(src.click),
      cost: src.cost === undefined || src.cost === '' ? 1 : Number(src.cost),
      scores,
    });
  }
  const perSeed: Record<string, Table> = {};
  for (const seed of seeds) {
    const table: Table = {};
    for (const [grouping, bySeed] of Object.entries(columns)) {
      const bought = buy(rows, bySeed[seed], q);
      table[grouping] = {};
      for (const seg of SEGMENTS) {
        const v = metricsOf(bought.filter((r) => inSegment(r, seg)));
        table[grouping][seg] = { ...v, rel: v };
      }
    }
    for (const cells of Object.values(table))
      for (const seg of SEGMENTS) {
        const base = table[baseline][seg];
        const c = cells[seg];
        const rel = {} as Values;
        for (const k of METRICS) rel[k] = relChange(c[k], base[k]);
        cells[seg] = { ...c, rel };
      }
    perSeed[seed] = table;
  }
  const mean: Table = {};
  for (const grouping of Object.keys(columns)) {
    mean[grouping] = {};
    for (const seg of SEGMENTS) {
      const cells = seeds.map((s) => perSeed[s][grouping][seg]);
      const cell = { rel: {} } as Cell;
      for (const k of METRICS) {
        cell[k] = meanOf(cells.map((c) => c[k]));
        cell.rel[k] = meanOf(cells.map((c) => c.rel[k]));
      }
      mean[grouping][seg] = cell;
    }
  }
  return { seeds, perSeed, mean };
}

/** Equal within relative 1e-9; null only equals null; undefined (absent) never matches. */
function same(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === null || b === null) return a === b;
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Differences between the recomputation and results.rigor.replay.label (each seed's value and the
 * mean, of the value and of the relative change), as readable lines; empty when they agree.
 */
export function compareReplay(re: Recomputed, label: ReplayTable, seeds: readonly number[]): string[] {
  const keys = seeds.map((s) => (re.seeds.length === 1 && re.seeds[0] === '' ? '' : String(s)));
  const out: string[] = [];
  const gs = new Set([...Object.keys(re.mean), ...Object.keys(label)]);
  for (const g of gs)
    for (const seg of SEGMENTS)
      for (const k of METRICS)
        for (const part of ['value', 'rel'] as const) {
          const got = label[g]?.[seg as keyof ReplayTable[string]]?.[part][k];
          const pick = (c: Cell | undefined) => (c ? (part === 'value' ? c[k] : c.rel[k]) : undefined);
          const want = [pick(re.mean[g]?.[seg]), ...keys.map((s) => pick(re.perSeed[s]?.[g]?.[seg]))];
          const have = [got?.mean, ...(got?.values ?? keys.map(() => undefined))];
          if (want.length !== have.length || want.some((w, i) => !same(w, have[i])))
            out.push(
              `${g} ${seg} ${part}.${k}: results ${JSON.stringify(have)} recomputed ${JSON.stringify(want)}`,
            );
        }
  return out;
}

/** Copy of the CLI's relative-change cell format. */
export function formatRel(rel: number | null): string {
  if (rel === null) return 'n/a';
  const s = (rel * 100).toFixed(1);
  if (s === '-0.0' || s === '0.0') return '+0.0%';
  return `${rel > 0 ? '+' : ''}${s}%`;
}

/** The 8 Table 2 mean cells of a grouping: all-shows then less-streamed i2s, eCPS, CTR, #streams. */
export const table2Cells = (re: Recomputed, grouping: string): string[] =>
  (['all', 'less-streamed'] as const).flatMap((seg) =>
    METRICS.map((k) => formatRel(re.mean[grouping][seg].rel[k])),
  );

if (process.argv[1]?.endsWith('replay-check.ts') && process.argv.length >= 5) {
  const [inputPath, predsPath, resultsPath] = process.argv.slice(2);
  const results = JSON.parse(readFileSync(resultsPath, 'utf8'));
  const { buyShare, label } = results.rigor.replay;
  const re = recomputeReplay(
    readFileSync(inputPath, 'utf8'),
    readFileSync(predsPath, 'utf8'),
    buyShare,
    results.baseline,
  );
  const diffs = compareReplay(re, label, results.rigor.seeds);
  for (const g of Object.keys(re.mean)) console.log(`${g.padEnd(18)} ${table2Cells(re, g).join('  ')}`);
  console.log(diffs.length === 0 ? 'replay matches the recomputation' : diffs.join('\n'));
  process.exitCode = diffs.length === 0 ? 0 : 1;
}
