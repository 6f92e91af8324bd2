/**
 * How many of a view's `total` sections to draw: 1 at first, then one more per task until all
 * are. Mounting every results section at once (tables, the replay, PR and tier charts: each
 * Recharts chart costs tens of milliseconds to mount) made one main-thread task of over half a
 * second when a run finished; one section per task keeps each task short. Starts again at 1 when
 * `key` changes (a new result set), not when the same results are updated (a replay).
 */
import { startTransition, useEffect, useState } from 'react';

export function useStages(total: number, key: unknown): number {
  const [state, setState] = useState({ key, shown: 1 });
  const shown = Object.is(state.key, key) ? state.shown : 1;
  if (!Object.is(state.key, key)) setState({ key, shown: 1 });
  useEffect(() => {
    if (shown >= total) return;
    const next = () => setState((s) => (Object.is(s.key, key) ? { key, shown: s.shown + 1 } : s));
    // A macrotask, so the browser can paint and handle input between sections, and a transition,
    // so React renders the section in slices.
    const id = setTimeout(() => startTransition(next), 0);
    return () => clearTimeout(id);
  }, [shown, total, key]);
  return Math.min(shown, total);
}
