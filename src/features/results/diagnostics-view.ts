/**
 * The training diagnostics of a results object, prepared for the charts (pure; tested in Node):
 * per multi-head grouping, the weight each head's loss had at the end of every epoch, and the
 * gradient conflict between heads (cosines of their loss gradients on the shared parameters) as
 * a heads-by-heads heat map for one epoch and one line per pair over the epochs. Results written
 * before these were recorded carry neither, and get no diagnostics (not empty charts).
 */
import type { BalancingKind, EncoderKind } from '../../core/config/experiment';
import type { TaskId } from '../../core/data/schema';
import type { EpochRecord, ExperimentResults, GroupingResult } from '../../core/metrics/results-types';
import type { HeatMapCell, HeatMapScale } from '../../charts/heatmap-types';
import { TASK_COLORS } from '../../charts/palette';
import {
  DIVERGING_STOPS,
  divergingColor,
  seriesStyle,
  textOnDiverging,
  UNDEFINED_FILL,
} from '../../charts/scales';

/** Short names, as a suffix to a grouping's name and in captions. */
export const ENCODER_NAME: Record<EncoderKind, string> = {
  'shared-bottom': 'shared bottom',
  mmoe: 'MMoE',
  ple: 'PLE',
};
export const BALANCING_NAME: Record<BalancingKind, string> = {
  fixed: 'fixed λ',
  uncertainty: 'uncertainty weighting',
  gradnorm: 'GradNorm',
  pcgrad: 'PCGrad',
};

const BALANCING_SHORT: Record<BalancingKind, string> = { ...BALANCING_NAME, uncertainty: 'Uncertainty' };

/**
 * ' · MMoE · GradNorm': what a grouping trained with beyond the paper's model (shared bottom,
 * fixed λ), for a suffix to its name; '' for the paper's model and for older results.
 */
export function modelSuffix(g: {
  readonly encoder?: EncoderKind;
  readonly balancing?: BalancingKind;
}): string {
  const parts: string[] = [];
  if (g.encoder && g.encoder !== 'shared-bottom') parts.push(ENCODER_NAME[g.encoder]);
  if (g.balancing && g.balancing !== 'fixed') parts.push(BALANCING_SHORT[g.balancing]);
  return parts.map((p) => ` · ${p}`).join('');
}

/** A line of a chart: the row key it reads, its legend label and its look. */
export interface DiagnosticSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
}

/** Chart rows: `epoch` and one value per series key; null (or absent) = undefined, drawn as a gap. */
export type EpochRow = { readonly epoch: number } & Readonly<Record<string, number | null>>;

export interface LineView {
  readonly rows: readonly EpochRow[];
  readonly series: readonly DiagnosticSeries[];
  /** The caption: what the lines are, and that a gap is undefined, not 0. */
  readonly meaning: string;
}

export interface HeadPair {
  readonly key: string;
  readonly a: TaskId;
  readonly b: TaskId;
}

export interface ConflictView {
  /** Epochs with recorded cosines, ascending (what the heat map can show). */
  readonly epochs: readonly number[];
  /** Pairs of heads recorded at some epoch, in head order. */
  readonly pairs: readonly HeadPair[];
  /** Cosine per pair per epoch: one line per pair. */
  readonly lines: LineView;
}

export interface GroupingDiagnostics {
  readonly id: string;
  readonly label: string;
  readonly heads: readonly TaskId[];
  readonly encoder: EncoderKind;
  readonly balancing: BalancingKind;
  /** The epoch whose weights the reported model kept (early stopping), when known. */
  readonly bestEpoch: number | null;
  /** '(shared bottom, GradNorm α = 1.5)': the heading's note. */
  readonly modelText: string;
  /** The loss weights per epoch; null when none were recorded. */
  readonly weights: LineView | null;
  /** Gradient conflict; null when no cosine was recorded. */
  readonly conflict: ConflictView | null;
}

const GAP = 'A gap in a line is an epoch where it was undefined (n/a), not 0.';

const WEIGHT_MEANING: Record<BalancingKind, string> = {
  fixed:
    'Each line: the weight λ_t of a head’s loss in the total at the end of each epoch. Balancing is fixed, so these are the task weights set before training and the lines stay flat.',
  pcgrad:
    'Each line: the weight λ_t of a head’s loss in the total at the end of each epoch. PCGrad keeps these fixed; it changes the directions of conflicting gradients instead (see the gradient conflict).',
  uncertainty:
    'Each line: exp(−s_t), the learned weight of a head’s loss (loss = Σ exp(−s_t)·loss_t + s_t, s_t a learned log-variance) at the end of each epoch. A falling line: the model treats that head as noisier and lets it pull less on the shared layers.',
  gradnorm:
    'Each line: GradNorm’s learned weight w_t of a head’s loss at the end of each epoch. A rising line: that head trained slower than the others (its loss fell less), so its gradient on the last shared layer was scaled up.',
};

/** The cosine as printed in a cell and a tooltip: 2 decimals, signed ('+0.42', '-0.13', '0.00'). */
export function formatCosine(v: number): string {
  const t = v.toFixed(2);
  if (t === '0.00' || t === '-0.00') return '0.00';
  return v > 0 ? `+${t}` : t;
}

const pairKey = (a: TaskId, b: TaskId) => `${a}|${b}`;

/** The GradNorm α the results' config recorded (the config is passed through untyped). */
export function gradnormAlphaOf(config: unknown): number | null {
  const alpha = (config as { train?: { gradnormAlpha?: unknown } } | null)?.train?.gradnormAlpha;
  return typeof alpha === 'number' && Number.isFinite(alpha) ? alpha : null;
}

function weightsView(
  g: GroupingResult,
  history: readonly EpochRecord[],
  balancing: BalancingKind,
): LineView | null {
  const recorded = history.filter((e) => e.taskWeights !== undefined);
  if (recorded.length === 0) return null;
  const rows = recorded.map((e) => {
    const row: Record<string, number | null> = { epoch: e.epoch };
    for (const t of g.heads) {
      const w = e.taskWeights?.[t];
      row[t] = typeof w === 'number' && Number.isFinite(w) ? w : null;
    }
    return row as EpochRow;
  });
  return {
    rows,
    series: g.heads.map((t) => ({ key: t, label: t, color: TASK_COLORS[t] })),
    meaning: `${WEIGHT_MEANING[balancing]} ${GAP}`,
  };
}

/** Orders a recorded pair by the grouping's heads (a before b); null if either is not a head. */
function orderedPair(heads: readonly TaskId[], a: TaskId, b: TaskId): HeadPair | null {
  const ia = heads.indexOf(a);
  const ib = heads.indexOf(b);
  if (ia < 0 || ib < 0 || ia === ib) return null;
  const [x, y] = ia < ib ? [a, b] : [b, a];
  return { key: pairKey(x, y), a: x, b: y };
}

function conflictView(g: GroupingResult, history: readonly EpochRecord[]): ConflictView | null {
  const recorded = history.filter((e) => e.gradCosine !== undefined);
  if (recorded.length === 0) return null;
  const seen = new Map<string, HeadPair>();
  const rows = recorded.map((e) => {
    const row: Record<string, number | null> = { epoch: e.epoch };
    for (const c of e.gradCosine ?? []) {
      const p = orderedPair(g.heads, c.a, c.b);
      if (!p) continue;
      seen.set(p.key, p);
      row[p.key] = typeof c.cosine === 'number' && Number.isFinite(c.cosine) ? c.cosine : null;
    }
    return row as EpochRow;
  });
  const rank = (p: HeadPair) => g.heads.indexOf(p.a) * g.heads.length + g.heads.indexOf(p.b);
  const pairs = [...seen.values()].sort((p, q) => rank(p) - rank(q));
  return {
    epochs: recorded.map((e) => e.epoch),
    pairs,
    lines: {
      rows,
      series: pairs.map((p, i) => ({ key: p.key, label: `${p.a} vs ${p.b}`, ...seriesStyle(i) })),
      meaning:
        'Each line: the cosine between two heads’ loss gradients on the shared parameters at the end of each epoch: +1 = they push the shared weights the same way, 0 = unrelated, −1 = opposed (negative transfer where it persists). ' +
        GAP,
    },
  };
}

/** A grouping's diagnostics, or null when it has one head or recorded none (older results). */
export function groupingDiagnostics(
  g: GroupingResult,
  gradnormAlpha: number | null = null,
): GroupingDiagnostics | null {
  if (g.heads.length < 2) return null;
  const history = [...g.history].sort((a, b) => a.epoch - b.epoch);
  const encoder = g.encoder ?? 'shared-bottom';
  const balancing = g.balancing ?? 'fixed';
  const weights = weightsView(g, history, balancing);
  const conflict = conflictView(g, history);
  if (!weights && !conflict) return null;
  const alpha = balancing === 'gradnorm' && gradnormAlpha !== null ? ` α = ${gradnormAlpha}` : '';
  return {
    id: g.id,
    label: g.label,
    heads: g.heads,
    encoder,
    balancing,
    bestEpoch: g.bestEpoch,
    modelText: `${ENCODER_NAME[encoder]}, ${BALANCING_NAME[balancing]}${alpha}`,
    weights,
    conflict,
  };
}

/** The diagnostics of every multi-head grouping that recorded them, in the results' order. */
export function diagnosticsViews(results: ExperimentResults): GroupingDiagnostics[] {
  const alpha = gradnormAlphaOf(results.config);
  return results.groupings.flatMap((g) => groupingDiagnostics(g, alpha) ?? []);
}

/** The epoch the heat map shows: the chosen one while it has cosines, else the last that has. */
export function heatmapEpoch(view: ConflictView, chosen: number | null): number {
  return chosen !== null && view.epochs.includes(chosen) ? chosen : view.epochs[view.epochs.length - 1];
}

/** Epoch picker options: 'epoch 3 (kept model)' marks the epoch early stopping kept. */
export function epochOptions(
  view: ConflictView,
  bestEpoch: number | null,
): { value: number; text: string }[] {
  return view.epochs.map((e) => ({
    value: e,
    text: e === bestEpoch ? `epoch ${e} (kept model)` : `epoch ${e}`,
  }));
}

export interface HeatMapView {
  readonly labels: readonly TaskId[];
  readonly cells: readonly (readonly HeatMapCell[])[];
  readonly scale: HeatMapScale;
  readonly meaning: string;
  /** One sentence on the epoch: the most opposed pair and how many pairs conflict. */
  readonly summary: string;
}

const SCALE: HeatMapScale = {
  stops: DIVERGING_STOPS,
  ticks: [
    { offset: 0, label: '−1 opposed' },
    { offset: 0.5, label: '0' },
    { offset: 1, label: '+1 aligned' },
  ],
  title: 'gradient cosine',
  undefinedText: 'n/a = undefined, not 0',
  undefinedFill: UNDEFINED_FILL,
};

function cell(row: TaskId, col: TaskId, value: number | null | undefined, epoch: number): HeatMapCell {
  if (row === col)
    return {
      text: '1',
      fill: '#F4F4F4',
      textColor: '#888888',
      title: `${row} with itself: 1 by definition (not measured)`,
    };
  if (typeof value === 'number')
    return {
      text: formatCosine(value),
      fill: divergingColor(value),
      textColor: textOnDiverging(value),
      title: `${row} vs ${col}, epoch ${epoch}: cosine ${formatCosine(value)}${value < 0 ? ' (conflict)' : ''}`,
    };
  const why =
    value === null
      ? 'undefined: a head had no gradient on the shared parameters (no kept rows) in every diagnostic batch'
      : 'not recorded at this epoch';
  return {
    text: 'n/a',
    fill: UNDEFINED_FILL,
    textColor: '#555555',
    title: `${row} vs ${col}, epoch ${epoch}: n/a (${why}; not 0)`,
    undefinedValue: true,
  };
}

/** The heads-by-heads cosine matrix at `epoch` (symmetric; the diagonal is 1 by definition). */
export function heatmapAt(d: GroupingDiagnostics, view: ConflictView, epoch: number): HeatMapView {
  const row = view.lines.rows.find((r) => r.epoch === epoch);
  const value = (a: TaskId, b: TaskId): number | null | undefined => {
    const p = orderedPair(d.heads, a, b);
    return p && row ? row[p.key] : undefined;
  };
  const cells = d.heads.map((a) => d.heads.map((b) => cell(a, b, value(a, b), epoch)));
  const offDiagonal = cells.flatMap((r, i) => r.filter((_, j) => j !== i));
  const undefinedCount = offDiagonal.filter((c) => c.undefinedValue).length / 2;
  const kept = d.bestEpoch === epoch ? ' (the epoch whose weights were kept)' : '';
  const meaning =
    `Each cell: the cosine between the two heads’ loss gradients on the shared parameters (encoder and embeddings), averaged over the diagnostic batches at the end of epoch ${epoch}${kept}. ` +
    'Blue (+1): the heads push the shared weights the same way; white (0): unrelated; red (−1): opposed, a conflict where negative transfer can happen. The diagonal is a head with itself (1 by definition). ' +
    `n/a (hatched) is undefined, not 0: a head without gradient in every diagnostic batch, or a pair not recorded at that epoch${undefinedCount > 0 ? ` (${undefinedCount} pair${undefinedCount === 1 ? '' : 's'} here)` : ' (none here)'}.`;
  return { labels: d.heads, cells, scale: SCALE, meaning, summary: conflictSummary(view, row, epoch) };
}

function conflictSummary(view: ConflictView, row: EpochRow | undefined, epoch: number): string {
  const known = view.pairs.flatMap((p) => {
    const v = row?.[p.key];
    return typeof v === 'number' ? [{ p, v }] : [];
  });
  if (known.length === 0) return `Epoch ${epoch}: no pair has a defined cosine.`;
  const worst = known.reduce((m, x) => (x.v < m.v ? x : m));
  const conflicts = known.filter((x) => x.v < 0).length;
  const pairs = `${known.length} pair${known.length === 1 ? '' : 's'} with a defined cosine`;
  const worstText = `${worst.p.a} vs ${worst.p.b} (${formatCosine(worst.v)})`;
  return worst.v < 0
    ? `Epoch ${epoch}: ${conflicts} of ${pairs} conflict (cosine < 0); the most opposed is ${worstText}.`
    : `Epoch ${epoch}: no conflict (all ${pairs} ≥ 0); the least aligned is ${worstText}.`;
}
