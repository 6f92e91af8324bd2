/**
 * Reads the impression file format from CSV (UTF-8, comma separated, one header row, RFC 4180
 * quoting, empty cell = missing). Parsing is papaparse's; validation and typed columns are the
 * format-neutral TableBuilder's. A large file streams through CsvFeeder in chunks cut at record
 * boundaries, so papaparse never sees half a record and memory stays at one chunk.
 */
import Papa from 'papaparse';
import type { StreamLoadOptions } from './load-types';
import {
  isLoadFailure, type LoadFailure, type LoadOptions, type LoadResult, loadFailure, type RowSink,
  type StartRows, TableBuilder,
} from './table-builder'; // prettier-ignore
import { clip } from './table-builder-cells';
import { forEachTextChunk, NotTextError } from './text-chunks';

export type { LoadOptions, LoadResult, RowProblem } from './table-builder';

const QUOTE = 34;
const LF = 10;

/**
 * Incremental CSV reader: push() text pieces in order, end() for the result. Splits the text at
 * the last line feed outside quotes (RFC 4180: a quote toggles quoting, "" toggles twice), so
 * each piece handed to papaparse holds whole records; the rest waits for the next piece. The
 * header row goes to `start`, every later row to the sink it gives (an impression table by default).
 */
export class CsvFeeder<R> {
  private carry = '';
  private scanned = 0; // chars of carry already scanned for quotes
  private inQuotes = false;
  private newline: '\n' | '\r\n' | undefined;
  private builder: RowSink<R> | undefined;
  private failure: LoadFailure | undefined;
  private width = 0;
  private sawText = false;
  rows = 0;

  constructor(
    private readonly fileName: string,
    private readonly opts: LoadOptions,
    private readonly start: StartRows<R>,
  ) {}

  push(text: string): void {
    if (this.failure) return;
    if (!this.sawText && this.carry === '' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.carry += text;
    const cut = this.lastRecordEnd();
    if (cut < 0) return;
    const whole = this.carry.slice(0, cut + 1);
    this.carry = this.carry.slice(cut + 1);
    this.scanned = this.carry.length;
    this.parse(whole);
  }

  end(): R | LoadFailure {
    if (!this.failure && this.carry !== '') this.parse(this.carry);
    this.carry = '';
    if (this.failure) return this.failure;
    if (!this.builder) return loadFailure(this.fileName, `${this.fileName}: the file is empty`);
    return this.builder.finish();
  }

  /** Index of the last LF outside quotes in carry, scanning only what is new; -1 if none. */
  private lastRecordEnd(): number {
    const s = this.carry;
    let cut = -1;
    if (!this.inQuotes && s.indexOf('"', this.scanned) < 0) {
      // Fast path: no quotes in the new text, so an LF in it ends a record. An older LF in carry
      // lies inside a quoted value (else it was cut already), so it must not be the cut.
      cut = s.indexOf('\n', this.scanned) < 0 ? -1 : s.lastIndexOf('\n');
    } else {
      for (let i = this.scanned; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c === QUOTE) this.inQuotes = !this.inQuotes;
        else if (c === LF && !this.inQuotes) cut = i;
      }
    }
    this.scanned = s.length;
    return cut;
  }

  private parse(text: string): void {
    if (!this.sawText) {
      if (text.trim() === '') return;
      this.sawText = true;
      this.newline = lineEnding(text);
    }
    const parsed = Papa.parse<string[]>(text, {
      header: false, // header mode renames duplicate columns; we want to report them
      delimiter: ',',
      skipEmptyLines: true,
      ...(this.newline ? { newline: this.newline } : {}),
    });
    const errorAt = new Map<number, string>();
    for (const e of parsed.errors)
      if (e.row !== undefined && !errorAt.has(e.row)) errorAt.set(e.row, e.message);
    const data = parsed.data;
    for (let k = 0; k < data.length; k++) {
      const cells = data[k];
      if (!this.builder) {
        const started = this.start(this.fileName, cells, this.opts);
        if (isLoadFailure(started)) {
          this.failure = started;
          return;
        }
        this.builder = started;
        this.width = cells.length;
        continue;
      }
      if (cells.length === 1 && cells[0].trim() === '') continue; // a whitespace-only line is blank
      const row = ++this.rows;
      const error = errorAt.get(k);
      if (error !== undefined) {
        this.builder.rowProblem(row, '', clip(cells.join(',')), `malformed CSV row: ${error}`);
      } else if (cells.length !== this.width) {
        this.builder.rowProblem(
          row,
          '',
          `${cells.length} fields`,
          `expected ${this.width} fields as in the header, found ${cells.length}`,
        );
      } else {
        this.builder.addRow(cells, row);
      }
    }
  }
}

/**
 * The file's line ending, by majority over the first piece of text (not the first line only: a
 * CRLF header over LF rows is LF). Undefined when the piece has no line feed (papaparse guesses).
 */
function lineEnding(text: string): '\n' | '\r\n' | undefined {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf + lf === 0) return undefined;
  return crlf > lf ? '\r\n' : '\n';
}

/**
 * Parses `text` (the whole file; a UTF-8 BOM and CRLF line ends are fine) named `fileName` for
 * messages. Header order is free; unknown columns are ignored and listed in `ignoredColumns`.
 * Fails (ok: false) on an empty file, a header without rows, a missing required or duplicated
 * column, or any bad value unless `opts.skipInvalidRows`, which drops those rows and reports them.
 * Row numbers in problems are 1-based data rows (the header is row 0); blank lines are skipped
 * and not counted.
 */
export function readImpressionCsv(text: string, fileName: string, opts: LoadOptions = {}): LoadResult {
  const feeder = new CsvFeeder(fileName, opts, TableBuilder.start);
  feeder.push(text);
  return feeder.end();
}

/** readImpressionCsv over a Blob, chunk by chunk, with progress and cancel (see load-types). */
export function readImpressionCsvBlob(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions = {},
): Promise<LoadResult> {
  return readCsvBlob(blob, fileName, opts, TableBuilder.start);
}

/** A CSV Blob, chunk by chunk, into the sink `start` gives for its header. */
export async function readCsvBlob<R>(
  blob: Blob,
  fileName: string,
  opts: StreamLoadOptions,
  start: StartRows<R>,
): Promise<R | LoadFailure> {
  const feeder = new CsvFeeder<R>(fileName, opts, start);
  try {
    await forEachTextChunk(
      blob,
      opts,
      () => feeder.rows,
      (t) => feeder.push(t),
    );
  } catch (e) {
    if (e instanceof NotTextError) return loadFailure(fileName, `${fileName}: ${e.message}`);
    throw e;
  }
  return feeder.end();
}
