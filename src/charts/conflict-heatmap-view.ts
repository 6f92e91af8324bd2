/**
 * The gradient-conflict heat map of one grouping at one epoch, prepared for src/charts/HeatMap.tsx
 * (pure; tested with the rest of the diagnostics in diagnostics-view.test.ts): the heads-by-heads
 * cosines on a diverging scale, n/a cells marked as undefined, the caption and a one-line summary.
 */
import type { TaskId } from '../core/data/schema';
import type { HeatMapCell, HeatMapScale } from './heatmap-types';
import { DIVERGING_STOPS, divergingColor, textOnDiverging, UNDEFINED_FILL } from './scales';
import {
  type ConflictView,
  type EpochRow,
  formatCosine,
  type GroupingDiagnostics,
  orderedPair,
} from './diagnostics-view';

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
