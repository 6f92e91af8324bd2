/**
 * What the Share popover says about the study and the dataset in the link, as pure functions of
 * the config (tested in Node).
 */
import type { ExperimentConfig } from '../../core/config/experiment';

/** Which study the link opens (and runs, with autorun=1), in words. */
export function studyNote(config: ExperimentConfig): string {
  const { kind, ablate, arms } = config.study;
  switch (kind) {
    case 'comparison':
      return `The link opens the comparison of ${config.groupings.join(', ')} against ${config.baseline}.`;
    case 'ablation':
      return `The link opens the ablation grid of ${ablate} with ${arms.length > 0 ? `the arms ${arms.join(', ')}` : 'every arm'}.`;
    case 'cold-start':
      return `The link opens the cold start of ${config.coldStart.task} as a new objective at ${config.coldStart.budgets.join(', ')}% of its labels.`;
    case 'tuning':
      return `The link opens tuning: ${config.rigor.tune} recipes per grouping, the same for ${config.groupings.join(', ')}, chosen on validation, then their comparison against ${config.baseline}.`;
  }
}

/** How the link carries the dataset: the simulator's settings, a URL, or not at all (a local file). */
export function dataNote(config: ExperimentConfig): { readonly text: string; readonly warn: boolean } {
  switch (config.data.kind) {
    case 'sim':
      return {
        text: 'The simulator settings and the seed are in the link, so the same data is rebuilt.',
        warn: false,
      };
    case 'url':
      return {
        text: 'The dataset URL is in the link; the receiver’s browser fetches it from there.',
        warn: false,
      };
    case 'file':
      return {
        text: `Your dataset is the local file ${config.data.name}, which a link cannot carry: the link names it, and whoever opens the link must open that file too.`,
        warn: true,
      };
  }
}
