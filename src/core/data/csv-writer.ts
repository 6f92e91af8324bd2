/**
 * Writes an ImpressionTable in the impression file format (CSV, version 1): one header row,
 * comma separated, RFC 4180 quoting, empty cell = missing, multi values joined by `|`.
 */
import { MISSING_LABEL, MISSING_TIER } from './schema';
import type { DictColumn, FeatureColumn, ImpressionTable } from './table';

/** RFC 4180: quote a cell holding a comma, quote, CR or LF, doubling inner quotes. */
export function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A number as its shortest round-tripping decimal (JS `String`); NaN = missing (''). */
const num = (x: number): string => (Number.isNaN(x) ? '' : String(x));
const dictValue = (c: DictColumn, i: number): string => (c.codes[i] < 0 ? '' : c.dict[c.codes[i]]);
const label = (v: number): string => (v === MISSING_LABEL ? '' : String(v));

function featureCell(f: FeatureColumn, i: number): string {
  switch (f.kind) {
    case 'numeric':
      return num(f.data[i]);
    case 'categorical':
      return dictValue(f.data, i);
    case 'multi': {
      const { offsets, codes, dict } = f.data;
      const parts: string[] = [];
      for (let j = offsets[i]; j < offsets[i + 1]; j++) parts.push(dict[codes[j]]);
      return parts.join('|');
    }
  }
}

/** `YYYY-MM-DD` of `date` + `days` (UTC calendar arithmetic). */
function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The CSV's lines (without line terminators), header first: source (`ad`/`promo`), day, user_id,
 * podcast_id, stream, click, like, follow, then stream_tier, show_streams_30d and cost when the
 * table has them, then the feature columns in table order. Days are written as dates when the
 * table came from a file with dates (`dayZeroDate`), else as integers.
 */
export function* tableToCsvLines(table: ImpressionTable): Generator<string> {
  const { labels, streamTier, showStreams30d, cost, features } = table;
  const header = ['source', 'day', 'user_id', 'podcast_id', 'stream', 'click', 'like', 'follow'];
  if (streamTier) header.push('stream_tier');
  if (showStreams30d) header.push('show_streams_30d');
  if (cost) header.push('cost');
  for (const f of features) header.push(f.name);
  yield header.map(csvCell).join(',');

  const cells: string[] = new Array(header.length);
  for (let i = 0; i < table.n; i++) {
    let k = 0;
    cells[k++] = table.source[i] === 1 ? 'ad' : 'promo';
    cells[k++] = table.dayZeroDate ? addDays(table.dayZeroDate, table.day[i]) : String(table.day[i]);
    cells[k++] = csvCell(dictValue(table.userId, i));
    cells[k++] = csvCell(dictValue(table.podcastId, i));
    cells[k++] = String(labels.stream[i]);
    cells[k++] = label(labels.click[i]);
    cells[k++] = label(labels.like[i]);
    cells[k++] = label(labels.follow[i]);
    if (streamTier) cells[k++] = streamTier[i] === MISSING_TIER ? '' : String(streamTier[i]);
    if (showStreams30d) cells[k++] = num(showStreams30d[i]);
    if (cost) cells[k++] = num(cost[i]);
    for (const f of features) cells[k++] = csvCell(featureCell(f, i));
    yield cells.join(',');
  }
}

/** The whole CSV as one string, lines ending in '\n'. For large tables prefer tableToCsvLines. */
export function tableToCsv(table: ImpressionTable): string {
  const out: string[] = [];
  for (const line of tableToCsvLines(table)) out.push(line);
  return `${out.join('\n')}\n`;
}
