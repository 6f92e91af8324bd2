/**
 * What the title slide of an ablation grid or a cold start says (pure; tested in Node): the
 * question the study answers, then one line each on what was compared, over how many seeds, on
 * which data, and where and when it trained. (A comparison's title: titleFacts in slides.ts.)
 */
import { FULL_ARM } from '../../core/config/ablation';
import type { ColdStartResults } from '../../core/results/cold-start-types';
import type { ExperimentResults } from '../../core/results/results-types';
import type { DeckRun } from './deck';
import { titleFacts } from './slides';

export interface TitleFacts {
  readonly question: string;
  readonly lines: readonly { readonly label: string; readonly text: string }[];
}

const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/** 'Trained on wasm, 2026-03-02' */
export const runLine = (run: DeckRun): string => `Trained on ${run.backend}, ${run.createdAt.slice(0, 10)}`;

export function ablationTitleFacts(results: ExperimentResults, run: DeckRun): TitleFacts {
  const target = results.ablation?.target ?? results.baseline;
  const arms = (results.ablation?.arms ?? []).filter((a) => a.id !== FULL_ARM);
  const skipped = results.ablation?.skipped ?? [];
  const seeds = results.rigor?.seeds ?? [];
  const resamples = results.rigor?.bootstrapResamples ?? 0;
  const repeats =
    seeds.length > 1
      ? `mean over ${count(seeds.length, 'training seed')} (${seeds.join(', ')}), 95% t interval`
      : 'one training seed (no interval over seeds)';
  const boot =
    resamples > 0 ? `; paired bootstrap over the test rows, ${resamples} resamples` : '; bootstrap off';
  return {
    question: `Which part of ${target} earns its average precision?`,
    lines: [
      {
        label: 'Arms',
        text: `${count(arms.length, 'change')} against ${FULL_ARM} (the unchanged ${target}): ${arms.map((a) => `${a.id} (${a.change})`).join(', ')}`,
      },
      { label: 'Repeats', text: `${repeats}${boot}` },
      ...(skipped.length > 0
        ? [{ label: 'Not in the grid', text: skipped.map((s) => `${s.change} (${s.reason})`).join('; ') }]
        : []),
      { label: 'Data', text: titleFacts(results).data },
      { label: 'Run', text: runLine(run) },
    ],
  };
}

export function coldStartTitleFacts(results: ColdStartResults, run: DeckRun): TitleFacts {
  const { task, seeds } = results;
  return {
    question: `How well does a new objective, ${task}, start with few labels?`,
    lines: [
      {
        label: 'New task',
        text: `${task}, labelled on ${results.sources.join(' and ')} rows; ${count(results.testRows, 'test row')} (${results.testPositives.toLocaleString('en-US')} positive)`,
      },
      {
        label: 'Compared',
        text: `a model trained from scratch on the kept labels; the joint model (${results.encoder}) trained without ${task}, its ${results.nearestHead} head applied directly; that model fine-tuned on the kept labels`,
      },
      {
        label: 'Budgets',
        text: `${results.budgets.map((b) => `${b}%`).join(', ')} of the task's training labels; ${count(seeds.length, 'training seed')} (${seeds.join(', ')})`,
      },
      { label: 'Data', text: run.datasetLabel ?? 'not recorded' },
      { label: 'Run', text: runLine(run) },
    ],
  };
}
