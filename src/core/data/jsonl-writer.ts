/**
 * Writes an ImpressionTable as JSON Lines with the same columns and values as the CSV writer:
 * one object a line, a missing value left out of its object. Reuses the CSV line generator's
 * cell texts so the two encodings can never disagree about a value.
 */
import Papa from 'papaparse';
import { tableToCsvLines } from './csv-writer';
import type { ImpressionTable } from './table';

/** Columns written as JSON numbers (the rest are strings). */
function numericColumns(table: ImpressionTable): Set<string> {
  const s = new Set(['day', 'stream', 'click', 'like', 'follow', 'stream_tier', 'show_streams_30d', 'cost']);
  if (table.dayZeroDate) s.delete('day');
  for (const f of table.features) if (f.kind === 'numeric') s.add(f.name);
  return s;
}

/** The JSON Lines file's lines (without terminators). */
export function* tableToJsonlLines(table: ImpressionTable): Generator<string> {
  const numeric = numericColumns(table);
  let header: string[] | undefined;
  for (const line of tableToCsvLines(table)) {
    const cells = Papa.parse<string[]>(line, { delimiter: ',' }).data[0] ?? [];
    if (!header) {
      header = cells;
      continue;
    }
    const obj: Record<string, string | number> = {};
    for (let k = 0; k < header.length; k++) {
      if (cells[k] === '') continue;
      obj[header[k]] = numeric.has(header[k]) ? Number(cells[k]) : cells[k];
    }
    yield JSON.stringify(obj);
  }
}

/** The whole file as one string, lines ending in '\n'. */
export function tableToJsonl(table: ImpressionTable): string {
  const out: string[] = [];
  for (const line of tableToJsonlLines(table)) out.push(line);
  return `${out.join('\n')}\n`;
}
