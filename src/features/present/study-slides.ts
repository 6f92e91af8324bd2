/**
 * The slides of a study of any kind (pure; tested in Node): a comparison as slides.ts lays it
 * out; an ablation grid as its title, the arms table (each arm's change against the unchanged
 * target with its interval, per channel) and the bar chart with error bars; a cold start as its
 * title, the curves and the table per budget and method. Every kind ends with its share link.
 */
import type { StudyKind, StudyOf, StudyResults } from '../../core/results/study-results';
import { conflictViews, type Slide, slidesFor } from './slides';

export type AblationSlide = { readonly kind: 'title' | 'arms' | 'chart' | 'share' };
export type ColdStartSlide = { readonly kind: 'title' | 'curves' | 'table' | 'share' };

interface SlideOf {
  readonly comparison: Slide;
  readonly ablation: AblationSlide;
  readonly 'cold-start': ColdStartSlide;
  /** A tuning study is a comparison whose deck leads with its tuning slide (slidesFor). */
  readonly tuning: Slide;
}

/** One slide with its study: `kind` narrows both `results` and `slide`. */
export type StudySlide = { [K in StudyKind]: StudyOf<K> & { readonly slide: SlideOf[K] } }[StudyKind];

const ABLATION_SLIDES: readonly AblationSlide[] = [
  { kind: 'title' },
  { kind: 'arms' },
  { kind: 'chart' },
  { kind: 'share' },
];
const COLD_START_SLIDES: readonly ColdStartSlide[] = [
  { kind: 'title' },
  { kind: 'curves' },
  { kind: 'table' },
  { kind: 'share' },
];

/** The slides of one study, in the order a review walks through it. */
export function slidesForStudy(study: StudyResults): StudySlide[] {
  switch (study.kind) {
    case 'comparison':
      return slidesFor(study.results).map((slide) => ({ kind: 'comparison', results: study.results, slide }));
    case 'tuning':
      return slidesFor(study.results).map((slide) => ({ kind: 'tuning', results: study.results, slide }));
    case 'ablation':
      return ABLATION_SLIDES.map((slide) => ({ kind: 'ablation', results: study.results, slide }));
    case 'cold-start':
      return COLD_START_SLIDES.map((slide) => ({ kind: 'cold-start', results: study.results, slide }));
  }
}

/** How many charts a slide draws (an export waits for them all before it copies the slide). */
export function chartsOn(s: StudySlide): number {
  if (s.kind === 'comparison' || s.kind === 'tuning') {
    const k = s.slide.kind;
    if (k === 'diagnostics') return conflictViews(s.results).length;
    return k === 'tiers' || k === 'replay' ? 1 : 0;
  }
  if (s.kind === 'ablation') return s.slide.kind === 'chart' ? 1 : 0;
  return s.slide.kind === 'curves' ? 2 : 0;
}
