/**
 * Writes test-fixtures/load/: one small file per loader case (CSV, JSON Lines, Parquet, and files
 * that are none of these) and cases.json, the expected outcome of readImpressionFile on each. The
 * unit battery (src/core/data/load-battery.test.ts) and the browser tests read the same files.
 *
 *   npx tsx scripts/write-load-fixtures.ts
 *
 * Deterministic: the same bytes on every run (no clock, a seeded generator for random bytes).
 * The expectations are written by hand from the spec (shared/spec/impressions.md, "What bad input
 * gets") and the loaders' documented rules, not captured from a loader's output, so a loader
 * that drifts fails the battery. Row numbers: CSV = 1-based data record (the header is row 0,
 * blank lines are not counted, a quoted newline does not start a record); JSON Lines = line
 * number (blank lines counted); Parquet = 1-based row over the whole file.
 */
import { createRng } from '../src/core/data/rng';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ColumnSource, parquetWriteBuffer, schemaFromColumnData } from 'hyparquet-writer';

/** One expected problem (a bad value or a bad row/line). */
export interface ProblemExpect {
  readonly row: number;
  readonly column: string;
  /** The value exactly as reported; omitted = not checked. */
  readonly value?: string;
  readonly reasonIncludes: string;
}

/**
 * What readImpressionFile gives. `message`, `problemCount` and `problems` are about the load
 * without options. The table fields (`rows`, `columns`, `features`, `ignoredColumns`,
 * `dayZeroDate`, `longValue`, `sameTableAs`) are about the table that loads: directly when `ok`,
 * else on the retry with skipInvalidRows. A failing case is always retried: with `skippedCount`
 * the retry loads, skipping that many rows (`skipped` = its kept problems); without, the retry
 * fails too, with `retryMessage` (default: `message`).
 */
export interface LoadExpect {
  readonly ok: boolean;
  /** A substring of the failure message (which also names the file). */
  readonly message?: string;
  readonly problemCount?: number;
  /** Exactly the problems kept (at most MAX_PROBLEMS = 20), in order. */
  readonly problems?: readonly ProblemExpect[];
  readonly rows?: number;
  readonly skippedCount?: number;
  readonly skipped?: readonly ProblemExpect[];
  readonly retryMessage?: string;
  readonly ignoredColumns?: readonly string[];
  /** null = the table has no dayZeroDate (integer days). */
  readonly dayZeroDate?: string | null;
  /** Feature columns (user_id and podcast_id excluded), in file order. */
  readonly features?: readonly { name: string; group: string; kind: string }[];
  /**
   * Decoded values per row: source 'ad'/'promo'; day a number; user_id, podcast_id strings;
   * labels, stream_tier, show_streams_30d, cost numbers or null (missing); features: numeric a
   * number or null, categorical a string or null, multi an array of strings ([] = missing).
   */
  readonly columns?: Readonly<Record<string, readonly unknown[]>>;
  /** A value too long for this file: its length, SHA-256 (hex of its UTF-8) and ends. */
  readonly longValue?: {
    column: string;
    index: number;
    length: number;
    sha256: string;
    head: string;
    tail: string;
  };
  /** The table's datasetFingerprint equals the one loaded from this case file. */
  readonly sameTableAs?: string;
}

export interface LoadCase {
  /** The file under test-fixtures/load/. */
  readonly file: string;
  /** The name given to the loader (default: `file`); a name without extension is sniffed. */
  readonly name?: string;
  /** A Content-Type given to the loader, as a fetch would. */
  readonly contentType?: string;
  readonly expect: LoadExpect;
  readonly note: string;
}

const DIR = join(import.meta.dirname, '..', 'test-fixtures', 'load');
const files = new Map<string, Uint8Array>();
const cases: LoadCase[] = [];

const utf8 = (s: string) => new TextEncoder().encode(s);
function put(file: string, bytes: Uint8Array | ArrayBuffer | string): void {
  if (files.has(file)) throw new Error(`${file} written twice`);
  files.set(file, typeof bytes === 'string' ? utf8(bytes) : new Uint8Array(bytes));
}
const add = (c: LoadCase) => cases.push(c);
/** CSV text from lines, each ending in `eol`. */
const lines = (ls: readonly string[], eol = '\n') => ls.map((l) => l + eol).join('');

/** A seeded uniform [0, 1) stream (the project's generator), so "random" bytes repeat. */
const rng = (seed: number): (() => number) => {
  const r = createRng(seed);
  return () => r.nextFloat();
};

// ---------------------------------------------------------------------------------------------
// One good table in all three encodings.

const GOOD_HEADER =
  'source,day,user_id,podcast_id,stream,click,like,follow,stream_tier,show_streams_30d,cost,' +
  'user_country,content_genre,context_hour,creative_format,content_tags';
const GOOD_ROWS = [
  'ad,0,7,show-1,1,1,,0,2,12000,0.25,SE,comedy,9,audio,news|comedy',
  'promo,0,8,show-2,0,,,,5,300,,US,news,23,,',
  'ad,1,7,show-2,0,0,0,0,,,1.5,SE,news,,video,comedy',
  'promo,1,9,show-1,1,1,1,1,0,80000.5,,DE,comedy,0,,news|true crime',
  'ad,2,8,show-3,0,0,,,7,0,0,US,,12,audio,',
  'promo,2,9,show-3,1,,1,,3,4500,,DE,true crime,7,,sports',
];
const GOOD_FEATURES = [
  { name: 'user_country', group: 'user', kind: 'categorical' },
  { name: 'content_genre', group: 'content', kind: 'categorical' },
  { name: 'context_hour', group: 'context', kind: 'numeric' },
  { name: 'creative_format', group: 'creative', kind: 'categorical' },
  { name: 'content_tags', group: 'content', kind: 'multi' },
];
const GOOD_COLUMNS = {
  source: ['ad', 'promo', 'ad', 'promo', 'ad', 'promo'],
  day: [0, 0, 1, 1, 2, 2],
  user_id: ['7', '8', '7', '9', '8', '9'],
  podcast_id: ['show-1', 'show-2', 'show-2', 'show-1', 'show-3', 'show-3'],
  stream: [1, 0, 0, 1, 0, 1],
  click: [1, null, 0, 1, 0, null],
  like: [null, null, 0, 1, null, 1],
  follow: [0, null, 0, 1, null, null],
  stream_tier: [2, 5, null, 0, 7, 3],
  show_streams_30d: [12000, 300, null, 80000.5, 0, 4500],
  cost: [0.25, null, 1.5, null, 0, null],
  user_country: ['SE', 'US', 'SE', 'DE', 'US', 'DE'],
  content_genre: ['comedy', 'news', 'news', 'comedy', null, 'true crime'],
  context_hour: [9, 23, null, 0, 12, 7],
  creative_format: ['audio', null, 'video', null, 'audio', null],
  content_tags: [['news', 'comedy'], [], ['comedy'], ['news', 'true crime'], [], ['sports']],
};
const GOOD_EXPECT: LoadExpect = {
  ok: true,
  rows: 6,
  skippedCount: 0,
  ignoredColumns: [],
  dayZeroDate: null,
  features: GOOD_FEATURES,
  columns: GOOD_COLUMNS,
};

put('good.csv', lines([GOOD_HEADER, ...GOOD_ROWS]));
add({
  file: 'good.csv',
  expect: GOOD_EXPECT,
  note: 'every column kind once: labels with missing values, segment columns, one feature per group, a multi-valued feature; the reference table for good.jsonl and good.parquet',
});

// JSON Lines: the same rows, ids as JSON numbers, missing values as absent keys or null, the
// multi-valued feature as a JSON list.
const goodJsonl = [
  '{"source":"ad","day":0,"user_id":7,"podcast_id":"show-1","stream":1,"click":1,"like":null,"follow":0,"stream_tier":2,"show_streams_30d":12000,"cost":0.25,"user_country":"SE","content_genre":"comedy","context_hour":9,"creative_format":"audio","content_tags":["news","comedy"]}',
  '{"source":"promo","day":0,"user_id":8,"podcast_id":"show-2","stream":0,"stream_tier":5,"show_streams_30d":300,"user_country":"US","content_genre":"news","context_hour":23}',
  '{"source":"ad","day":1,"user_id":7,"podcast_id":"show-2","stream":0,"click":0,"like":0,"follow":0,"stream_tier":null,"cost":1.5,"user_country":"SE","content_genre":"news","creative_format":"video","content_tags":"comedy"}',
  '{"source":"promo","day":1,"user_id":9,"podcast_id":"show-1","stream":1,"click":1,"like":1,"follow":1,"stream_tier":0,"show_streams_30d":80000.5,"user_country":"DE","content_genre":"comedy","context_hour":0,"content_tags":["news","true crime"]}',
  '{"source":"ad","day":2,"user_id":8,"podcast_id":"show-3","stream":0,"click":0,"stream_tier":7,"show_streams_30d":0,"cost":0,"user_country":"US","context_hour":12,"creative_format":"audio","content_tags":[]}',
  '{"source":"promo","day":2,"user_id":9,"podcast_id":"show-3","stream":1,"like":1,"stream_tier":3,"show_streams_30d":4500,"user_country":"DE","content_genre":"true crime","context_hour":7,"content_tags":["sports"]}',
];
put('good.jsonl', lines(goodJsonl));
add({
  file: 'good.jsonl',
  expect: { ...GOOD_EXPECT, sameTableAs: 'good.csv' },
  note: 'good.csv as JSON Lines: integer ids, absent keys and null as missing, a list as a multi value; the same table as the CSV',
});

const n6 = <T>(f: (i: number) => T): T[] => Array.from({ length: 6 }, (_, i) => f(i));
const C = GOOD_COLUMNS;
const goodParquetColumns: ColumnSource[] = [
  { name: 'source', type: 'STRING', data: C.source },
  { name: 'day', type: 'INT32', data: C.day },
  { name: 'user_id', type: 'INT32', data: C.user_id.map(Number) },
  { name: 'podcast_id', type: 'STRING', data: C.podcast_id },
  { name: 'stream', type: 'INT32', data: C.stream },
  { name: 'click', type: 'INT32', data: C.click },
  { name: 'like', type: 'INT32', data: C.like },
  { name: 'follow', type: 'INT32', data: C.follow },
  { name: 'stream_tier', type: 'INT32', data: C.stream_tier },
  { name: 'show_streams_30d', type: 'DOUBLE', data: C.show_streams_30d },
  { name: 'cost', type: 'DOUBLE', data: C.cost },
  { name: 'user_country', type: 'STRING', data: C.user_country },
  { name: 'content_genre', type: 'STRING', data: C.content_genre },
  { name: 'context_hour', type: 'DOUBLE', data: C.context_hour },
  { name: 'creative_format', type: 'STRING', data: C.creative_format },
  { name: 'content_tags', type: 'STRING', data: n6((i) => C.content_tags[i].join('|') || null) },
];
put('good.parquet', parquetWriteBuffer({ columnData: goodParquetColumns, rowGroupSize: 4 }));
add({
  file: 'good.parquet',
  expect: { ...GOOD_EXPECT, sameTableAs: 'good.csv' },
  note: 'good.csv as Parquet (snappy, two row groups of 4 and 2 rows, user_id INT32, nulls as missing); the same table as the CSV',
});

add({
  file: 'good.csv',
  name: 'impressions.txt',
  expect: { ...GOOD_EXPECT, sameTableAs: 'good.csv' },
  note: 'an extension the loader does not know, with CSV text: sniffed from the first line and loaded',
});
add({
  file: 'good.jsonl',
  name: 'impressions',
  expect: { ...GOOD_EXPECT, sameTableAs: 'good.csv' },
  note: 'no extension, no content type: sniffed as JSON Lines from the leading {',
});
add({
  file: 'good.parquet',
  name: 'download',
  expect: { ...GOOD_EXPECT, sameTableAs: 'good.csv' },
  note: 'no extension, no content type: sniffed as Parquet from the PAR1 magic',
});
add({
  file: 'good.jsonl',
  name: 'export?id=3',
  contentType: 'application/x-ndjson; charset=utf-8',
  expect: { ...GOOD_EXPECT, sameTableAs: 'good.csv' },
  note: 'a URL-like name without extension: the Content-Type picks JSON Lines',
});

// ---------------------------------------------------------------------------------------------
// File-level failures: one message naming the file, no row problems; skipping rows cannot help.

const REQ = 'source,day,user_id,podcast_id,stream';

put(
  'missing-column.csv',
  lines(['source,day,user_id,stream,user_country', 'ad,0,u1,1,SE', 'promo,1,u2,0,US']),
);
add({
  file: 'missing-column.csv',
  expect: { ok: false, message: 'required column "podcast_id" missing', problemCount: 0, problems: [] },
  note: 'a required column missing fails the whole load with one message',
});

put('missing-columns.csv', lines(['source,day,podcast_id,content_genre', 'ad,0,p1,news']));
add({
  file: 'missing-columns.csv',
  expect: {
    ok: false,
    message: 'required columns "user_id", "stream" missing',
    problemCount: 0,
    problems: [],
  },
  note: 'two required columns missing: both named, in the spec order',
});

put('empty.csv', new Uint8Array(0));
add({
  file: 'empty.csv',
  expect: { ok: false, message: 'the file is empty', problemCount: 0, problems: [] },
  note: 'a 0-byte file',
});

put('whitespace.csv', '  \n\t\n \r\n\n   ');
add({
  file: 'whitespace.csv',
  expect: { ok: false, message: 'the file is empty', problemCount: 0, problems: [] },
  note: 'only spaces, tabs and line ends: empty, not "missing columns"',
});

put('whitespace.jsonl', '\n   \n\t\r\n');
add({
  file: 'whitespace.jsonl',
  expect: { ok: false, message: 'the file is empty', problemCount: 0, problems: [] },
  note: 'a JSON Lines file of blank lines is empty too',
});

put('header-only.csv', lines([REQ]));
add({
  file: 'header-only.csv',
  expect: { ok: false, message: 'has a header but no data rows', problemCount: 0, problems: [] },
  note: 'a header and nothing else',
});

// Random bytes with NULs: invalid UTF-8 within the first bytes.
{
  const next = rng(20240601);
  const bytes = new Uint8Array(1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 7 === 3 ? 0 : Math.floor(next() * 256);
  bytes.set([0xff, 0xfe, 0x00, 0x80], 0); // never valid UTF-8, whatever the generator gives
  put('binary.csv', bytes);
}
add({
  file: 'binary.csv',
  expect: { ok: false, message: 'is not UTF-8 text', problemCount: 0, problems: [] },
  note: 'binary garbage named .csv: rejected as not text instead of parsed into nonsense rows',
});

// Valid UTF-8 (ASCII) with one NUL byte at byte 40.
{
  const text = `${REQ}\nad,0,u1,p1,1\n`; // 37 + 13 bytes: byte 40 is the day of row 1
  const bytes = utf8(`${text}promo,1,u2,p2,0\n`);
  bytes[40] = 0;
  put('nul.csv', bytes);
}
add({
  file: 'nul.csv',
  expect: {
    ok: false,
    message: 'is not text: it holds binary data (a NUL byte near byte 40)',
    problemCount: 0,
    problems: [],
  },
  note: 'text that is valid UTF-8 but holds a NUL: binary data, with the byte offset',
});

// An .xlsx is a zip: "PK\3\4" then binary.
{
  const next = rng(7);
  const bytes = new Uint8Array(256);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
  bytes.set([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00], 0);
  put('unknown.xlsx', bytes);
}
add({
  file: 'unknown.xlsx',
  expect: { ok: false, message: 'unknown encoding', problemCount: 0, problems: [] },
  note: 'a spreadsheet (zip bytes) with an extension the loader does not read: unknown encoding, listing the accepted ones',
});

put('duplicate-header.csv', lines([`${REQ},user_country,context_hour,user_country`, 'ad,0,u1,p1,1,SE,3,US']));
add({
  file: 'duplicate-header.csv',
  expect: {
    ok: false,
    message: 'column "user_country" appears twice (columns 6 and 8)',
    problemCount: 0,
    problems: [],
  },
  note: 'a feature column twice: which value is meant is unknowable, so the load fails naming the column and both positions',
});

// ---------------------------------------------------------------------------------------------
// Bad values: the first problems with row, column, value and reason, and the total; the retry
// with skipInvalidRows keeps the good rows.

put('bad-source.csv', lines([REQ, 'ad,0,u1,p1,1', 'radio,0,u2,p2,0', 'promo,1,u3,p1,0', 'ad,2,u1,p2,1']));
add({
  file: 'bad-source.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [{ row: 2, column: 'source', value: 'radio', reasonIncludes: 'source must be ad or promo' }],
    rows: 3,
    skippedCount: 1,
    skipped: [{ row: 2, column: 'source', value: 'radio', reasonIncludes: 'source must be ad or promo' }],
    columns: { user_id: ['u1', 'u3', 'u1'], source: ['ad', 'promo', 'ad'] },
  },
  note: 'source not ad/promo',
});

put('stream-2.csv', lines([REQ, 'ad,0,u1,p1,1', 'promo,0,u2,p2,0', 'ad,1,u3,p1,2', 'promo,2,u1,p2,0']));
add({
  file: 'stream-2.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [{ row: 3, column: 'stream', value: '2', reasonIncludes: 'stream must be 0 or 1' }],
    rows: 3,
    skippedCount: 1,
    columns: { user_id: ['u1', 'u2', 'u1'], stream: [1, 0, 0] },
  },
  note: 'stream of 2: labels are 0 or 1',
});

put('stream-empty.csv', lines([REQ, 'ad,0,u1,p1,1', 'promo,0,u2,p2,', 'ad,1,u3,p1,0', 'promo,2,u1,p2,1']));
add({
  file: 'stream-empty.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [{ row: 2, column: 'stream', value: '', reasonIncludes: 'stream is required' }],
    rows: 3,
    skippedCount: 1,
    columns: { user_id: ['u1', 'u3', 'u1'] },
  },
  note: 'stream empty: unlike click/like/follow, stream is required on every row',
});

put(
  'negative-cost.csv',
  lines([`${REQ},cost`, 'ad,0,u1,p1,1,-0.5', 'promo,0,u2,p2,0,', 'ad,1,u3,p1,0,0.02', 'ad,2,u1,p2,1,0']),
);
add({
  file: 'negative-cost.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [{ row: 1, column: 'cost', value: '-0.5', reasonIncludes: 'cost must be >= 0' }],
    rows: 3,
    skippedCount: 1,
    columns: { cost: [null, 0.02, 0] },
  },
  note: 'a negative cost (a missing cost is fine)',
});

put(
  'tier-9.csv',
  lines([`${REQ},stream_tier`, 'ad,0,u1,p1,1,0', 'promo,0,u2,p2,0,9', 'ad,1,u3,p1,0,7', 'ad,2,u1,p2,1,']),
);
add({
  file: 'tier-9.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [
      { row: 2, column: 'stream_tier', value: '9', reasonIncludes: 'stream_tier must be an integer 0..7' },
    ],
    rows: 3,
    skippedCount: 1,
    columns: { stream_tier: [0, 7, null] },
  },
  note: 'stream_tier outside 0..7 (0 and 7 are the edges and fine; empty is missing)',
});

put(
  'bad-day.csv',
  lines([
    REQ,
    'ad,0,u1,p1,1',
    'ad,yesterday,u2,p1,0',
    'promo,1,u3,p2,0',
    'ad,2024-02-30,u1,p2,1',
    'promo,2,u2,p1,1',
    'ad,-1,u3,p1,0',
  ]),
);
add({
  file: 'bad-day.csv',
  expect: {
    ok: false,
    message: '3 invalid values in 3 rows',
    problemCount: 3,
    problems: [
      {
        row: 2,
        column: 'day',
        value: 'yesterday',
        reasonIncludes: 'day must be an integer >= 0 or a date YYYY-MM-DD',
      },
      {
        row: 4,
        column: 'day',
        value: '2024-02-30',
        reasonIncludes: 'day must be an integer >= 0 or a date YYYY-MM-DD',
      },
      {
        row: 6,
        column: 'day',
        value: '-1',
        reasonIncludes: 'day must be an integer >= 0 or a date YYYY-MM-DD',
      },
    ],
    rows: 3,
    skippedCount: 3,
    dayZeroDate: null,
    columns: { day: [0, 1, 2] },
  },
  note: 'unparseable days: a word, a date that does not exist (Feb 30), a negative integer',
});

put('day-mixed.csv', lines([REQ, 'ad,2024-03-01,u1,p1,1', 'promo,3,u2,p2,0', 'ad,2024-03-02,u3,p1,0']));
add({
  file: 'day-mixed.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [{ row: 2, column: 'day', value: '3', reasonIncludes: 'day mixes integers and dates' }],
    rows: 2,
    skippedCount: 1,
    dayZeroDate: '2024-03-01',
    columns: { day: [0, 1] },
  },
  note: 'integer days after date days: the first kind seen wins, the other is a bad value',
});

put('ragged.csv', lines([REQ, 'ad,0,u1,p1,1', 'promo,0,u2,p2', 'ad,1,u3,p1,0,extra', 'promo,2,u1,p2,1']));
add({
  file: 'ragged.csv',
  expect: {
    ok: false,
    message: '2 invalid values in 2 rows',
    problemCount: 2,
    problems: [
      {
        row: 2,
        column: '',
        value: '4 fields',
        reasonIncludes: 'expected 5 fields as in the header, found 4',
      },
      {
        row: 3,
        column: '',
        value: '6 fields',
        reasonIncludes: 'expected 5 fields as in the header, found 6',
      },
    ],
    rows: 2,
    skippedCount: 2,
    columns: { user_id: ['u1', 'u1'] },
  },
  note: 'rows with too few or too many fields: the row is the problem (column "")',
});

const MIXED_PROBLEMS: ProblemExpect[] = [
  { row: 3, column: 'source', value: 'radio', reasonIncludes: 'source must be ad or promo' },
  { row: 5, column: 'stream', value: '2', reasonIncludes: 'stream must be 0 or 1' },
  { row: 5, column: 'stream_tier', value: '9', reasonIncludes: 'stream_tier must be an integer 0..7' },
  { row: 6, column: 'cost', value: '-1', reasonIncludes: 'cost must be >= 0' },
];
put(
  'mixed.csv',
  lines([
    `${REQ},cost,stream_tier`,
    'ad,0,u1,p1,1,0.5,1',
    'promo,0,u2,p2,0,,3',
    'radio,0,u3,p1,0,,2',
    'ad,1,u1,p2,0,0.2,0',
    'promo,1,u2,p1,2,,9',
    'ad,1,u3,p2,1,-1,4',
    'promo,2,u1,p1,1,,5',
    'ad,2,u2,p2,0,0.1,6',
    'promo,2,u3,p1,0,,7',
    'ad,3,u1,p2,1,0.3,2',
  ]),
);
add({
  file: 'mixed.csv',
  expect: {
    ok: false,
    message: '4 invalid values in 3 rows',
    problemCount: 4,
    problems: MIXED_PROBLEMS,
    rows: 7,
    skippedCount: 3,
    skipped: MIXED_PROBLEMS,
    columns: {
      day: [0, 0, 1, 2, 2, 2, 3],
      user_id: ['u1', 'u2', 'u1', 'u1', 'u2', 'u3', 'u1'],
      stream_tier: [1, 3, 0, 5, 6, 7, 2],
      cost: [0.5, null, 0.2, null, 0.1, null, 0.3],
    },
  },
  note: 'good rows among bad ones, one row with two bad values: problems count values, skippedCount counts rows, and the retry keeps exactly the 7 good rows in order',
});

// 30 rows: rows 1..25 have stream 7, the odd ones of those also cost -1 (13 rows): 38 values.
{
  const rows: string[] = [];
  const problems: ProblemExpect[] = [];
  for (let r = 1; r <= 30; r++) {
    const bad = r <= 25;
    const badCost = bad && r % 2 === 1;
    rows.push(`ad,${r % 4},u${r},p1,${bad ? 7 : r % 2},${badCost ? -1 : 0.5}`);
    if (bad) problems.push({ row: r, column: 'stream', value: '7', reasonIncludes: 'stream must be 0 or 1' });
    if (badCost) problems.push({ row: r, column: 'cost', value: '-1', reasonIncludes: 'cost must be >= 0' });
  }
  if (problems.length !== 38) throw new Error('many-bad.csv: expected 38 problems');
  put('many-bad.csv', lines([`${REQ},cost`, ...rows]));
  add({
    file: 'many-bad.csv',
    expect: {
      ok: false,
      message: '38 invalid values in 25 rows',
      problemCount: 38,
      problems: problems.slice(0, 20),
      rows: 5,
      skippedCount: 25,
      skipped: problems.slice(0, 20),
      columns: { user_id: ['u26', 'u27', 'u28', 'u29', 'u30'] },
    },
    note: 'more than MAX_PROBLEMS (20) bad values: the first 20 kept (rows 1..13), all 38 counted, 25 rows skipped',
  });
}

put('all-bad.csv', lines([REQ, 'ad,0,u1,p1,yes', 'promo,1,u2,p2,no', 'ad,2,u3,p1,maybe']));
add({
  file: 'all-bad.csv',
  expect: {
    ok: false,
    message: '3 invalid values in 3 rows',
    problemCount: 3,
    problems: [
      { row: 1, column: 'stream', value: 'yes', reasonIncludes: 'stream must be 0 or 1' },
      { row: 2, column: 'stream', value: 'no', reasonIncludes: 'stream must be 0 or 1' },
      { row: 3, column: 'stream', value: 'maybe', reasonIncludes: 'stream must be 0 or 1' },
    ],
    retryMessage: 'no valid rows (all 3 were invalid)',
  },
  note: 'every row bad: skipping leaves nothing, so the retry fails too rather than loading an empty table',
});

put(
  'quoted-then-bad.csv',
  lines([
    `${REQ},content_title`,
    'ad,0,u1,p1,1,"two\nlines"',
    'promo,0,u2,p2,0,"three\nmore\nlines"',
    'ad,1,u3,p3,5,ok',
  ]),
);
add({
  file: 'quoted-then-bad.csv',
  expect: {
    ok: false,
    message: '1 invalid value in 1 row',
    problemCount: 1,
    problems: [{ row: 3, column: 'stream', value: '5', reasonIncludes: 'stream must be 0 or 1' }],
    rows: 2,
    skippedCount: 1,
    columns: { content_title: ['two\nlines', 'three\nmore\nlines'] },
  },
  note: 'a bad value after records with quoted newlines: row 3 is the third data record, not line 7 of the file',
});

// ---------------------------------------------------------------------------------------------
// Files that load: encoding details that must not change a value.

const SMALL_COLUMNS = { source: ['ad', 'promo', 'ad'], user_id: ['u1', 'u2', 'u3'], stream: [1, 0, 0] };

put(
  'bom.csv',
  `\uFEFF${lines([`${REQ},user_country`, 'ad,0,u1,p1,1,SE', 'promo,1,u2,p2,0,US', 'ad,2,u3,p1,0,DE'])}`,
);
add({
  file: 'bom.csv',
  expect: {
    ok: true,
    rows: 3,
    ignoredColumns: [],
    columns: { ...SMALL_COLUMNS, user_country: ['SE', 'US', 'DE'] },
  },
  note: 'a UTF-8 BOM (Excel writes one): stripped, so the first column is still "source"',
});

put(
  'bom.jsonl',
  `\uFEFF${lines(['{"source":"ad","day":0,"user_id":"u1","podcast_id":"p1","stream":1}', '{"source":"promo","day":1,"user_id":"u2","podcast_id":"p2","stream":0}', '{"source":"ad","day":2,"user_id":"u3","podcast_id":"p1","stream":0}'])}`,
);
add({
  file: 'bom.jsonl',
  expect: { ok: true, rows: 3, ignoredColumns: [], columns: SMALL_COLUMNS },
  note: 'a BOM before the first JSON object',
});

put(
  'crlf.csv',
  lines(
    [
      `${REQ},content_genre`,
      'ad,0,u1,p1,1,news',
      'promo,1,u2,p2,0,"comedy\r\nspecial"',
      'ad,2,u3,p1,0,sports',
    ],
    '\r\n',
  ),
);
add({
  file: 'crlf.csv',
  expect: {
    ok: true,
    rows: 3,
    ignoredColumns: [],
    columns: { ...SMALL_COLUMNS, content_genre: ['news', 'comedy\r\nspecial', 'sports'] },
  },
  note: 'CRLF line ends (Windows): no \\r left on the last column; a quoted CRLF inside a value is kept',
});

put(
  'quoted.csv',
  lines([
    `${REQ},"user_note_x",content_title`,
    'ad,0,u1,"Show, The",1,"said ""hi""","multi\nline\ntitle"',
    'promo,1,u2,p2,0,"","a,b,c"',
    'ad,2,"u3",p3,0,plain,"quote "" and, comma\nand newline"',
  ]),
);
add({
  file: 'quoted.csv',
  expect: {
    ok: true,
    rows: 3,
    ignoredColumns: [],
    features: [
      { name: 'user_note_x', group: 'user', kind: 'categorical' },
      { name: 'content_title', group: 'content', kind: 'categorical' },
    ],
    columns: {
      ...SMALL_COLUMNS,
      podcast_id: ['Show, The', 'p2', 'p3'],
      user_note_x: ['said "hi"', null, 'plain'],
      content_title: ['multi\nline\ntitle', 'a,b,c', 'quote " and, comma\nand newline'],
    },
  },
  note: 'RFC 4180 quoting: commas, doubled quotes and newlines inside quotes, a quoted header name, "" as missing',
});

// A 1,000,000-character value (letters only, so trimming cannot change it).
{
  const next = rng(99);
  const chars = new Array<string>(1_000_000);
  for (let i = 0; i < chars.length; i++) chars[i] = String.fromCharCode(97 + Math.floor(next() * 26));
  const long = chars.join('');
  put(
    'long-line.csv',
    lines([
      `${REQ},content_description`,
      'ad,0,u1,p1,1,short',
      `promo,1,u2,p2,0,${long}`,
      'ad,2,u3,p1,0,after',
    ]),
  );
  add({
    file: 'long-line.csv',
    expect: {
      ok: true,
      rows: 3,
      columns: SMALL_COLUMNS,
      longValue: {
        column: 'content_description',
        index: 1,
        length: long.length,
        sha256: createHash('sha256').update(long).digest('hex'),
        head: long.slice(0, 16),
        tail: long.slice(-16),
      },
    },
    note: 'a 1,000,000-character line: loaded, the value intact, the rows around it unharmed',
  });
}

put(
  'extra-columns.csv',
  lines([
    `source,day,notes,user_id,podcast_id,stream,,userid,campaign,user_country`,
    'ad,0,hello,u1,p1,1,x,7,c1,SE',
    'promo,1,,u2,p2,0,,8,,US',
  ]),
);
add({
  file: 'extra-columns.csv',
  expect: {
    ok: true,
    rows: 2,
    ignoredColumns: ['notes', '(unnamed column 7)', 'userid', 'campaign'],
    features: [{ name: 'user_country', group: 'user', kind: 'categorical' }],
    columns: { user_id: ['u1', 'u2'], user_country: ['SE', 'US'] },
  },
  note: 'unknown columns (one unnamed, one without a group prefix) are ignored, listed in order, and never validated',
});

put(
  'dates.csv',
  lines([
    REQ,
    'ad,2024-03-01,u1,p1,1',
    'promo,2023-12-31,u2,p2,0',
    'ad,2024-02-29,u3,p1,0',
    'promo,2024-01-01,u1,p2,1',
  ]),
);
add({
  file: 'dates.csv',
  expect: {
    ok: true,
    rows: 4,
    dayZeroDate: '2023-12-31',
    columns: { day: [61, 0, 60, 1] },
  },
  note: 'YYYY-MM-DD days, unsorted, across a year end and a leap day: days since the earliest date',
});

put(
  'ap-sources.csv',
  lines([
    REQ,
    'A,0,u1,p1,1',
    'P,0,u2,p2,0',
    'a,1,u3,p1,0',
    'p,1,u1,p2,1',
    'Ad,2,u2,p1,0',
    'PROMO,2,u3,p2,0',
    ' ad ,2,u1,p1,1',
  ]),
);
add({
  file: 'ap-sources.csv',
  expect: {
    ok: true,
    rows: 7,
    columns: { source: ['ad', 'promo', 'ad', 'promo', 'ad', 'promo', 'ad'] },
  },
  note: 'A/P and any case of ad/promo, and spaces around a value, are accepted',
});

// ---------------------------------------------------------------------------------------------
// JSON Lines.

const J = (o: Record<string, unknown>) => JSON.stringify(o);
put(
  'broken.jsonl',
  lines([
    J({ source: 'ad', day: 0, user_id: 'u1', podcast_id: 'p1', stream: 1 }),
    '',
    J({ source: 'promo', day: 1, user_id: 'u2', podcast_id: 'p2', stream: 0 }),
    '{"source":"ad","day":1,"user_id":"u3","podcast_id":"p1","stream":',
    J({ source: 'promo', day: 2, user_id: 'u1', podcast_id: 'p2', stream: 1 }),
  ]),
);
{
  const p: ProblemExpect[] = [
    {
      row: 4,
      column: '',
      value: '{"source":"ad","day":1,"user_id":"u3","podcast_id":"p1","stream":',
      reasonIncludes: 'malformed JSON',
    },
  ];
  add({
    file: 'broken.jsonl',
    expect: {
      ok: false,
      message: '1 invalid value in 1 row',
      problemCount: 1,
      problems: p,
      rows: 3,
      skippedCount: 1,
      skipped: p,
      columns: { user_id: ['u1', 'u2', 'u1'], day: [0, 1, 2] },
    },
    note: 'a truncated JSON line: reported by line number (4: the blank line 2 counts), the retry loads the other lines',
  });
}

put(
  'not-objects.jsonl',
  lines([
    J({ source: 'ad', day: 0, user_id: 'u1', podcast_id: 'p1', stream: 1 }),
    '["ad",0,"u1","p1",1]',
    '"just a string"',
    J({ source: { kind: 'ad' }, day: 1, user_id: 'u2', podcast_id: 'p2', stream: 0 }),
    J({ source: 'promo', day: 2, user_id: 'u3', podcast_id: 'p1', stream: 0 }),
  ]),
);
add({
  file: 'not-objects.jsonl',
  expect: {
    ok: false,
    message: '3 invalid values in 3 rows',
    problemCount: 3,
    problems: [
      {
        row: 2,
        column: '',
        value: '["ad",0,"u1","p1",1]',
        reasonIncludes: 'a line must hold one JSON object',
      },
      { row: 3, column: '', value: '"just a string"', reasonIncludes: 'a line must hold one JSON object' },
      { row: 4, column: 'source', value: '{"kind":"ad"}', reasonIncludes: 'source must be ad or promo' },
    ],
    rows: 2,
    skippedCount: 3,
    columns: { user_id: ['u1', 'u3'] },
  },
  note: 'valid JSON that is not one object per line, and an object where a scalar is required',
});

put(
  'keys-order.jsonl',
  lines([
    '{"source":"ad","day":3,"user_id":"u1","podcast_id":"p1","stream":1}',
    '{"stream":0,"podcast_id":"p2","user_id":"u2","day":3,"source":"promo"}',
    '{"podcast_id":"p1","day":4,"user_id":"u3","source":"promo","stream":1,"click":1,"content_genre":"news","content_tags":["a","b"]}',
    '{"user_id":"u1","stream":0,"source":"ad","click":0,"content_genre":"comedy","day":5,"podcast_id":"p3","notes":"late key","content_tags":null}',
  ]),
);
add({
  file: 'keys-order.jsonl',
  expect: {
    ok: true,
    rows: 4,
    ignoredColumns: ['notes'],
    dayZeroDate: null,
    features: [
      { name: 'content_genre', group: 'content', kind: 'categorical' },
      { name: 'content_tags', group: 'content', kind: 'multi' },
    ],
    columns: {
      source: ['ad', 'promo', 'promo', 'ad'],
      day: [3, 3, 4, 5],
      user_id: ['u1', 'u2', 'u3', 'u1'],
      podcast_id: ['p1', 'p2', 'p1', 'p3'],
      stream: [1, 0, 1, 0],
      click: [null, null, 1, 0],
      content_genre: [null, null, 'news', 'comedy'],
      content_tags: [[], [], ['a', 'b'], []],
    },
  },
  note: 'keys in a different order on each line, and keys that first appear on later lines: missing on the earlier rows, not an error',
});

// ---------------------------------------------------------------------------------------------
// Parquet.

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number];
/** A Parquet file of these columns; a column given `schema` gets those elements (DATE, LIST). */
function parquet(cols: (ColumnSource & { schema?: SchemaElement[] })[], rowGroupSize?: number): ArrayBuffer {
  const columnData = cols.map(({ schema: _, ...c }) => c);
  const auto = schemaFromColumnData({ columnData });
  const schema: SchemaElement[] = [auto[0]];
  cols.forEach((c, k) => schema.push(...(c.schema ?? [auto[k + 1]])));
  const untyped = columnData.map(({ type: _, nullable: __, ...c }) => c);
  return parquetWriteBuffer({ columnData: untyped, schema, ...(rowGroupSize ? { rowGroupSize } : {}) });
}

put(
  'wrong-type.parquet',
  parquetWriteBuffer({
    columnData: [
      { name: 'source', type: 'INT32', data: [1, 0, 1, 0] },
      { name: 'day', type: 'INT32', data: [0, 1, 2, 3] },
      { name: 'user_id', type: 'STRING', data: ['u1', 'u2', 'u3', 'u4'] },
      { name: 'podcast_id', type: 'STRING', data: ['p1', 'p2', 'p1', 'p2'] },
      { name: 'stream', type: 'INT32', data: [1, 0, 0, 1] },
    ],
  }),
);
add({
  file: 'wrong-type.parquet',
  expect: {
    ok: false,
    message: '4 invalid values in 4 rows',
    problemCount: 4,
    problems: [1, 2, 3, 4].map((row) => ({
      row,
      column: 'source',
      value: row % 2 ? '1' : '0',
      reasonIncludes: 'source must be ad or promo',
    })),
    retryMessage: 'no valid rows (all 4 were invalid)',
  },
  note: 'source written as INT32 codes instead of strings: every value is reported, not silently mapped',
});

put(
  'wrong-type-tier.parquet',
  parquetWriteBuffer({
    columnData: [
      { name: 'source', type: 'STRING', data: ['ad', 'promo', 'ad', 'promo', 'ad', 'promo'] },
      { name: 'day', type: 'INT32', data: [0, 0, 1, 1, 2, 2] },
      { name: 'user_id', type: 'STRING', data: ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'] },
      { name: 'podcast_id', type: 'STRING', data: ['p1', 'p2', 'p1', 'p2', 'p1', 'p2'] },
      { name: 'stream', type: 'INT32', data: [1, 0, 0, 1, 0, 1] },
      { name: 'stream_tier', type: 'STRING', data: ['2', '5', 'high', '0', '7', 'low'] },
    ],
    rowGroupSize: 2,
  }),
);
add({
  file: 'wrong-type-tier.parquet',
  expect: {
    ok: false,
    message: '2 invalid values in 2 rows',
    problemCount: 2,
    problems: [
      { row: 3, column: 'stream_tier', value: 'high', reasonIncludes: 'stream_tier must be an integer 0..7' },
      { row: 6, column: 'stream_tier', value: 'low', reasonIncludes: 'stream_tier must be an integer 0..7' },
    ],
    rows: 4,
    skippedCount: 2,
    columns: { user_id: ['u1', 'u2', 'u4', 'u5'], stream_tier: [2, 5, 0, 7] },
  },
  note: 'stream_tier as a STRING column: numeric strings pass, words are bad values; rows numbered over three row groups of 2',
});

{
  const days = [19783, 19783, 19784, 19784, 19785, 19785]; // 2024-03-01 .. 03-03
  put(
    'parquet-types.parquet',
    parquet([
      { name: 'source', type: 'STRING', data: ['A', 'P', 'ad', 'promo', 'Ad', 'Promo'] },
      {
        name: 'day',
        data: days,
        schema: [{ name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' }],
      },
      { name: 'user_id', type: 'INT64', data: [7n, 8n, 7n, 9n, 8n, 9n] },
      { name: 'podcast_id', type: 'STRING', data: C.podcast_id },
      { name: 'stream', type: 'DOUBLE', data: [1, 0, 0, 1, 0, 1] },
      { name: 'click', type: 'BOOLEAN', data: [true, null, false, true, false, null] },
      { name: 'stream_tier', type: 'INT64', data: [2n, 5n, null, 0n, 7n, 3n] },
      { name: 'cost', type: 'FLOAT', data: [0.25, null, 1.5, null, 0, null] },
      { name: 'context_hour', type: 'INT32', data: C.context_hour },
      {
        name: 'content_tags',
        data: C.content_tags.map((t, i) => (i === 4 ? null : t)),
        schema: [
          { name: 'content_tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        ],
      },
    ]),
  );
}
add({
  file: 'parquet-types.parquet',
  expect: {
    ok: true,
    rows: 6,
    ignoredColumns: [],
    dayZeroDate: '2024-03-01',
    features: [
      { name: 'context_hour', group: 'context', kind: 'numeric' },
      { name: 'content_tags', group: 'content', kind: 'multi' },
    ],
    columns: {
      source: C.source,
      day: [0, 0, 1, 1, 2, 2],
      user_id: C.user_id,
      stream: C.stream,
      click: C.click,
      stream_tier: C.stream_tier,
      cost: C.cost,
      context_hour: C.context_hour,
      content_tags: C.content_tags,
    },
  },
  note: 'Parquet types other writers use: a DATE day, INT64 ids and tiers, a DOUBLE stream, a BOOLEAN label, a FLOAT cost, an INT32 feature, a LIST of strings',
});

// ---------------------------------------------------------------------------------------------

/** JSON with short arrays and objects on one line, so cases.json reads as a table of cases. */
function pretty(v: unknown, indent = ''): string {
  const flat = JSON.stringify(v);
  if (flat.length + indent.length <= 100 || v === null || typeof v !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(v)) return `[\n${v.map((x) => inner + pretty(x, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${pretty(x, inner)}`).join(',\n')}\n${indent}}`;
}

for (const c of cases) if (!files.has(c.file)) throw new Error(`case ${c.file}: no such fixture`);
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
for (const [name, bytes] of files) writeFileSync(join(DIR, name), bytes);
writeFileSync(join(DIR, 'cases.json'), `${pretty(cases)}\n`);
const total = [...files.values()].reduce((s, b) => s + b.length, 0);
console.log(
  `${readdirSync(DIR).length} files (${cases.length} cases, ${(total / 1e6).toFixed(2)} MB) in ${DIR}`,
);
