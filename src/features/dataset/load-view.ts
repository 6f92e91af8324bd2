/**
 * Loading state as text, as pure functions (tested in Node): sizes, progress lines, the load
 * report sentence and problem rows. Components only place these strings.
 */
import type { RowProblem } from '../../core/data/table-builder';
import { formatDuration } from '../../core/format/duration';
import type { LoadReport } from '../../worker/protocol';
import type { LoadSlice } from '../../store/types';
import { count } from './summary-view';

/** Bytes in binary units with one decimal: 0 B, 512 B, 1.5 KiB, 12.0 MiB, 1.2 GiB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let x = n / 1024;
  let u = 0;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  return `${x.toFixed(1)} ${units[u]}`;
}

/** The encodings as users know them. */
export const ENCODING_NAMES: Record<string, string> = { csv: 'CSV', jsonl: 'JSON Lines', parquet: 'Parquet' };

/** Fraction done in [0, 1], or null when the total is unknown (a download without a length). */
export function progressFraction(p: NonNullable<LoadSlice['loadProgress']>): number | null {
  if (p.bytesTotal <= 0) return null;
  return Math.min(1, p.bytesRead / p.bytesTotal);
}

/** "Downloading: 1.0 MiB of 4.0 MiB" or "Reading: 2.0 MiB of 4.0 MiB, 12,345 rows". */
export function progressText(p: LoadSlice['loadProgress']): string {
  if (!p) return 'Starting…';
  const of = p.bytesTotal > 0 ? ` of ${formatBytes(p.bytesTotal)}` : '';
  if (p.phase === 'download') return `Downloading: ${formatBytes(p.bytesRead)}${of}`;
  return `Reading: ${formatBytes(p.bytesRead)}${of}, ${count(p.rows)} rows`;
}

/** "Loaded mine.csv (CSV, 1.2 MiB): 8,000 rows in 420 ms." with the skipped rows when any. */
export function reportText(r: LoadReport): string {
  const enc = ENCODING_NAMES[r.encoding] ?? r.encoding;
  const skipped = r.skippedCount
    ? ` ${count(r.skippedCount)} invalid row${r.skippedCount > 1 ? 's were' : ' was'} skipped.`
    : '';
  return `Loaded ${r.name} (${enc}, ${formatBytes(r.bytes)}): ${count(r.rows)} rows in ${formatDuration(r.ms)}.${skipped}`;
}

/** "Showing the first 20 of 1,234 problems." or '' when all are shown. */
export function problemsShownText(shown: number, total: number): string {
  return total > shown ? `Showing the first ${shown} of ${count(total)} problems.` : '';
}

/** A problem's cells for the table: the row, the column ('—' for a whole-row problem), value, reason. */
export function problemCells(p: RowProblem): [string, string, string, string] {
  return [count(p.row), p.column || '—', p.value === '' ? '(empty)' : p.value, p.reason];
}
