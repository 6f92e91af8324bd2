/**
 * The dataset section of the Markdown report. Results carry the dataset summary verbatim and an
 * imported file may hold an older or partial one, so each part is checked on its own and a part
 * that is missing or malformed is left out rather than printed wrong.
 */
import { z } from 'zod';
import { LABELS, SOURCES, TIERS } from '../../data/schema';
import { pipeTable } from './markdown';

const n = z.number();
const counts = z.object({ promo: n, ad: n });
const rate = z.object({ positives: n, observed: n, rate: n.nullable() });
const PARTS = {
  rows: n,
  rowsBySource: counts,
  rowsByDay: z.array(z.object({ day: n })),
  dayZeroDate: z.string().nullable(),
  split: z
    .object({
      train: z.object({ days: z.array(n), rows: counts, streamPositives: counts }),
      val: z.object({ days: z.array(n), rows: counts, streamPositives: counts }),
      test: z.object({ days: z.array(n), rows: counts, streamPositives: counts }),
    })
    .nullable(),
  labelRates: z.record(z.enum(LABELS), z.object({ promo: rate, ad: rate })),
  rowsByTier: z.object({ promo: z.array(n), ad: z.array(n) }),
  tiers: z.object({ how: z.string() }),
  warnings: z.array(z.object({ message: z.string() })),
};
type Parts = { [K in keyof typeof PARTS]?: z.infer<(typeof PARTS)[K]> };

function readParts(dataset: unknown): Parts {
  const out: Record<string, unknown> = {};
  if (dataset === null || typeof dataset !== 'object') return out;
  for (const [key, schema] of Object.entries(PARTS)) {
    const r = schema.safeParse((dataset as Record<string, unknown>)[key]);
    if (r.success) out[key] = r.data;
  }
  return out as Parts;
}

const int = (x: number): string => x.toLocaleString('en-US');
const pct = (r: { positives: number; observed: number; rate: number | null }): string =>
  r.rate === null ? 'not observed' : `${(100 * r.rate).toFixed(2)}% (${int(r.positives)}/${int(r.observed)})`;
const dayRange = (days: readonly number[]): string =>
  days.length === 0 ? 'none' : days.length === 1 ? `${days[0]}` : `${days[0]}-${days[days.length - 1]}`;

export const TIER_HOW_TEXT: Record<string, string> = {
  given: 'given with the data (stream_tier column)',
  show_streams_30d: 'from show_streams_30d by fixed thresholds',
  'training-counts': "ranked by each show's stream count on the training days",
};

/** One line for a title: '1,800 impressions (promotions 1,174, ads 626) over 6 days', or null. */
export function datasetOneLiner(dataset: unknown): string | null {
  const d = readParts(dataset);
  if (d.rows === undefined) return null;
  const by = d.rowsBySource
    ? ` (promotions ${int(d.rowsBySource.promo)}, ads ${int(d.rowsBySource.ad)})`
    : '';
  const days = d.rowsByDay ? ` over ${d.rowsByDay.length} days` : '';
  return `${int(d.rows)} impressions${by}${days}`;
}

/** The dataset summary as Markdown lines (rows, days and split, label rates, tiers, warnings). */
export function datasetSection(dataset: unknown): string {
  const d = readParts(dataset);
  const out: string[] = [];
  if (d.rows !== undefined) {
    const by = d.rowsBySource
      ? ` (promotions ${int(d.rowsBySource.promo)}, ads ${int(d.rowsBySource.ad)})`
      : '';
    out.push(`- Impressions: ${int(d.rows)}${by}`);
  }
  if (d.rowsByDay) {
    const start = d.dayZeroDate ? `, day 0 = ${d.dayZeroDate}` : '';
    out.push(`- Days: ${d.rowsByDay.length}${start}`);
  }
  if (d.tiers) out.push(`- Stream tiers: ${TIER_HOW_TEXT[d.tiers.how] ?? d.tiers.how}`);
  if (d.split) {
    const s = d.split;
    const row = (name: string, p: typeof s.train) => [
      name,
      dayRange(p.days),
      int(p.rows.promo),
      int(p.streamPositives.promo),
      int(p.rows.ad),
      int(p.streamPositives.ad),
    ];
    const header = ['Split', 'Days', 'Promo rows', 'Promo streams', 'Ad rows', 'Ad streams'];
    out.push('', pipeTable(header, [row('train', s.train), row('validation', s.val), row('test', s.test)]));
  } else if ('split' in d) out.push('- Split: none (the days could not be split)');
  if (d.labelRates) {
    const rates = d.labelRates;
    const rows = LABELS.map((l) => [l, pct(rates[l].promo), pct(rates[l].ad)]);
    out.push('', pipeTable(['Label rate', 'Promotions', 'Ads'], rows));
  }
  if (d.rowsByTier) {
    const t = d.rowsByTier;
    const rows = SOURCES.map((c) => [
      c === 'promo' ? 'Promo rows' : 'Ad rows',
      ...TIERS.map((k) => int(t[c][k] ?? 0)),
    ]);
    out.push('', pipeTable(['Tier', ...TIERS.map(String)], rows));
  }
  if (d.warnings) {
    out.push('', d.warnings.length === 0 ? 'Warnings: none.' : 'Warnings:');
    for (const w of d.warnings) out.push(`- ${w.message}`);
  }
  return out.length > 0 ? out.join('\n') : '_No dataset summary in these results._';
}
