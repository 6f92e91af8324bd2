import { describe, expect, it } from 'vitest';
import { analysisFixture } from '../../core/analysis/analysis-fixture';
import { sampleResults } from '../../core/results/results-sample';
import { rigorFixture } from '../../core/results/rigor-fixture';
import { comparisonFixture } from '../../core/results/study-fixture';
import {
  conflictViews,
  keyAction,
  SLIDES,
  slideFontPx,
  slidesFor,
  step,
  tableEm,
  titleFacts,
} from './slides';

describe('slides', () => {
  it('shows one table or chart per slide, the share link last', () => {
    expect(SLIDES.map((s) => ('channel' in s ? `${s.kind}:${s.channel}` : s.kind))).toEqual([
      'title',
      'table1',
      'segments:promo',
      'segments:ad',
      'tiers:promo',
      'tiers:ad',
      'share',
    ]);
  });

  it('adds the verdicts and the budget replay before the share link when the results have a rigor section', () => {
    expect(slidesFor(sampleResults())).toBe(SLIDES);
    const kinds = slidesFor({ ...sampleResults(), rigor: rigorFixture() }).map((s) => s.kind);
    expect(kinds.slice(-3)).toEqual(['verdicts', 'replay', 'share']);
    expect(kinds).toHaveLength(SLIDES.length + 2);
  });

  it('ends an analysis of predictions with the replay: no share link, since nothing trained here', () => {
    const results = analysisFixture();
    const kinds = slidesFor(results).map((s) => s.kind);
    expect(kinds).toEqual([
      'title',
      'table1',
      'segments',
      'segments',
      'tiers',
      'tiers',
      'verdicts',
      'replay',
    ]);
    expect(titleFacts(results).run).toBe('Analysed without training, 2026-12-07');
    expect(titleFacts(results).data).toContain('predictions file fixture.csv (analysed without training)');
  });

  it('adds the diagnostics after the replay when a grouping recorded gradient conflict', () => {
    const { results } = comparisonFixture();
    expect(
      slidesFor(results)
        .map((s) => s.kind)
        .slice(-3),
    ).toEqual(['replay', 'diagnostics', 'share']);
    // Recorded loss weights alone (no cosines) make no diagnostics slide.
    const noCosines = results.groupings.map((g) => ({
      ...g,
      history: g.history.map((e) => ({ ...e, gradCosine: undefined })),
    }));
    expect(slidesFor({ ...results, groupings: noCosines }).map((s) => s.kind)).not.toContain('diagnostics');
    expect(conflictViews(results).map((v) => v.d.id)).toEqual(['joint-5task']);
  });

  it('maps the presentation keys', () => {
    expect(['ArrowRight', ' ', 'PageDown'].map(keyAction)).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map(keyAction)).toEqual(['prev', 'prev']);
    expect(['Home', 'End', 'Escape', 'a'].map(keyAction)).toEqual(['first', 'last', 'exit', null]);
  });

  it('steps within the slides', () => {
    expect(step(0, 'prev', 7)).toBe(0);
    expect(step(0, 'next', 7)).toBe(1);
    expect(step(6, 'next', 7)).toBe(6);
    expect(step(3, 'first', 7)).toBe(0);
    expect(step(3, 'last', 7)).toBe(6);
    expect(step(3, 'exit', 7)).toBe(3);
  });

  it('sizes text for the back of a room: >= 24px at 1920x1080', () => {
    expect(slideFontPx(1920, 1080)).toBeGreaterThanOrEqual(24);
    expect(slideFontPx(1280, 720)).toBeCloseTo(23.04);
    expect(slideFontPx(400, 300)).toBe(14);
    expect([tableEm(6), tableEm(12)]).toEqual([1, 0.5]);
  });

  it('says on the title slide what was compared, on which data and backend', () => {
    const f = titleFacts(sampleResults());
    expect(f.baseline).toBe('promo-mtl');
    expect(f.others).toEqual(['promo-stream', 'ads-stream', 'ads-anc', 'joint-5task', 'ads-stream-pooled']);
    expect(f.data).toMatch(
      /^simulated data \(seed 7\): 1,800 impressions \(promotions [\d,]+, ads [\d,]+\) over 6 days; 300 test rows$/,
    );
    expect(f.run).toBe('Trained on wasm, 2026-11-29');
  });
});
