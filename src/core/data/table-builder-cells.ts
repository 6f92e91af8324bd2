/**
 * Format-neutral cell parsing for the impression file format: each parser takes a cell's text
 * (already trimmed; '' = missing) and returns a value or a reason string for the problem list.
 * Also the growable columns and the feature-kind inference that TableBuilder uses.
 */
import { featureGroupOf, MISSING_LABEL, MISSING_TIER } from './schema';
import type { FeatureColumn } from './table';

/**
 * A raw cell as a loader sees it: CSV text, or a JSON/Parquet scalar (a Parquet DATE or
 * TIMESTAMP arrives as a Date); null/undefined = missing. Objects and arrays from JSON are not
 * scalars: they get a "not a scalar" problem from the builder.
 */
export type RawCell = string | number | boolean | bigint | Date | null | undefined;

/** Trimmed text of a cell; '' for a missing cell; a Date as its UTC `YYYY-MM-DD`. */
export function cellText(raw: RawCell): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw.trim();
  if (raw instanceof Date)
    return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString().slice(0, 10);
  return String(raw).trim();
}

/** Long values are clipped in problem lists (a runaway quoted field can be megabytes). */
export function clip(s: string, max = 200): string {
  return s.length <= max ? s : `${s.slice(0, max)}… (${s.length} characters)`;
}

/** A decimal number as written by people and by JS/Python (no hex, no Infinity, no NaN). */
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The finite number a text holds, or undefined. */
export function parseNumber(s: string): number | undefined {
  if (!NUMBER_RE.test(s)) return undefined;
  const x = Number(s);
  return Number.isFinite(x) ? x : undefined;
}

export type Parsed = { ok: true; value: number } | { ok: false; reason: string };
const ok = (value: number): Parsed => ({ ok: true, value });
const bad = (reason: string): Parsed => ({ ok: false, reason });

/** `source`: ad/promo, case-insensitive, A/P accepted -> SOURCE_CODE (promo 0, ad 1). */
export function parseSource(s: string): Parsed {
  const v = s.toLowerCase();
  if (v === 'ad' || v === 'a') return ok(1);
  if (v === 'promo' || v === 'p') return ok(0);
  return bad(s === '' ? 'source is required (ad or promo)' : 'source must be ad or promo (A/P accepted)');
}

/** A 0/1 label (also 1.0, true/false); missing -> MISSING_LABEL unless `required`. */
export function parseLabel(s: string, column: string, required: boolean): Parsed {
  if (s === '') return required ? bad(`${column} is required (0 or 1)`) : ok(MISSING_LABEL);
  const v = s.toLowerCase();
  if (v === 'true') return ok(1);
  if (v === 'false') return ok(0);
  const x = parseNumber(s);
  if (x === 0 || x === 1) return ok(x);
  return bad(required ? `${column} must be 0 or 1` : `${column} must be 0, 1 or empty`);
}

/** A number >= 0 (cost, show_streams_30d); missing -> NaN. */
export function parseNonNegative(s: string, column: string): Parsed {
  if (s === '') return ok(Number.NaN);
  const x = parseNumber(s);
  if (x === undefined) return bad(`${column} must be a number >= 0`);
  if (x < 0) return bad(`${column} must be >= 0`);
  return ok(x);
}

/** `stream_tier`: an integer 0..7; missing -> MISSING_TIER. */
export function parseTier(s: string): Parsed {
  if (s === '') return ok(MISSING_TIER);
  const x = parseNumber(s);
  if (x === undefined || !Number.isInteger(x) || x < 0 || x > 7)
    return bad('stream_tier must be an integer 0..7');
  return ok(x);
}

const MS_PER_DAY = 86_400_000;

/**
 * `day`: an integer >= 0 ({kind: 'int'}) or a real calendar date YYYY-MM-DD ({kind: 'date'},
 * value = days since 1970-01-01 UTC, mapped to days since the file's earliest date later).
 */
export function parseDay(
  s: string,
): { ok: true; kind: 'int' | 'date'; value: number } | { ok: false; reason: string } {
  if (s === '') return { ok: false, reason: 'day is required (integer >= 0 or YYYY-MM-DD)' };
  if (/^\d+$/.test(s)) {
    const x = Number(s);
    if (x <= 2_147_483_647) return { ok: true, kind: 'int', value: x };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Date.UTC rolls 2024-02-30 over to March; a real date survives the round trip.
    if (new Date(t).toISOString().slice(0, 10) === s)
      return { ok: true, kind: 'date', value: t / MS_PER_DAY };
  }
  return { ok: false, reason: 'day must be an integer >= 0 or a date YYYY-MM-DD' };
}

/** `YYYY-MM-DD` of a day count since 1970-01-01 UTC. */
export function epochDayToDate(d: number): string {
  return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

type GrowableArray = Int32Array | Float64Array | Float32Array | Uint8Array;

/**
 * A growable typed array (rows arrive one at a time; the final length is unknown): capacity
 * doubles when full, so n pushes cost O(n) copies in all.
 */
class Grow<A extends GrowableArray> {
  private a: A;
  length = 0;
  constructor(private readonly make: (n: number) => A) {
    this.a = make(1024);
  }
  push(x: number): void {
    if (this.length === this.a.length) {
      const b = this.make(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = x;
  }
  get(i: number): number {
    return this.a[i];
  }
  /** A copy of exactly the values pushed. */
  toArray(): A {
    return this.a.slice(0, this.length) as A;
  }
}

export class GrowI32 extends Grow<Int32Array> {
  constructor() {
    super((n) => new Int32Array(n));
  }
}
export class GrowF64 extends Grow<Float64Array> {
  constructor() {
    super((n) => new Float64Array(n));
  }
}
export class GrowF32 extends Grow<Float32Array> {
  constructor() {
    super((n) => new Float32Array(n));
  }
}
export class GrowU8 extends Grow<Uint8Array> {
  constructor() {
    super((n) => new Uint8Array(n));
  }
}

/** Dictionary encoder: strings -> codes in first-seen order, '' -> -1 (missing). */
export class Interner {
  readonly dict: string[] = [];
  readonly codes = new GrowI32();
  private readonly index = new Map<string, number>();
  push(s: string): void {
    if (s === '') {
      this.codes.push(-1);
      return;
    }
    let c = this.index.get(s);
    if (c === undefined) {
      c = this.dict.length;
      this.index.set(s, c);
      this.dict.push(s);
    }
    this.codes.push(c);
  }
}

/**
 * The spec's kind rule: numeric when every non-missing value is a finite number; else multi when
 * any value holds '|' (split, trimmed, empty parts dropped); else categorical.
 */
export function inferFeature(name: string, values: Interner): FeatureColumn {
  const group = featureGroupOf(name)!;
  const codes = values.codes.toArray();
  const nums = values.dict.map(parseNumber);
  if (nums.every((x) => x !== undefined)) {
    const data = Float64Array.from(codes, (c) => (c < 0 ? Number.NaN : nums[c]!));
    return { name, group, kind: 'numeric', data };
  }
  if (!values.dict.some((v) => v.includes('|')))
    return { name, group, kind: 'categorical', data: { codes, dict: values.dict } };
  const dict: string[] = [];
  const index = new Map<string, number>();
  const partsOf = values.dict.map((v) =>
    v
      .split('|')
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .map((p) => {
        let c = index.get(p);
        if (c === undefined) index.set(p, (c = dict.push(p) - 1));
        return c;
      }),
  );
  const offsets = new Int32Array(codes.length + 1);
  for (let i = 0; i < codes.length; i++)
    offsets[i + 1] = offsets[i] + (codes[i] < 0 ? 0 : partsOf[codes[i]].length);
  const out = new Int32Array(offsets[codes.length]);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) out.set(partsOf[codes[i]], offsets[i]);
  return { name, group, kind: 'multi', data: { offsets, codes: out, dict } };
}
