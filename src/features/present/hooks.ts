/** Sizes the slides follow: the viewport, and the box a chart has to fill. */
import { type RefObject, useEffect, useState } from 'react';

const readViewport = () => ({ width: window.innerWidth, height: window.innerHeight });

/** The window's inner size, kept current on resize (and on entering or leaving full screen). */
export function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState(readViewport);
  useEffect(() => {
    const onResize = () => setSize(readViewport());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** An element's content size, kept current by a ResizeObserver (0 x 0 until measured). */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** Asks the browser for full screen; call within a click (browsers require a user gesture). Refused or missing is fine. */
export function requestFullscreen(): void {
  document.documentElement.requestFullscreen?.().catch(() => {});
}
