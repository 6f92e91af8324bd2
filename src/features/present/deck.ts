/**
 * A deck: runs in a chosen order, each its study's slides after a title slide that names the run
 * (pure; tested in Node). A run comes from History (its record) or is the current results; the
 * headings, the share link and the file name of an export are worked out here.
 */
import { FULL_ARM } from '../../core/config/ablation';
import { shareUrl } from '../../core/config/share-link';
import { fileSlug } from '../../charts/export-layout';
import type { ExperimentResults } from '../../core/results/results-types';
import { SOURCE_LABEL } from '../../core/data/schema';
import { runConfigOf } from '../../core/results/run-config';
import { STUDY_LABEL, type StudyResults } from '../../core/results/study-results';
import type { RunRecord } from '../../store/history-record';
import { type StudySlide, slidesForStudy } from './study-slides';

/** One run of a deck: its study and what is known of how it was made. */
export interface DeckRun {
  readonly study: StudyResults;
  /** History's name of the run; null for the current results (not necessarily saved). */
  readonly name: string | null;
  /** The experiment config it trained under (as stored: read back with runConfigOf). */
  readonly config: unknown;
  readonly backend: string;
  /** ISO 8601 time the run finished (or was saved). */
  readonly createdAt: string;
  /** 'simulated (seed 7)', a file name or a URL; null when not recorded. */
  readonly datasetLabel: string | null;
}

export const deckRunOfRecord = (r: RunRecord): DeckRun => ({
  study: r,
  name: r.name,
  config: r.config,
  backend: r.backend,
  createdAt: r.createdAt,
  datasetLabel: r.datasetLabel,
});

/**
 * The current results: a grid when they carry the ablation section, else a comparison, or a
 * tuning study when `kind` says the shown results are one (the results alone cannot tell).
 */
export const deckRunOfResults = (results: ExperimentResults, kind?: 'comparison' | 'tuning'): DeckRun => ({
  study: results.ablation ? { kind: 'ablation', results } : { kind: kind ?? 'comparison', results },
  name: null,
  config: results.config,
  backend: results.backend,
  createdAt: results.createdAt,
  datasetLabel: null,
});

/** A slide of a deck: its study's slide, the run and its place among the deck's runs. */
export type DeckSlide = StudySlide & {
  readonly run: DeckRun;
  /** 0-based place of the run in the deck, and how many runs the deck has. */
  readonly runIndex: number;
  readonly runCount: number;
};

/** Every run's slides, in the deck's order. */
export function deckSlides(runs: readonly DeckRun[]): DeckSlide[] {
  return runs.flatMap((run, runIndex) =>
    slidesForStudy(run.study).map((s) => ({ ...s, run, runIndex, runCount: runs.length })),
  );
}

/** A run's title: its kind and name ('Ablation grid: nightly grid'); the app's name for unsaved results. */
export function runTitle(run: DeckRun): string {
  return run.name === null ? 'Cold-Start Lab' : `${STUDY_LABEL[run.study.kind]}: ${run.name}`;
}

/** The heading over a slide; a title slide in a deck of several runs says which run it is ('2/3 · …'). */
export function slideHeading(s: DeckSlide): string {
  if (s.slide.kind === 'title')
    return `${s.runCount > 1 ? `${s.runIndex + 1}/${s.runCount} · ` : ''}${runTitle(s.run)}`;
  if (s.slide.kind === 'share') return 'Reproduce this run';
  switch (s.kind) {
    case 'comparison':
    case 'tuning': {
      const { slide, results } = s;
      if (slide.kind === 'table1') return 'Table 1: AP by channel';
      if (slide.kind === 'tuning') return 'Tuning: the recipe each grouping chose on validation';
      if (slide.kind === 'segments')
        return `${SOURCE_LABEL[slide.channel]}: less-streamed and high-stream creators`;
      if (slide.kind === 'tiers')
        return `${SOURCE_LABEL[slide.channel]}: AP change by stream tier (vs ${results.baseline})`;
      if (slide.kind === 'verdicts')
        return `Verdicts against ${results.baseline}: do the differences survive?`;
      if (slide.kind === 'replay') return `Budget replay: i2s change by stream tier (vs ${results.baseline})`;
      return 'Training diagnostics: gradient conflict between heads';
    }
    case 'ablation': {
      const target = s.results.ablation?.target ?? s.results.baseline;
      return s.slide.kind === 'arms'
        ? `Grid of ${target}: each arm against ${FULL_ARM}`
        : `Grid of ${target}: AP change vs ${FULL_ARM}, with 95% intervals`;
    }
    case 'cold-start':
      return s.slide.kind === 'curves'
        ? `New task ${s.results.task}: AP against label budget`
        : `New task ${s.results.task}: AP per budget and method`;
  }
}

/** The link that sets the run's experiment up again (`base`: the app's address without a query). */
export function shareLinkOf(run: DeckRun, base: string): { link: string; dataNote: string | null } {
  const { config, dataNote } = runConfigOf(run.config);
  return { link: shareUrl(base, config), dataNote };
}

/** Under the share link: what opening it does for this kind of study, and where the run trained. */
export function reproduceNote(run: DeckRun): string {
  const what = 'The link holds the configuration (seed included), not the results:';
  const { study } = run;
  if (study.kind === 'ablation')
    return `${what} opening it sets the experiment up again; then start the grid of ${study.results.ablation?.target ?? study.results.baseline} in step 5. This grid trained on ${run.backend}.`;
  if (study.kind === 'cold-start')
    return `${what} opening it sets the experiment up again, with the cold start's task and budgets; then start it in step 6. This study trained on ${run.backend}.`;
  if (study.kind === 'tuning')
    return `${what} opening it sets the tuning study up again, with its budget of ${study.results.tuning?.trials ?? 'n/a'} recipes per grouping; then start it in step 3. This run trained on ${run.backend}.`;
  return `${what} opening it trains again. This run trained on ${run.backend}.`;
}

/** Addresses a run's slides show as text: the dataset's URL when it was loaded from one. */
export function shownAddresses(run: DeckRun): string[] {
  const { data } = runConfigOf(run.config).config;
  const label = run.datasetLabel;
  return [...(data.kind === 'url' ? [data.url] : []), ...(label && /^https?:/i.test(label) ? [label] : [])];
}

/** The export's title: the run's for one run, else how many runs of which kinds. */
export function deckTitle(runs: readonly DeckRun[]): string {
  if (runs.length === 1) return runTitle(runs[0]);
  return `Review deck: ${runs.length} runs (${runs.map((r) => STUDY_LABEL[r.study.kind].toLowerCase()).join(', ')})`;
}

/** The line under the export's title: the runs' kinds and when it was exported (UTC). */
export function deckSubtitle(runs: readonly DeckRun[], now: Date): string {
  const kinds = runs.map((r) => STUDY_LABEL[r.study.kind]).join(', ');
  return `${kinds} · exported from Cold-Start Lab on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** 'cold-start-lab-deck-3-runs-2026-03-03.html', or after the one run's name (or kind) for a report. */
export function deckFileName(runs: readonly DeckRun[], now: Date): string {
  const day = now.toISOString().slice(0, 10);
  const one = runs.length === 1 ? runs[0] : null;
  const what = one
    ? fileSlug(one.name ?? `${STUDY_LABEL[one.study.kind]} report`)
    : `deck-${runs.length}-runs`;
  return `cold-start-lab-${what}-${day}.html`;
}
