/**
 * The training diagnostics of a results object, prepared for the charts (pure; tested in Node):
 * per multi-head grouping, the weight each head's loss had at the end of every epoch, and the
 * gradient conflict between heads (cosines of their loss gradients on the shared parameters) as
 * a heads-by-heads heat map for one epoch and one line per pair over the epochs. Results written
 * before these were recorded carry neither, and get no diagnostics (not empty charts).
 */
import { ENCODER_LABEL } from '../core/config/ablation';
import type { BalancingKind, EncoderKind } from '../core/config/experiment';
import type { TaskId } from '../core/data/schema';
import type { EpochRecord, ExperimentResults, GroupingResult } from '../core/results/results-types';
import { TASK_COLORS } from './palette';
import { seriesStyle } from './scales';

/** Short names, as a suffix to a grouping's name and in captions. */
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
  if (g.encoder && g.encoder !== 'shared-bottom') parts.push(ENCODER_LABEL[g.encoder]);
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
export function orderedPair(heads: readonly TaskId[], a: TaskId, b: TaskId): HeadPair | null {
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
    modelText: `${ENCODER_LABEL[encoder]}, ${BALANCING_NAME[balancing]}${alpha}`,
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
