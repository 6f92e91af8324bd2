/**
 * The cold-start panel's texts: what blocks a start, the status line and the settings note (pure;
 * the chart and table are cold-start-view.ts's).
 */
import type { ExperimentConfig } from '../../core/config/experiment';
import { type PhaseReport, phaseText } from '../../core/results/study-results';
import { isActive } from '../../store/selectors';
import type { RunStatus } from '../../store/types';

/** Budgets as the config keeps them: whole percents, ascending, each once. */
export function tidyBudgets(budgets: readonly number[]): number[] {
  return [...new Set(budgets)].sort((a, b) => a - b);
}

/** Why the experiment cannot start now, or null when it can. */
export function coldStartBlocker(s: {
  readonly backend: unknown;
  readonly datasetStatus: string;
  readonly runStatus: string;
  readonly coldStartStatus: RunStatus;
}): string | null {
  if (isActive(s.coldStartStatus)) return 'The cold-start experiment is running.';
  if (s.backend === null) return 'Waiting for the training backend to start.';
  if (s.datasetStatus !== 'ready') return 'Waiting for the dataset (step 1).';
  if (isActive(s.runStatus)) return 'A run is training (step 3); start the cold start when it has finished.';
  return null;
}

/** The status line: what trains now with the share done, or how the last experiment ended. */
export function coldStartStatusText(
  status: RunStatus,
  progress: PhaseReport | null,
  error: string | null,
): string {
  switch (status) {
    case 'idle':
      return 'not started';
    case 'running':
      return progress ? `running: ${phaseText(progress)}` : 'running (waiting for the worker)';
    case 'cancelling':
      return 'cancelling at the next checkpoint…';
    case 'done':
      return 'done';
    case 'cancelled':
      return 'cancelled';
    case 'error':
      return `failed: ${error ?? 'unknown error'}`;
  }
}

/** What the settings mean for this config: the joint model's encoder, and the seeds. */
export function coldStartNote(
  config: Pick<ExperimentConfig, 'encoders' | 'rigor' | 'seed' | 'coldStart'>,
): string {
  const { repeats } = config.rigor;
  const seeds =
    repeats >= 2
      ? `${repeats} training seeds (${config.seed}–${config.seed + repeats - 1}), with 95% intervals`
      : `one training seed (${config.seed}; no interval, which needs 2 or more repeats)`;
  const budgets = config.coldStart.budgets.length;
  return (
    `The joint model is joint-5task with its encoder from step 2 (${config.encoders['joint-5task']}) and ` +
    `the model and training settings there; per seed it trains once without the new task, then ` +
    `scratch and fine-tune train at each of the ${budgets} budget${budgets === 1 ? '' : 's'}. ` +
    `The seeds are step 2's Repeats: ${seeds}.`
  );
}
