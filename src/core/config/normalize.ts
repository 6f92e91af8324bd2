/**
 * Validation of a partial experiment config against the field table: each known field is read,
 * parsed, clamped to its range, or replaced by its default with a notice. Never throws; never
 * lets NaN through.
 */
import { DEFAULT_CONFIG, V1_DEFAULT_CONFIG } from './defaults';
import type { ExperimentConfig } from './experiment';
import { FIELDS, type Field, type FieldKind } from './fields';
import { withStudyBudget } from './tuning';

export interface Normalized {
  readonly config: ExperimentConfig;
  /** One plain-text line per value that was clamped, replaced or ignored. */
  readonly notices: readonly string[];
}

/**
 * Most impressions the simulator may be asked for (days x per_day). Each field is in range on its
 * own, but both at their maximum would be 365 million rows and take the tab down; this keeps a
 * link or a typo from doing that (the default is 252,000; the load bench reads 1,000,000).
 */
export const MAX_SIM_ROWS = 2_000_000;

type Parsed = { ok: true; value: unknown; note?: string } | { ok: false; why: string };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function parseNumber(raw: unknown, lo: number, hi: number, integer: boolean): Parsed {
  const x = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(x)) return { ok: false, why: 'not a finite number' };
  const v = clamp(integer ? Math.round(x) : x, lo, hi);
  return v === x
    ? { ok: true, value: v }
    : { ok: true, value: v, note: `clamped to ${v} (range ${lo}..${hi})` };
}

function asList(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') return raw === '' ? [] : raw.split(',');
  return [raw];
}

/** Parses one raw value (from JSON or a URL string) for a field kind. */
export function parseField(kind: FieldKind, raw: unknown): Parsed {
  switch (kind.type) {
    case 'int':
    case 'float':
      return parseNumber(raw, kind.min, kind.max, kind.type === 'int');
    case 'float-or':
      return raw === kind.word ? { ok: true, value: kind.word } : parseNumber(raw, kind.min, kind.max, false);
    case 'enum':
      return kind.values.includes(String(raw))
        ? { ok: true, value: String(raw) }
        : { ok: false, why: 'unknown value' };
    case 'enum-list': {
      const items = asList(raw).map(String);
      const known = [...new Set(items.filter((v) => kind.values.includes(v)))];
      if (known.length === 0 && kind.empty !== 'allowed') return { ok: false, why: 'no known value' };
      const unknown = items.filter((v) => !kind.values.includes(v));
      return {
        ok: true,
        value: known,
        note: unknown.length ? `ignored unknown ${unknown.join(', ')}` : undefined,
      };
    }
    case 'int-list': {
      const items = asList(raw);
      if (items.length < kind.minLen || items.length > kind.maxLen)
        return { ok: false, why: `needs ${kind.minLen}..${kind.maxLen} values` };
      const parsed = items.map((v) => parseNumber(v, kind.min, kind.max, true));
      const bad = parsed.find((p) => !p.ok);
      if (bad && !bad.ok) return bad;
      const note = parsed.some((p) => p.ok && p.note)
        ? `clamped to range ${kind.min}..${kind.max}`
        : undefined;
      return { ok: true, value: parsed.map((p) => (p.ok ? p.value : 0)), note };
    }
  }
}

export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const k of path.slice(0, -1)) {
    const next = cur[k];
    cur[k] = next !== null && typeof next === 'object' ? { ...(next as object) } : {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[path[path.length - 1]] = value;
}

/** Reads each field from `lookup`, validates it, and builds a full config over the defaults. */
export function normalizeWith(
  lookup: (field: Field) => unknown,
  base: ExperimentConfig = DEFAULT_CONFIG,
): { config: ExperimentConfig; notices: string[] } {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  const notices: string[] = [];
  for (const field of FIELDS) {
    const raw = lookup(field);
    if (raw === undefined) continue;
    const parsed = parseField(field.kind, raw);
    if (!parsed.ok) {
      notices.push(`${field.key}=${String(raw).slice(0, 40)}: ${parsed.why}; using the default`);
      continue;
    }
    if (parsed.note) notices.push(`${field.key}: ${parsed.note}`);
    setPath(out, field.path, parsed.value);
  }
  const config = out as unknown as ExperimentConfig;
  if (!config.groupings.includes(config.baseline)) {
    notices.push(`baseline ${config.baseline} is not among the groupings; it is added`);
    setPath(out, ['groupings'], [config.baseline, ...config.groupings]);
  }
  const { trainFraction, valFraction } = config.split;
  if (trainFraction + valFraction > 0.95) {
    notices.push('train_days + val_days leave no test days; validation is shortened');
    setPath(out, ['split', 'valFraction'], Math.max(0.05, 0.95 - trainFraction));
  }
  if (config.data.kind === 'sim') {
    const { days, impressionsPerDay } = config.data.sim;
    if (days * impressionsPerDay > MAX_SIM_ROWS) {
      const perDay = Math.floor(MAX_SIM_ROWS / days);
      notices.push(
        `days x per_day would simulate ${days * impressionsPerDay} impressions; per_day is lowered to ${perDay} (at most ${MAX_SIM_ROWS} in all)`,
      );
      setPath(out, ['data', 'sim', 'impressionsPerDay'], perDay);
    }
  }
  const budgeted = withStudyBudget(out as unknown as ExperimentConfig);
  if (budgeted.rigor.tune !== config.rigor.tune)
    notices.push(
      `a tuning study tries at least 2 recipes per grouping; tune=${config.rigor.tune} is raised to ${budgeted.rigor.tune}`,
    );
  return { config: budgeted, notices };
}

/** Validates a partial config object (for example `--config` JSON in the CLI). */
export function normalizeConfig(partial: unknown): Normalized {
  const known = new Set(FIELDS.map((f) => f.path.join('.')));
  const notices: string[] = [];
  const walk = (o: unknown, prefix: string[]) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
    for (const [k, v] of Object.entries(o)) {
      const p = [...prefix, k];
      if (known.has(p.join('.'))) continue;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) walk(v, p);
      else if (!['version', 'data.kind'].includes(p.join('.')))
        notices.push(`unknown field ${p.join('.')}; ignored`);
    }
  };
  walk(partial, []);
  // A version-1 config (an older results file's) reads what it leaves out from the v1 defaults.
  const v1 =
    partial !== null && typeof partial === 'object' && (partial as { version?: unknown }).version === 1;
  const r = normalizeWith((field) => getPath(partial, field.path), v1 ? V1_DEFAULT_CONFIG : DEFAULT_CONFIG);
  return { config: r.config, notices: [...notices, ...r.notices] };
}
