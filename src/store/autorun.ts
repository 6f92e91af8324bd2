/**
 * `autorun=1`: start the link's study (config.study: a comparison, tuning, an ablation grid, a cold
 * start) once, as soon as the backend and the dataset are ready and nothing blocks it (for a
 * comparison, the moment selectCanStart first holds). When that moment cannot come (no backend,
 * the link's dataset failed to load) or Start is blocked, a notice says why instead, also
 * exactly once.
 */
import type { StoreApi } from 'zustand';
import { comparesGroupings } from '../core/results/study-results';
import { selectCanStart, studyBlockersOf } from './selectors';
import type { AppState } from './types';

export type AutorunVerdict =
  | { readonly act: 'wait' }
  | { readonly act: 'start' }
  | { readonly act: 'stop'; readonly why: string | null };

const WAIT: AutorunVerdict = { act: 'wait' };
const PREFIX = 'The link asked to start the run on open, but';

/** Why the link's study cannot start on a ready dataset (selectCanStart's conditions, in words). */
function blockers(s: AppState): string[] {
  if (!comparesGroupings(s.config.study.kind)) return studyBlockersOf(s);
  const { groupings, baseline } = s.config;
  if (groupings.length === 0) return ['no grouping is ticked'];
  const out = groupings.includes(baseline) ? [] : [`the baseline ${baseline} is not ticked`];
  return [...out, ...studyBlockersOf(s)];
}

/** What autorun should do in state `s`: keep waiting, start now, or give up (saying why, or not). */
export function autorunVerdict(s: AppState): AutorunVerdict {
  if (s.backendError) return { act: 'stop', why: `${PREFIX} no training backend could start.` };
  if (s.loadStatus === 'failed' || s.loadStatus === 'cancelled')
    return {
      act: 'stop',
      why: `${PREFIX} its dataset could not be loaded (see 1. Dataset), so nothing was started.`,
    };
  if (s.datasetStatus === 'error') return { act: 'stop', why: `${PREFIX} the dataset could not be built.` };
  // The user started (or cancelled) a run by hand before everything was ready: nothing to add.
  if (s.runStatus !== 'idle') return { act: 'stop', why: null };
  if (s.loadStatus === 'loading' || s.loadStatus === 'cancelling') return WAIT;
  if (s.backend === null || s.datasetStatus !== 'ready') return WAIT;
  const ready = comparesGroupings(s.config.study.kind) ? selectCanStart(s) : blockers(s).length === 0;
  if (ready) return { act: 'start' };
  return { act: 'stop', why: `${PREFIX} Start is blocked: ${blockers(s).join(' ')}` };
}

/**
 * Watches the store until autorun starts the run or gives up, then stops watching. `refused`:
 * the link itself is why it must not start (the notice is added at once).
 */
export function watchAutorun(api: StoreApi<AppState>, refused: string | null = null): () => void {
  if (refused !== null) {
    api.getState().addNotices([refused]);
    return () => {};
  }
  let settled = false;
  let unsubscribe = () => {};
  const check = (s: AppState) => {
    if (settled) return;
    const verdict = autorunVerdict(s);
    if (verdict.act === 'wait') return;
    settled = true; // before acting: startStudy changes the store and calls back here
    unsubscribe();
    if (verdict.act === 'start') s.startStudy(s.config.study.kind);
    else if (verdict.why) s.addNotices([verdict.why]);
  };
  unsubscribe = api.subscribe(check);
  check(api.getState());
  return () => {
    settled = true;
    unsubscribe();
  };
}
