/**
 * A fast deterministic fingerprint of a table's contents, identifying a dataset in run history
 * and on screen. Not a cryptographic hash.
 */
import { LABELS } from './schema';
import type { ImpressionTable } from './table';

// FNV-1a 32-bit, two lanes with different offset bases and primes (the second lane uses
// Murmur2's multiplier) for 64 bits in total, so run-history collisions are negligible.
const P1 = 0x01000193;
const P2 = 0x5bd1e995;
const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

/** FNV-1a over 32-bit words in two lanes (64 bits); exported for the prediction fingerprint. */
export class Fnv {
  /**
   * The two lanes as int32 in a typed array: as number fields, V8 with pointer compression
   * (Chromium) boxed every value beyond 31 bits, one heap number per word hashed (rng.ts likewise).
   */
  private readonly h = Int32Array.of(0x811c9dc5, 0x2f1a4c3d);
  word(w: number): void {
    const h = this.h;
    h[0] = Math.imul(h[0] ^ w, P1);
    h[1] = Math.imul(h[1] ^ w, P2);
  }
  /** Byte length then contents: column boundaries are part of the hash. */
  bytes(v: ArrayBufferView): void {
    this.word(v.byteLength);
    const u8 = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    const words = v.byteOffset % 4 === 0 ? v.byteLength >> 2 : 0; // Uint32Array needs alignment
    const u32 = new Uint32Array(v.buffer, v.byteOffset, words);
    for (let k = 0; k < words; k++) this.word(u32[k]);
    for (let k = words * 4; k < v.byteLength; k++) this.word(u8[k]);
  }
  /** Float64 values with every NaN hashed alike, whatever its bit payload. */
  floats(v: Float64Array): void {
    this.word(v.length);
    for (let k = 0; k < v.length; k++) {
      f64[0] = Number.isNaN(v[k]) ? NaN : v[k];
      this.word(f64Words[0]);
      this.word(f64Words[1]);
    }
  }
  text(s: string): void {
    this.word(s.length);
    for (let k = 0; k < s.length; k++) this.word(s.charCodeAt(k));
  }
  dict(d: { codes: Int32Array; dict: readonly string[] }): void {
    this.bytes(d.codes);
    this.word(d.dict.length);
    for (const s of d.dict) this.text(s);
  }
  hex(): string {
    return (this.h[0] >>> 0).toString(16).padStart(8, '0') + (this.h[1] >>> 0).toString(16).padStart(8, '0');
  }
}

/**
 * A fast deterministic 16-hex-digit fingerprint of a table's contents (every column's values
 * and dictionaries, feature names and kinds, ignored column names). Equal tables give equal
 * fingerprints; it identifies a dataset in run history, and is not a cryptographic hash.
 */
export function datasetFingerprint(table: ImpressionTable): string {
  const h = new Fnv();
  h.word(table.n);
  h.bytes(table.source);
  h.bytes(table.day);
  h.text(table.dayZeroDate ?? '');
  h.dict(table.userId);
  h.dict(table.podcastId);
  for (const name of LABELS) h.bytes(table.labels[name]);
  for (const col of [table.streamTier, table.showStreams30d, table.cost]) {
    if (!col) h.word(0xffffffff);
    else if (col instanceof Float64Array) h.floats(col);
    else h.bytes(col);
  }
  for (const f of table.features) {
    h.text(`${f.group}:${f.kind}:${f.name}`);
    if (f.kind === 'numeric') h.floats(f.data);
    else {
      if (f.kind === 'multi') h.bytes(f.data.offsets);
      h.dict(f.data);
    }
  }
  for (const c of table.ignoredColumns) h.text(c);
  if (table.truth) {
    h.bytes(table.truth.pStream);
    h.bytes(table.truth.pClick);
  }
  return h.hex();
}
