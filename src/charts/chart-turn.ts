/**
 * Charts take turns to mount, one per main-thread task. Mounting a Recharts chart costs tens to
 * hundreds of milliseconds on a slow machine (its store settles in a cascade of synchronous
 * re-renders), so a view that shows several at once (the results: replay, PR and tier charts)
 * made one task of over half a second when a run finished. A chart waiting for its turn draws a
 * blank box of its height (chart-wait.tsx); only the first mount waits, never an update.
 */
import { startTransition, useEffect, useState } from 'react';

const queue: (() => void)[] = [];
/** A chart was given its turn and has not committed yet. */
let busy = false;
let pending = false;

function schedule(): void {
  if (busy || pending || queue.length === 0) return;
  pending = true;
  // A macrotask: the browser paints and handles input between two charts.
  setTimeout(() => {
    pending = false;
    const next = busy ? undefined : queue.shift();
    if (!next) return;
    busy = true;
    next();
  }, 0);
}

function release(): void {
  busy = false;
  schedule();
}

/** False until this chart's turn to mount; then true for good. */
export function useChartTurn(): boolean {
  const [turn, setTurn] = useState(false);
  useEffect(() => {
    if (turn) return;
    // A transition: the mount's render phase yields to the browser; its commit cannot.
    const ticket = () => startTransition(() => setTurn(true));
    queue.push(ticket);
    schedule();
    return () => {
      const i = queue.indexOf(ticket);
      if (i >= 0) queue.splice(i, 1);
      // Given the turn: it has now committed (or unmounted), so the next chart may go.
      else release();
    };
  }, [turn]);
  return turn;
}
