/**
 * What the Share popover says about the dataset in the link, as a pure function of the config
 * (tested in Node).
 */
import type { ExperimentConfig } from '../../core/config/experiment';

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
