/**
 * Reads the impression file format from JSON Lines (`.jsonl`/`.ndjson`): one JSON object a line,
 * a missing key or null = missing value. JSON.parse does the parsing; validation and typed columns
 * are the TableBuilder's. Two streaming passes over the Blob: the first collects the keys (any
 * line may add one; rows may not share a key order), the second builds the columns. Row numbers
 * in problems are line numbers (1-based; blank lines are skipped but counted).
 */
import type { StreamLoadOptions } from './load-types';
import { type LoadResult, loadFailure, type RawCell, TableBuilder } from './table-builder';
import { clip } from './table-builder-cells';
import { forEachTextChunk, NotTextError } from './text-chunks';

/** Splits pushed text into lines (LF or CRLF), keeping a partial last line for the next push. */
class LineSplitter {
  private carry = '';
  line = 0;
  constructor(private readonly onLine: (line: string, lineNo: number) => void) {}
  push(text: string): void {
    const s = this.carry + text;
    let from = 0;
    for (let lf = s.indexOf('\n'); lf >= 0; lf = s.indexOf('\n', from)) {
      this.emit(s.slice(from, lf > from && s.charCodeAt(lf - 1) === 13 ? lf - 1 : lf));
      from = lf + 1;
    }
    this.carry = s.slice(from);
  }
  end(): void {
    if (this.carry !== '') this.emit(this.carry.endsWith('\r') ? this.carry.slice(0, -1) : this.carry);
    this.carry = '';
  }
  private emit(line: string): void {
    this.line++;
    if (line.trim() !== '') this.onLine(line, this.line);
  }
}

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

function parseLine(line: string): Parsed {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: `malformed JSON: ${(e as Error).message}` };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return { ok: false, reason: 'a line must hold one JSON object' };
  return { ok: true, value: v as Record<string, unknown> };
}

const UNSAFE_INTEGER =
  'an integer beyond 2^53 cannot be read exactly from JSON (two ids could merge): write it as a string';

/** A JSON value as a cell: scalars as they are, a list as a multi value `a|b`, else its JSON. */
function toCell(v: unknown): RawCell {
  if (
    v === null ||
    v === undefined ||
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean'
  )
    return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join('|');
  return JSON.stringify(v);
}

/** Reads a JSON Lines Blob into an ImpressionTable (see readImpressionCsv for the outcomes). */
export async function readImpressionJsonl(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions = {},
): Promise<LoadResult> {
  try {
    // Pass 1: the header is every key seen, in first-seen order.
    const keys = new Set<string>();
    let lines = 0;
    const scan = new LineSplitter((line) => {
      lines++;
      const p = parseLine(line);
      if (p.ok) for (const k of Object.keys(p.value)) keys.add(k);
    });
    await forEachTextChunk(
      blob,
      { ...opts, onProgress: undefined },
      () => 0,
      (t) => scan.push(t),
    );
    scan.end();
    if (lines === 0) return loadFailure(fileName, `${fileName}: the file is empty`);
    if (keys.size === 0) return loadFailure(fileName, `${fileName}: no line holds a JSON object`);

    // Pass 2: rows.
    const header = [...keys];
    const started = TableBuilder.start(fileName, header, opts);
    if (!(started instanceof TableBuilder)) return started;
    const builder = started;
    const cells: RawCell[] = new Array(header.length);
    let rows = 0;
    const read = new LineSplitter((line, lineNo) => {
      rows++;
      const p = parseLine(line);
      if (!p.ok) return builder.rowProblem(lineNo, '', clip(line), p.reason);
      for (let k = 0; k < header.length; k++) {
        const v = p.value[header[k]];
        // JSON.parse has already rounded such a number: two different ids could become one.
        if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v))
          return builder.rowProblem(lineNo, header[k], String(v), UNSAFE_INTEGER);
        cells[k] = toCell(v);
      }
      builder.addRow(cells, lineNo);
    });
    await forEachTextChunk(
      blob,
      opts,
      () => rows,
      (t) => read.push(t),
    );
    read.end();
    return builder.finish();
  } catch (e) {
    if (e instanceof NotTextError) return loadFailure(fileName, `${fileName}: ${e.message}`);
    throw e;
  }
}
