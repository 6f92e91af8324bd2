/**
 * Format-neutral assembly of an ImpressionTable from raw cells, shared by the CSV, JSON Lines and
 * Parquet loaders: header checks, per-cell validation with row-numbered problems, typed columns,
 * and feature-kind inference. A loader only turns its format into (header, rows of cells).
 */
import { featureGroupOf, MISSING_LABEL, OPTIONAL_LABEL_COLUMNS, REQUIRED_COLUMNS } from './schema';
import { FeatureValues } from './feature-values';
import type { ImpressionTable } from './table';
import {
  cellText, clip, epochDayToDate, GrowF64, GrowI32, Interner, type Parsed, parseDay,
  parseLabel, parseNonNegative, parseSource, parseTier, type RawCell,
} from './table-builder-cells'; // prettier-ignore

export { inferFeature, type RawCell } from './table-builder-cells';

/** One bad value: `row` is the 1-based data row (the header is not counted). */
export interface RowProblem {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

/**
 * A load's outcome. On success, `skipped` lists the first problems of the rows skipped (only with
 * skipInvalidRows), `skippedCount` counts those rows and `skippedProblemCount` all their problems. On failure, `problems` lists the first
 * MAX_PROBLEMS bad values and `problemCount` counts them all (0 for file-level failures).
 */
export type LoadResult =
  | {
      ok: true;
      table: ImpressionTable;
      skipped: RowProblem[];
      skippedCount: number;
      skippedProblemCount: number;
      ignoredColumns: string[];
    }
  | { ok: false; file: string; message: string; problems: RowProblem[]; problemCount: number };

export interface LoadOptions {
  /** Drop rows with bad values (and report them) instead of failing the load. */
  readonly skipInvalidRows?: boolean;
}

/** Problems kept for display; all are counted. */
export const MAX_PROBLEMS = 20;

/** A load that failed: the file-level message and the first row problems. */
export type LoadFailure = Extract<LoadResult, { ok: false }>;

/** A file-level failure (no row problems). */
export function loadFailure(file: string, message: string): LoadFailure {
  return { ok: false, file, message, problems: [], problemCount: 0 };
}

/**
 * Where a loader puts rows, whatever they become: the impression table (TableBuilder) or a
 * predictions file (core/analysis). `row` is the 1-based data row; `finish` gives the sink's
 * result or a failure naming the bad rows and columns.
 */
export interface RowSink<R> {
  addRow(cells: ArrayLike<RawCell>, row: number): void;
  /** A problem that is not one cell's value (e.g. a malformed CSV row); the row is dropped. */
  rowProblem(row: number, column: string, value: string, reason: string): void;
  finish(): R | LoadFailure;
}

/** A sink for a file with these column names, or a failure (missing, duplicate columns...). */
export type StartRows<R> = (
  file: string,
  header: readonly string[],
  opts: LoadOptions,
) => RowSink<R> | LoadFailure;

/** Whether a start or a finish gave a failure (a sink is never one). */
export const isLoadFailure = (x: object): x is LoadFailure => (x as { ok?: unknown }).ok === false;

const SEGMENT = ['stream_tier', 'show_streams_30d', 'cost'] as const;
const KNOWN = [...REQUIRED_COLUMNS, ...OPTIONAL_LABEL_COLUMNS, ...SEGMENT] as const;
type Known = (typeof KNOWN)[number];
const LABEL_COLUMNS = ['stream', ...OPTIONAL_LABEL_COLUMNS] as const;

/** Accumulates rows of raw cells (by header position) into typed columns. */
export class TableBuilder implements RowSink<LoadResult> {
  private readonly known = new Map<Known, number>();
  private readonly featureCols: { name: string; at: number; values: FeatureValues }[] = [];
  private readonly ignored: string[] = [];
  private readonly source = new GrowI32();
  private readonly day = new GrowI32();
  private dayKind: 'int' | 'date' | undefined;
  private readonly users = new Interner();
  private readonly shows = new Interner();
  private readonly labels = [new GrowI32(), new GrowI32(), new GrowI32(), new GrowI32()];
  private readonly tier = new GrowI32();
  private readonly streams30d = new GrowF64();
  private readonly cost = new GrowF64();
  private readonly problems: RowProblem[] = [];
  private problemCount = 0;
  private badRows = 0;
  private rows = 0;

  private constructor(
    private readonly file: string,
    private readonly opts: LoadOptions,
  ) {}

  /** A builder for a file with these column names, or a failure (missing or duplicate columns). */
  static start(file: string, header: readonly string[], opts: LoadOptions = {}): TableBuilder | LoadFailure {
    const b = new TableBuilder(file, opts);
    const seen = new Map<string, number>();
    for (let at = 0; at < header.length; at++) {
      const name = header[at].trim();
      const isKnown = (KNOWN as readonly string[]).includes(name);
      const isFeature = !isKnown && featureGroupOf(name) !== undefined;
      if (!isKnown && !isFeature) {
        b.ignored.push(name === '' ? `(unnamed column ${at + 1})` : name);
        continue;
      }
      const first = seen.get(name);
      if (first !== undefined) {
        return loadFailure(
          file,
          `${file}: column "${name}" appears twice (columns ${first + 1} and ${at + 1})`,
        );
      }
      seen.set(name, at);
      if (isKnown) b.known.set(name as Known, at);
      else b.featureCols.push({ name, at, values: new FeatureValues() });
    }
    const missing = REQUIRED_COLUMNS.filter((c) => !b.known.has(c));
    if (missing.length > 0) {
      const list = missing.map((c) => `"${c}"`).join(', ');
      return loadFailure(file, `${file}: required column${missing.length > 1 ? 's' : ''} ${list} missing`);
    }
    return b;
  }

  /** Records a problem that is not one cell's value (e.g. a malformed CSV row) and drops the row. */
  rowProblem(row: number, column: string, value: string, reason: string): void {
    this.rows++;
    this.badRows++;
    this.note({ row, column, value, reason });
  }

  private note(p: RowProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ ...p, value: clip(p.value) });
    this.problemCount++;
  }

  /** Header position of a known column, -1 when the file does not have it. */
  private pos(c: Known): number {
    return this.known.get(c) ?? -1;
  }

  /** The value of `p`, or 0 after noting its problem (the row is then dropped). */
  private check(row: number, c: Known, cells: ArrayLike<RawCell>, p: Parsed): number {
    if (p.ok) return p.value;
    this.note({ row, column: c, value: String(cells[this.pos(c)] ?? ''), reason: p.reason });
    return 0;
  }

  /**
   * Adds data row `row` (1-based); `cells[k]` is the cell under header position k. This is the
   * loaders' hot path (once per row of a million-row file): no closures or arrays per row.
   */
  addRow(cells: ArrayLike<RawCell>, row: number): void {
    this.rows++;
    const before = this.problemCount;
    const at = this.positions ?? this.cachePositions();
    const text = (k: number): string => (k < 0 ? '' : cellText(cells[k]));
    const src = this.check(row, 'source', cells, parseSource(text(at.source)));
    let day = 0;
    const d = parseDay(text(at.day));
    if (!d.ok) this.check(row, 'day', cells, d);
    else if (this.dayKind !== undefined && d.kind !== this.dayKind) {
      const reason = `day mixes integers and dates (earlier rows use ${this.dayKind}s)`;
      this.check(row, 'day', cells, { ok: false, reason });
    } else {
      this.dayKind = d.kind;
      day = d.value;
    }
    const user = text(at.user_id);
    const show = text(at.podcast_id);
    if (user === '') this.check(row, 'user_id', cells, { ok: false, reason: 'user_id is required' });
    if (show === '') this.check(row, 'podcast_id', cells, { ok: false, reason: 'podcast_id is required' });
    const labels = this.rowLabels;
    for (let k = 0; k < LABEL_COLUMNS.length; k++) {
      const c = LABEL_COLUMNS[k];
      const pos = at[c];
      labels[k] = pos < 0 ? MISSING_LABEL : this.check(row, c, cells, parseLabel(text(pos), c, k === 0));
    }
    const tier = this.check(row, 'stream_tier', cells, parseTier(text(at.stream_tier)));
    const streams = this.check(
      row,
      'show_streams_30d',
      cells,
      parseNonNegative(text(at.show_streams_30d), 'show_streams_30d'),
    );
    const cost = this.check(row, 'cost', cells, parseNonNegative(text(at.cost), 'cost'));
    if (this.problemCount > before) {
      this.badRows++;
      return; // rows are all-or-nothing, so every column keeps the same length
    }
    this.source.push(src);
    this.day.push(day);
    this.users.push(user);
    this.shows.push(show);
    for (let k = 0; k < 4; k++) this.labels[k].push(labels[k]);
    this.tier.push(tier);
    this.streams30d.push(streams);
    this.cost.push(cost);
    for (const f of this.featureCols) f.values.push(cellText(cells[f.at]));
  }

  private positions: Record<Known, number> | undefined;
  private readonly rowLabels = new Int32Array(LABEL_COLUMNS.length);
  private cachePositions(): Record<Known, number> {
    this.positions = Object.fromEntries(KNOWN.map((c) => [c, this.pos(c)])) as Record<Known, number>;
    return this.positions;
  }

  /** The table, or a failure when there are no rows or bad values (unless skipping them). */
  finish(): LoadResult {
    const { file } = this;
    if (this.rows === 0) return loadFailure(file, `${file}: has a header but no data rows`);
    if (this.problemCount > 0 && !this.opts.skipInvalidRows) {
      const message = `${file}: ${this.problemCount} invalid value${this.problemCount > 1 ? 's' : ''} in ${this.badRows} row${this.badRows > 1 ? 's' : ''}`;
      return { ok: false, file, message, problems: this.problems, problemCount: this.problemCount };
    }
    const n = this.source.length;
    if (n === 0) {
      return {
        ...loadFailure(file, `${file}: no valid rows (all ${this.rows} were invalid)`),
        problems: this.problems,
        problemCount: this.problemCount,
      };
    }
    const day = this.day.toArray();
    let dayZeroDate: string | undefined;
    if (this.dayKind === 'date') {
      const min = day.reduce((a, b) => Math.min(a, b), Infinity);
      for (let i = 0; i < n; i++) day[i] -= min;
      dayZeroDate = epochDayToDate(min);
    }
    const labels = this.labels.map((l) => Uint8Array.from(l.toArray()));
    const has = (c: Known) => this.known.has(c);
    const table: ImpressionTable = {
      n,
      source: Uint8Array.from(this.source.toArray()),
      day,
      ...(dayZeroDate ? { dayZeroDate } : {}),
      userId: { codes: this.users.codes.toArray(), dict: this.users.dict },
      podcastId: { codes: this.shows.codes.toArray(), dict: this.shows.dict },
      labels: { stream: labels[0], click: labels[1], like: labels[2], follow: labels[3] },
      streamTier: has('stream_tier') ? Int8Array.from(this.tier.toArray()) : null,
      showStreams30d: has('show_streams_30d') ? this.streams30d.toArray() : null,
      cost: has('cost') ? this.cost.toArray() : null,
      features: this.featureCols.map((f) => f.values.toFeature(f.name)),
      ignoredColumns: this.ignored,
    };
    return {
      ok: true,
      table,
      skipped: this.problems,
      skippedCount: this.badRows,
      skippedProblemCount: this.problemCount,
      ignoredColumns: this.ignored,
    };
  }
}
