/**
 * Pure helpers of the run panel (tested in Node; the components stay thin).
 */
import { GROUPINGS } from '../../core/config/groupings';
import { formatDuration } from '../../core/format/duration';
import type { AppState, GroupingProgress } from '../../store/types';

/** Share of this grouping's training steps done, in percent 0..100 with one decimal (done = 100). */
export function progressPercent(p: GroupingProgress): number {
  if (p.state === 'done') return 100;
  if (p.state === 'waiting' || p.stepsPerEpoch <= 0 || p.maxEpochs <= 0) return 0;
  const done = (p.epoch - 1) * p.stepsPerEpoch + p.step;
  const pct = (100 * done) / (p.maxEpochs * p.stepsPerEpoch);
  return Math.round(Math.min(100, Math.max(0, pct)) * 10) / 10;
}

/** The line under a progress bar: where the grouping is and how long it has left. */
export function progressText(p: GroupingProgress): string {
  if (p.state === 'waiting') return 'waiting';
  if (p.state === 'done') return `done in ${formatDuration(p.elapsedMs)}`;
  const steps = p.stepsPerEpoch > 0 ? `step ${p.step}/${p.stepsPerEpoch}` : 'starting';
  const left = p.etaMs === null ? 'time left not yet known' : `${formatDuration(p.etaMs)} left`;
  return `epoch ${p.epoch}/${p.maxEpochs} · ${steps} · ${left}`;
}

/** The grouping whose live loss to show: the one training now, else the last one that trained. */
export function activeGrouping(list: readonly GroupingProgress[]): string | null {
  const training = list.find((p) => p.state === 'training');
  if (training) return training.grouping;
  const done = list.filter((p) => p.state === 'done');
  return done.length > 0 ? done[done.length - 1].grouping : null;
}

/** A grouping's display name: the preset's label, or the id itself for user-defined groupings. */
export function groupingLabel(id: string): string {
  return id in GROUPINGS ? GROUPINGS[id as keyof typeof GROUPINGS].label : id;
}

/**
 * Which training seeds are training: 'seed 2 of 3', or with repeats at once the ones training
 * together from the current one, 'seeds 1-2 of 2 at once' (the helpers' seeds are not reported
 * one by one).
 */
export function repeatText({ index, of, atOnce = 1 }: AppState['runRepeat']): string {
  const last = Math.min(of, index + atOnce);
  return last > index + 1 ? `seeds ${index + 1}–${last} of ${of} at once` : `seed ${index + 1} of ${of}`;
}
