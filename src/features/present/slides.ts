/**
 * What the presentation of a comparison shows and how the keys move through it (pure; tested in
 * Node). One table or chart per slide, in the order a review walks through a run, the share link
 * last. The other kinds of study and the deck of several runs: study-slides.ts and deck.ts.
 */
import { diagnosticsViews } from '../../charts/diagnostics-view';
import { SOURCES, type Source } from '../../core/data/schema';
import { dataText } from '../../core/results/reports/markdown-report';
import { datasetOneLiner } from '../../core/results/reports/report-dataset';
import type { ExperimentResults } from '../../core/results/results-types';

export type Slide =
  | { readonly kind: 'title' }
  | { readonly kind: 'table1' }
  | { readonly kind: 'tuning' }
  | { readonly kind: 'segments'; readonly channel: Source }
  | { readonly kind: 'tiers'; readonly channel: Source }
  | { readonly kind: 'replay' }
  | { readonly kind: 'verdicts' }
  | { readonly kind: 'diagnostics' }
  | { readonly kind: 'share' };

export const SLIDES: readonly Slide[] = [
  { kind: 'title' },
  { kind: 'table1' },
  ...SOURCES.map((channel) => ({ kind: 'segments' as const, channel })),
  ...SOURCES.map((channel) => ({ kind: 'tiers' as const, channel })),
  { kind: 'share' },
];

/** Multi-head groupings that recorded the gradient conflict between their heads (the diagnostics slide). */
export const conflictViews = (results: ExperimentResults) =>
  diagnosticsViews(results).flatMap((d) => (d.conflict ? [{ d, conflict: d.conflict }] : []));

/**
 * The slides of these results: the tuning slide (each grouping's chosen recipe) right after the
 * title when they carry the tuning section, since every number after it comes from the chosen
 * recipes; the replay slide only with the rigor section; the diagnostics slide only when some
 * grouping recorded gradient conflict.
 */
export function slidesFor(results: ExperimentResults): readonly Slide[] {
  if (results.tuning) {
    const [title, ...rest] = slidesFor({ ...results, tuning: undefined });
    return [title, { kind: 'tuning' }, ...rest];
  }
  const extra: Slide[] = [];
  if (results.rigor) extra.push({ kind: 'verdicts' }, { kind: 'replay' });
  if (conflictViews(results).length > 0) extra.push({ kind: 'diagnostics' });
  if (extra.length === 0 && !results.analysis) return SLIDES;
  // An analysis of predictions trained nothing here, so a link could not reproduce it: no share slide.
  const share = results.analysis ? [] : SLIDES.slice(-1);
  return [...SLIDES.slice(0, -1), ...extra, ...share];
}

export type NavAction = 'next' | 'prev' | 'first' | 'last' | 'exit';

/** The presentation keys (KeyboardEvent.key): Right/Space/PageDown on, Left/PageUp back, Home/End, Esc. */
export function keyAction(key: string): NavAction | null {
  switch (key) {
    case 'ArrowRight':
    case ' ':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** The slide index after an action (exit leaves it as is); stays within 0..count-1. */
export function step(index: number, action: NavAction, count: number): number {
  const last = Math.max(0, count - 1);
  if (action === 'next') return Math.min(last, index + 1);
  if (action === 'prev') return Math.max(0, index - 1);
  if (action === 'first') return 0;
  if (action === 'last') return last;
  return index;
}

/** The title slide's lines: what was compared (ids apart, so none breaks at its hyphen), data, backend. */
export function titleFacts(results: ExperimentResults): {
  baseline: string;
  others: string[];
  data: string;
  run: string;
} {
  const others = results.groupings.filter((g) => g.id !== results.baseline).map((g) => g.id);
  const size = datasetOneLiner(results.dataset);
  return {
    baseline: results.baseline,
    others,
    data: `${dataText(results)}${size ? `: ${size}` : ''}; ${results.testRows.toLocaleString('en-US')} test rows`,
    run: results.analysis
      ? `Analysed without training, ${results.createdAt.slice(0, 10)}`
      : `Trained on ${results.backend}, ${results.createdAt.slice(0, 10)}`,
  };
}

/** Text size in px for a viewport: about 35px at 1920x1080 (the back of a room), 23px at 1280x720. */
export function slideFontPx(width: number, height: number): number {
  return Math.max(14, Math.min(height * 0.032, width * 0.018));
}

/** Table text in em: 1 up to six groupings (all presets), smaller for more, so every row fits. */
export const tableEm = (rows: number): number => Math.min(1, 6 / Math.max(1, rows));
