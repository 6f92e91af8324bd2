/**
 * Presentation mode: full-screen slides, one table or chart each, in large type, driven by the
 * keyboard (slides.ts). It shows the current results (the "Present" button here), one run of
 * History or the review deck (DeckBuilder.tsx), as the store's `presenting` says. Full screen
 * is asked of the browser but not needed: the overlay covers the window either way.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore } from '../../store';
import { recordsOf } from '../../store/deck-slice';
import { selectResults } from '../../store/selectors';
import { type DeckRun, deckRunOfRecord, deckRunOfResults, deckSlides, slideHeading } from './deck';
import { ExportHtmlButton } from './ExportHtmlButton';
import { requestFullscreen, useViewport } from './hooks';
import { SlideBody } from './SlideBody';
import { keyAction, slideFontPx, step } from './slides';
import { body, footer, navButton, overlay, primaryButton, slideTitle } from './styles';

function Presentation({ runs, onClose }: { runs: readonly DeckRun[]; onClose: () => void }) {
  const [index, setIndex] = useState(0);
  const { width, height } = useViewport();
  const fontPx = slideFontPx(width, height);
  const root = useRef<HTMLDivElement>(null);
  const slides = useMemo(() => deckSlides(runs), [runs]);
  const count = slides.length;
  const go = useCallback(
    (action: Parameters<typeof step>[1]) => setIndex((i) => step(i, action, count)),
    [count],
  );
  // Focus goes back to the deck after a click, so a later Space moves one slide, not also "clicks" again.
  const click = (action: 'next' | 'prev') => {
    go(action);
    root.current?.focus();
  };

  useEffect(() => {
    // The control that opened the show gets the focus back when it ends.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    root.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      const action = keyAction(e.key);
      if (action === null || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault(); // Space and PageDown would otherwise scroll the page underneath
      if (action === 'exit') onClose();
      else go(action);
    };
    // Esc in full screen is taken by the browser to leave full screen: leaving it ends the show too.
    const onFullscreen = () => {
      if (!document.fullscreenElement) onClose();
    };
    const scroll = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      document.body.style.overflow = scroll;
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      opener?.focus();
    };
  }, [go, onClose]);

  const slide = slides[Math.min(index, count - 1)];
  return (
    <div
      ref={root}
      role="dialog"
      aria-modal="true"
      aria-label="Presentation of the results"
      tabIndex={-1}
      data-testid="presentation"
      data-slide={index + 1}
      data-study={slide.kind}
      data-slide-kind={slide.slide.kind}
      style={{ ...overlay, fontSize: `${fontPx}px`, outline: 'none' }}
    >
      <h2 style={slideTitle} data-testid="slide-title">
        {slideHeading(slide)}
      </h2>
      <div style={body}>
        <SlideBody slide={slide} fontPx={fontPx} />
      </div>
      <div style={footer}>
        <button type="button" style={navButton} onClick={() => click('prev')} disabled={index === 0}>
          ← Previous
        </button>
        <button type="button" style={navButton} onClick={() => click('next')} disabled={index === count - 1}>
          Next →
        </button>
        <span>Keys: → Space PageDown · ← PageUp · Home End · Esc exits</span>
        <span style={{ marginLeft: 'auto', fontWeight: 700 }} data-testid="slide-counter">
          {index + 1} / {count}
        </span>
        <ExportHtmlButton runs={runs} label="Export HTML" testId="present-export-html" style={navButton} />
        <button type="button" style={navButton} onClick={onClose}>
          Exit
        </button>
      </div>
    </div>
  );
}

/** The runs presentation mode shows now (none when it is closed). */
function usePresentedRuns(): readonly DeckRun[] {
  const presenting = useAppStore((s) => s.presenting);
  const results = useAppStore(selectResults);
  const resultsKind = useAppStore((s) => s.resultsKind);
  const history = useAppStore((s) => s.historyRuns);
  return useMemo(() => {
    if (presenting?.kind === 'current') return results ? [deckRunOfResults(results, resultsKind)] : [];
    if (presenting?.kind === 'runs') return recordsOf(history, presenting.ids).map(deckRunOfRecord);
    return [];
  }, [presenting, results, resultsKind, history]);
}

export function PresentMode() {
  const results = useAppStore(selectResults);
  const presentCurrent = useAppStore((s) => s.presentCurrent);
  const endPresentation = useAppStore((s) => s.endPresentation);
  const runs = usePresentedRuns();
  const presenting = useAppStore((s) => s.presenting);
  const close = useCallback(() => {
    endPresentation();
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }, [endPresentation]);
  // What was shown is gone (results cleared, runs deleted): the show ends rather than coming back later.
  useEffect(() => {
    if (presenting !== null && runs.length === 0) close();
  }, [presenting, runs, close]);
  const start = () => {
    requestFullscreen();
    presentCurrent();
  };
  return (
    <>
      {results && (
        <button
          type="button"
          onClick={start}
          data-testid="present-open"
          style={{ ...primaryButton, marginBottom: 12 }}
        >
          Present (full screen slides)
        </button>
      )}
      {runs.length > 0 && createPortal(<Presentation runs={runs} onClose={close} />, document.body)}
    </>
  );
}
