import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../core/config/url-codec';
import { sampleResults } from '../../core/results/results-sample';
import { ablationFixture, coldStartFixture, STUDY_FIXTURE_CONFIG } from '../../core/results/study-fixture';
import { deckFixtureRecords } from '../../store/deck-fixture';
import {
  type DeckRun,
  deckFileName,
  deckRunOfRecord,
  deckRunOfResults,
  deckSlides,
  deckSubtitle,
  deckTitle,
  reproduceNote,
  shareLinkOf,
  shownAddresses,
  slideHeading,
} from './deck';
import { chartsOn, slidesForStudy } from './study-slides';
import { tuningSample } from '../../core/results/tuning-fixture';

/** Results with a tuning section, as a tuning study (or a tuned comparison) leaves them. */
const tuned = () => {
  const r = sampleResults();
  return { ...r, tuning: tuningSample(r.groupings.map((g) => g.id)) };
};

const runs = () => deckFixtureRecords().map(deckRunOfRecord);
const kinds = (slides: readonly { kind: string; slide: { kind: string } }[]) =>
  slides.map((s) => `${s.kind}:${s.slide.kind}`);

describe('slides of each kind of study', () => {
  it('lays out an ablation grid and a cold start, each ending with its share link', () => {
    expect(kinds(slidesForStudy(ablationFixture()))).toEqual([
      'ablation:title',
      'ablation:arms',
      'ablation:chart',
      'ablation:share',
    ]);
    expect(kinds(slidesForStudy(coldStartFixture()))).toEqual([
      'cold-start:title',
      'cold-start:curves',
      'cold-start:table',
      'cold-start:share',
    ]);
  });

  it('leads a tuning study (and a tuned comparison) with the tuning slide, then the comparison’s', () => {
    const results = tuned();
    const study = kinds(slidesForStudy({ kind: 'tuning', results }));
    const plain = kinds(slidesForStudy({ kind: 'comparison', results: sampleResults() }));
    expect(study).toEqual([
      'tuning:title',
      'tuning:tuning',
      ...plain.slice(1).map((k) => k.replace('comparison:', 'tuning:')),
    ]);
    expect(kinds(slidesForStudy({ kind: 'comparison', results }))[1]).toBe('comparison:tuning');
    const run: DeckRun = { ...deckRunOfResults(results, 'tuning'), name: 'nightly' };
    expect(run.study.kind).toBe('tuning');
    const slides = deckSlides([run]);
    expect(slideHeading(slides[0])).toBe('Tuning: nightly');
    expect(slideHeading(slides[1])).toBe('Tuning: the recipe each grouping chose on validation');
    expect(chartsOn(slides[1])).toBe(0);
    expect(reproduceNote(run)).toMatch(/tuning study up again, with its budget of 3 recipes per grouping/);
  });

  it('counts the charts each slide draws (the export waits for them)', () => {
    const [cold, grid, cmp] = runs();
    const charts = (run: DeckRun) => deckSlides([run]).map(chartsOn);
    expect(charts(cold)).toEqual([0, 2, 0, 0]);
    expect(charts(grid)).toEqual([0, 0, 1, 0]);
    // title, table 1, two segment tables, two tier charts, verdicts, replay, diagnostics, share
    expect(charts(cmp)).toEqual([0, 0, 0, 0, 1, 1, 0, 1, 1, 0]);
  });
});

describe('a deck', () => {
  it("concatenates the runs' slides in the chosen order, each run opened by its title slide", () => {
    const [cold, grid, cmp] = runs();
    const slides = deckSlides([grid, cold, cmp]);
    expect(slides).toHaveLength(4 + 4 + 10);
    const titles = slides.filter((s) => s.slide.kind === 'title').map(slideHeading);
    expect(titles).toEqual([
      '1/3 · Ablation grid: Grid of joint-5task',
      '2/3 · Cold start: Cold start of ad_stream',
      '3/3 · Comparison: Joint vs promotions',
    ]);
    expect(slides.map((s) => s.runIndex)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('heads each slide with what it shows', () => {
    const [cold, grid, cmp] = runs();
    const headings = (run: DeckRun) => deckSlides([run]).map(slideHeading);
    expect(headings(grid)).toEqual([
      'Ablation grid: Grid of joint-5task',
      'Grid of joint-5task: each arm against full',
      'Grid of joint-5task: AP change vs full, with 95% intervals',
      'Reproduce this run',
    ]);
    expect(headings(cold).slice(1, 3)).toEqual([
      'New task ad_stream: AP against label budget',
      'New task ad_stream: AP per budget and method',
    ]);
    expect(headings(cmp).slice(-2)).toEqual([
      'Training diagnostics: gradient conflict between heads',
      'Reproduce this run',
    ]);
    // The current results are not a History record: the app's name, as before.
    expect(slideHeading(deckSlides([deckRunOfResults(sampleResults())])[0])).toBe('Cold-Start Lab');
  });

  it('takes current results with an ablation section for a grid', () => {
    const { results } = ablationFixture();
    expect(deckRunOfResults(results).study.kind).toBe('ablation');
    expect(deckRunOfResults(sampleResults()).study.kind).toBe('comparison');
  });

  it('gives each run a share link of the config it trained under, and says what opening it does', () => {
    const [cold, grid, cmp] = runs();
    const { link, dataNote } = shareLinkOf(cold, 'https://lab.example/app/');
    expect(link.startsWith('https://lab.example/app/?v=2&')).toBe(true);
    expect(decodeConfig(link).config).toEqual(STUDY_FIXTURE_CONFIG);
    expect(dataNote).toBeNull();
    expect(reproduceNote(grid)).toMatch(
      /start the grid of joint-5task in step 5\. This grid trained on wasm\.$/,
    );
    expect(reproduceNote(cold)).toMatch(/task and budgets; then start it in step 6/);
    expect(reproduceNote(cmp)).toMatch(/opening it trains again\. This run trained on wasm\.$/);
  });

  it('knows the addresses its slides show as text: a URL dataset', () => {
    const [cold] = runs();
    expect(shownAddresses(cold)).toEqual([]);
    const url = 'https://data.example/impressions.csv';
    const fromUrl = {
      ...cold,
      config: { ...STUDY_FIXTURE_CONFIG, data: { kind: 'url', url } },
      datasetLabel: url,
    };
    expect(shownAddresses(fromUrl)).toEqual([url, url]);
  });

  it('names the export after the one run, or the deck', () => {
    const [cold, grid] = runs();
    const now = new Date('2026-03-04T09:08:00Z');
    expect(deckFileName([grid], now)).toBe('cold-start-lab-grid-of-joint-5task-2026-03-04.html');
    expect(deckFileName([grid, cold], now)).toBe('cold-start-lab-deck-2-runs-2026-03-04.html');
    expect(deckFileName([deckRunOfResults(sampleResults())], now)).toBe(
      'cold-start-lab-comparison-report-2026-03-04.html',
    );
    expect(deckTitle([grid])).toBe('Ablation grid: Grid of joint-5task');
    expect(deckTitle([grid, cold])).toBe('Review deck: 2 runs (ablation grid, cold start)');
    expect(deckSubtitle([grid, cold], now)).toBe(
      'Ablation grid, Cold start · exported from Cold-Start Lab on 2026-03-04 09:08 UTC',
    );
  });
});
