/**
 * The predictions file's rows into typed columns: the row sink the CSV and Parquet loaders feed
 * (core/data's streaming readers), validating every cell with the impression format's parsers and
 * reporting problems by row and column, all-or-nothing per row as the impression loader does.
 */
import { LESS_STREAMED_THRESHOLD, MISSING_LABEL, MISSING_TIER, type TaskId } from '../data/schema';
import { type LoadFailure, type LoadOptions, loadFailure, MAX_PROBLEMS, type RowProblem, type RowSink } from '../data/table-builder'; // prettier-ignore
import {
  cellText, clip, GrowF32, GrowF64, GrowU8, Interner, type Parsed, parseDay, parseLabel, parseNonNegative,
  parseNumber, parseSource, parseTier, type RawCell,
} from '../data/table-builder-cells'; // prettier-ignore
import { tierFromShowStreams } from '../data/tiers';
import { LESS_STREAMED_TIERS } from '../metrics/segments';
import {
  type MetaColumn,
  type PredictionModel,
  type PredictionsLayout,
  predictionsLayout,
} from './predictions-columns';

/** How many rows took their tier, or their less-streamed flag, from each source. */
export interface DerivedCounts {
  /** Tier: the `stream_tier`/`tier` cell; flag: the `less_streamed` cell. */
  readonly given: number;
  /** From `show_streams_30d`: the tier thresholds, or streams < LESS_STREAMED_THRESHOLD. */
  readonly show_streams_30d: number;
  /** Flag only: the tier rule (tiers 3..5) when neither cell was there. */
  readonly tier: number;
}

/** A predictions file read whole: per row (the file's data rows in order) its labels, segment columns and scores. */
export interface Predictions {
  readonly n: number;
  /** SOURCE_CODE per row (0 promo, 1 ad). */
  readonly source: Uint8Array;
  /** 0/1 labels per row; MISSING_LABEL (255) where a cell or the column is missing. */
  readonly stream: Uint8Array;
  readonly click: Uint8Array;
  /** Stream tier 0..7 per row, and where each row's came from. */
  readonly tier: Uint8Array;
  readonly tierFrom: DerivedCounts;
  /** Less-streamed flag per row (1 = less-streamed creator), and where each row's came from. */
  readonly lessStreamed: Uint8Array;
  readonly lessStreamedFrom: DerivedCounts;
  /** Show code per row (first-seen order of `podcast_id`; -1 where missing: one show together). */
  readonly show: Int32Array;
  /** Distinct shows (0 without a podcast_id column). */
  readonly shows: number;
  /** Cost per row (NaN where a cell is missing, counted as 1 by the replay); null without the column. */
  readonly cost: Float64Array | null;
  /** Which metadata columns the file had. */
  readonly columns: readonly MetaColumn[];
  /** The score columns' names, in the file's order. */
  readonly scoreColumns: readonly string[];
  readonly models: readonly PredictionModel[];
  readonly seeds: readonly (number | null)[];
  /** Per seed slot, per model id, per head: the scores of every row (float32, as the app's own). */
  readonly scores: readonly ReadonlyMap<string, Readonly<Partial<Record<TaskId, Float32Array>>>>[];
}

export type PredictionsLoadResult =
  | {
      readonly ok: true;
      readonly predictions: Predictions;
      readonly skipped: RowProblem[];
      readonly skippedCount: number;
      readonly skippedProblemCount: number;
    }
  | LoadFailure;

/** Accumulates a predictions file's rows (built by PredictionsBuilder.start from the header). */
export class PredictionsBuilder implements RowSink<PredictionsLoadResult> {
  private readonly source = new GrowU8();
  private readonly labels = [new GrowU8(), new GrowU8()]; // stream, click (like/follow are checked only)
  private readonly tier = new GrowU8();
  private readonly less = new GrowU8();
  private readonly shows = new Interner();
  private readonly cost = new GrowF64();
  private readonly scoreCols: GrowF32[];
  private readonly tierFrom = { given: 0, show_streams_30d: 0, tier: 0 };
  private readonly lessFrom = { given: 0, show_streams_30d: 0, tier: 0 };
  private readonly problems: RowProblem[] = [];
  private problemCount = 0;
  private badRows = 0;
  private rows = 0;
  private readonly scoreValues: Float64Array;
  private readonly at: Record<MetaColumn, number>;

  private constructor(
    private readonly file: string,
    private readonly layout: PredictionsLayout,
    private readonly opts: LoadOptions,
  ) {
    this.scoreCols = layout.scores.map(() => new GrowF32());
    this.scoreValues = new Float64Array(layout.scores.length);
    const at = {} as Record<MetaColumn, number>;
    for (const [c, p] of Object.entries(layout.meta)) at[c as MetaColumn] = p;
    this.at = at;
  }

  /** A builder for a file with these column names, or a failure saying why they do not fit. */
  static start(
    file: string,
    header: readonly string[],
    opts: LoadOptions = {},
  ): PredictionsBuilder | LoadFailure {
    const layout = predictionsLayout(header);
    if (typeof layout === 'string') return loadFailure(file, `${file}: ${layout}`);
    return new PredictionsBuilder(file, layout, opts);
  }

  rowProblem(row: number, column: string, value: string, reason: string): void {
    this.rows++;
    this.badRows++;
    this.note(row, column, value, reason);
  }

  private note(row: number, column: string, value: string, reason: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ row, column, value: clip(value), reason });
    this.problemCount++;
  }

  /** Trimmed text of a metadata column's cell; '' when the file lacks the column. */
  private text(cells: ArrayLike<RawCell>, c: MetaColumn): string {
    const k = this.at[c];
    return k === undefined ? '' : cellText(cells[k]);
  }

  /** The value of `p`, or 0 after noting its problem under `column` (the row is then dropped). */
  private check(row: number, column: MetaColumn, cells: ArrayLike<RawCell>, p: Parsed): number {
    if (p.ok) return p.value;
    this.note(row, column, this.text(cells, column), p.reason);
    return 0;
  }

  /** Adds data row `row` (1-based); the hot path, once per row of a ten-million-row file. */
  addRow(cells: ArrayLike<RawCell>, row: number): void {
    this.rows++;
    const before = this.problemCount;
    const src = this.check(row, 'source', cells, parseSource(this.text(cells, 'source')));
    const stream = this.check(row, 'stream', cells, parseLabel(this.text(cells, 'stream'), 'stream', true));
    const click = this.check(row, 'click', cells, parseLabel(this.text(cells, 'click'), 'click', false));
    for (const c of ['like', 'follow'] as const)
      this.check(row, c, cells, parseLabel(this.text(cells, c), c, false));
    if (this.at.day !== undefined) {
      const d = parseDay(this.text(cells, 'day'));
      if (!d.ok) this.check(row, 'day', cells, d);
    }
    if (this.at.row !== undefined) {
      const r = parseNumber(this.text(cells, 'row'));
      if (r === undefined || !Number.isInteger(r) || r < 0)
        this.check(row, 'row', cells, { ok: false, reason: 'row must be an integer >= 0' });
    }
    const tierCol: MetaColumn = this.at.tier !== undefined ? 'tier' : 'stream_tier';
    const tp = parseTier(this.text(cells, tierCol));
    // parseTier names stream_tier; a file using the alias reads its own column's name.
    const given = this.check(
      row,
      tierCol,
      cells,
      tp.ok ? tp : { ok: false, reason: tp.reason.replace('stream_tier', tierCol) },
    );
    const streams = this.check(
      row,
      'show_streams_30d',
      cells,
      parseNonNegative(this.text(cells, 'show_streams_30d'), 'show_streams_30d'),
    );
    const flag = this.check(
      row,
      'less_streamed',
      cells,
      parseLabel(this.text(cells, 'less_streamed'), 'less_streamed', false),
    );
    const cost = this.check(row, 'cost', cells, parseNonNegative(this.text(cells, 'cost'), 'cost'));
    const noTier = given === MISSING_TIER && Number.isNaN(streams);
    if (noTier && this.problemCount === before) {
      const which = this.at.show_streams_30d === undefined ? tierCol : `${tierCol}/show_streams_30d`;
      this.note(row, which, '', 'no tier: the row needs a stream_tier or a show_streams_30d value');
    }
    const scores = this.layout.scores;
    for (let k = 0; k < scores.length; k++) {
      const t = cellText(cells[scores[k].at]);
      const x = t === '' ? undefined : parseNumber(t);
      if (x === undefined)
        this.note(
          row,
          scores[k].name,
          t,
          t === '' ? 'a score is required on every row' : 'a score must be a finite number',
        );
      else this.scoreValues[k] = x;
    }
    if (this.problemCount > before) {
      this.badRows++;
      return; // rows are all-or-nothing, so every column keeps the same length
    }
    this.source.push(src);
    this.labels[0].push(stream);
    this.labels[1].push(click);
    let tier: number;
    if (given !== MISSING_TIER) {
      tier = given;
      this.tierFrom.given++;
    } else {
      tier = tierFromShowStreams(streams);
      this.tierFrom.show_streams_30d++;
    }
    this.tier.push(tier);
    // The engine's rule (segments.ts lessStreamedFlags), unless the file says.
    if (flag !== MISSING_LABEL) {
      this.less.push(flag);
      this.lessFrom.given++;
    } else if (!Number.isNaN(streams)) {
      this.less.push(streams < LESS_STREAMED_THRESHOLD ? 1 : 0);
      this.lessFrom.show_streams_30d++;
    } else {
      this.less.push(tier >= LESS_STREAMED_TIERS.min && tier <= LESS_STREAMED_TIERS.max ? 1 : 0);
      this.lessFrom.tier++;
    }
    this.shows.push(this.text(cells, 'podcast_id'));
    this.cost.push(cost);
    for (let k = 0; k < scores.length; k++) this.scoreCols[k].push(this.scoreValues[k]);
  }

  finish(): PredictionsLoadResult {
    const { file, layout } = this;
    if (this.rows === 0) return loadFailure(file, `${file}: has a header but no data rows`);
    if (this.problemCount > 0 && !this.opts.skipInvalidRows) {
      const message = `${file}: ${this.problemCount} invalid value${this.problemCount > 1 ? 's' : ''} in ${this.badRows} row${this.badRows > 1 ? 's' : ''}`;
      return { ok: false, file, message, problems: this.problems, problemCount: this.problemCount };
    }
    const n = this.source.length;
    if (n === 0)
      return {
        ...loadFailure(file, `${file}: no valid rows (all ${this.rows} were invalid)`),
        problems: this.problems,
        problemCount: this.problemCount,
      };
    const cols = this.scoreCols.map((c) => c.toArray());
    const byAt = new Map(layout.scores.map((s, k) => [s.at, cols[k]]));
    const scores = layout.seeds.map(
      (_, r) =>
        new Map(
          layout.models.map((m) => {
            const heads: Partial<Record<TaskId, Float32Array>> = {};
            for (const [h, at] of Object.entries(m.columns[r])) heads[h as TaskId] = byAt.get(at);
            return [m.id, heads] as const;
          }),
        ),
    );
    const hasShows = layout.meta.podcast_id !== undefined;
    const predictions: Predictions = {
      n,
      source: this.source.toArray(),
      stream: this.labels[0].toArray(),
      click: this.labels[1].toArray(),
      tier: this.tier.toArray(),
      tierFrom: { ...this.tierFrom },
      lessStreamed: this.less.toArray(),
      lessStreamedFrom: { ...this.lessFrom },
      show: this.shows.codes.toArray(),
      shows: hasShows ? this.shows.dict.length : 0,
      cost: layout.meta.cost === undefined ? null : this.cost.toArray(),
      columns: Object.keys(layout.meta) as MetaColumn[],
      scoreColumns: layout.scores.map((s) => s.name),
      models: layout.models,
      seeds: layout.seeds,
      scores,
    };
    return {
      ok: true,
      predictions,
      skipped: this.problems,
      skippedCount: this.badRows,
      skippedProblemCount: this.problemCount,
    };
  }
}
