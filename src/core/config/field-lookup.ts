/**
 * Pure helpers for forms over the field table: find a field by its path, describe its range, and
 * read what a user typed into a value the config accepts (or say why not). Parsing and clamping
 * go through normalize.ts's parseField, so a form and a URL agree on every range.
 */
import type { ExperimentConfig } from './experiment';
import { type ConfigPath, FIELDS, type Field, type FieldKind } from './fields';
import { getPath, parseField } from './normalize';

/** The field whose config path is `path` (dotted, e.g. 'data.sim.users'); throws if none. */
export function fieldAt(path: ConfigPath): Field {
  const field = FIELDS.find((f) => f.path.join('.') === path);
  if (!field) throw new Error(`no field at path ${path}`);
  return field;
}

/** The field's current value in `config`. */
export function fieldValue(config: ExperimentConfig, field: Field): unknown {
  return getPath(config, field.path);
}

/** A number as people read it: thousands separated, small floats as typed (0.0001, 1e-10). */
export function formatNumber(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString('en-US') : String(x);
}

/** The accepted values of a field kind, for help text: "10 – 1,000,000", "0 – 1 or natural". */
export function rangeText(kind: FieldKind): string {
  switch (kind.type) {
    case 'int':
    case 'float':
      return `${formatNumber(kind.min)} – ${formatNumber(kind.max)}`;
    case 'float-or':
      return `${formatNumber(kind.min)} – ${formatNumber(kind.max)} or ${kind.word}`;
    case 'int-list': {
      const len = kind.minLen === kind.maxLen ? `${kind.minLen}` : `${kind.minLen}–${kind.maxLen}`;
      return `${len} comma-separated values, each ${formatNumber(kind.min)} – ${formatNumber(kind.max)}`;
    }
    case 'enum':
    case 'enum-list':
      return kind.values.join(', ');
  }
}

/** A slider/spinner step for a numeric field: 1 for integers, else about 1/100 of the range. */
export function stepOf(kind: FieldKind): number | 'any' {
  if (kind.type === 'int') return 1;
  if (kind.type !== 'float' && kind.type !== 'float-or') return 'any';
  const span = kind.max - kind.min;
  return 10 ** Math.floor(Math.log10(span / 100));
}

/**
 * What a typed text means for a field: a value to use as is, a value clamped into range (use it
 * when the user is done typing, and show why), or nothing usable (keep the old value).
 */
export type Draft<T> =
  | { readonly state: 'ok'; readonly value: T }
  | { readonly state: 'clamped'; readonly value: T; readonly message: string }
  | { readonly state: 'invalid'; readonly message: string };

function read<T>(field: Field, text: string, accept: (v: unknown) => v is T, what: string): Draft<T> {
  const range = rangeText(field.kind);
  const parsed = parseField(field.kind, text.trim());
  if (!parsed.ok || !accept(parsed.value)) return { state: 'invalid', message: `Needs ${what}: ${range}` };
  if (parsed.note)
    return { state: 'clamped', value: parsed.value, message: adjustment(field.kind, text, range) };
  return { state: 'ok', value: parsed.value };
}

/** Why parseField changed a value: it was out of range, or (an int) only needed rounding. */
function adjustment(kind: FieldKind, text: string, range: string): string {
  if (!('min' in kind)) return `Adjusted (${range})`;
  const numbers = text.split(',').map((t) => Number(t));
  const inRange = numbers.every((x) => x >= kind.min && x <= kind.max);
  return inRange ? 'Rounded to a whole number' : `Out of range (${range})`;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberList = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);

/** Reads a typed number for an 'int', 'float' or 'float-or' field (the word is not a number). */
export function readNumberDraft(field: Field, text: string): Draft<number> {
  const what = field.kind.type === 'int' ? 'a whole number' : 'a number';
  return read(field, text, isNumber, what);
}

/** Reads a comma-separated list ("128, 64") for an 'int-list' field; "" is the empty list. */
export function readListDraft(field: Field, text: string): Draft<number[]> {
  return read(field, text, isNumberList, 'whole numbers');
}

/** How a stored value shows in a text box: lists as "128, 64". */
export function valueText(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The user's words for a clamped draft: "Out of range (10 – 365); 365 will be used". */
export function draftMessage(draft: Draft<unknown>): string | null {
  if (draft.state === 'ok') return null;
  if (draft.state === 'invalid') return draft.message;
  return `${draft.message}; ${valueText(draft.value)} will be used`;
}
