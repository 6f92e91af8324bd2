/**
 * A value that follows `value` at most once per `ms`, always ending on the latest one. The live
 * loss curve grows on every progress event (several a second) and each redraw of a Recharts
 * chart is a main-thread task of tens of milliseconds on a slow machine, so redrawing at every
 * event kept the main thread busy in back-to-back long tasks; the final curve is unchanged.
 * Store updates render synchronously (useSyncExternalStore), this one as a yielding transition.
 * A new `key` (another grouping's curve) is shown at once, never the old curve under a new title.
 */
import { startTransition, useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number, key: unknown = null): T {
  const [shown, setShown] = useState({ value, key });
  const last = useRef(0);
  if (!Object.is(shown.key, key)) setShown({ value, key });
  useEffect(() => {
    if (Object.is(value, shown.value) || !Object.is(key, shown.key)) return;
    const show = () => {
      last.current = Date.now();
      // A transition: React renders the redraw in slices, yielding to the browser in between.
      startTransition(() => setShown({ value, key }));
    };
    const wait = last.current + ms - Date.now();
    if (wait <= 0) {
      show();
      return;
    }
    const id = setTimeout(show, wait);
    return () => clearTimeout(id);
  }, [value, key, shown, ms]);
  return Object.is(shown.key, key) ? shown.value : value;
}
