/**
 * Presentation mode: a "Present" button that opens the results as full-screen slides, one table
 * or chart each, in large type, driven by the keyboard (slides.ts). Full screen is asked of the
 * browser but not needed: the overlay covers the window either way.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { SOURCE_LABEL } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/metrics/results-types';
import { useAppStore } from '../../store';
import { selectResults } from '../../store/selectors';
import { useViewport } from './hooks';
import { SegmentSlide, Table1Slide } from './SlideTables';
import { ReplaySlide } from './ReplaySlide';
import { ShareSlide, TierSlide, TitleSlide } from './SlideViews';
import { keyAction, type Slide, slideFontPx, slidesFor, step } from './slides';
import { body, footer, navButton, overlay, slideTitle } from './styles';

function slideHeading(slide: Slide, results: ExperimentResults): string {
  switch (slide.kind) {
    case 'title':
      return 'Cold-Start Lab';
    case 'table1':
      return 'Table 1: AP by channel';
    case 'segments':
      return `${SOURCE_LABEL[slide.channel]}: less-streamed and high-stream creators`;
    case 'tiers':
      return `${SOURCE_LABEL[slide.channel]}: AP change by stream tier (vs ${results.baseline})`;
    case 'replay':
      return `Budget replay: i2s change by stream tier (vs ${results.baseline})`;
    case 'share':
      return 'Reproduce this run';
  }
}

function SlideBody({ slide, results, fontPx }: { slide: Slide; results: ExperimentResults; fontPx: number }) {
  switch (slide.kind) {
    case 'title':
      return <TitleSlide results={results} />;
    case 'table1':
      return <Table1Slide results={results} />;
    case 'segments':
      return <SegmentSlide results={results} channel={slide.channel} />;
    case 'tiers':
      return <TierSlide results={results} channel={slide.channel} fontPx={fontPx} />;
    case 'replay':
      return <ReplaySlide results={results} fontPx={fontPx} />;
    case 'share':
      return <ShareSlide results={results} />;
  }
}

function Presentation({ results, onClose }: { results: ExperimentResults; onClose: () => void }) {
  const [index, setIndex] = useState(0);
  const { width, height } = useViewport();
  const fontPx = slideFontPx(width, height);
  const root = useRef<HTMLDivElement>(null);
  const slides = slidesFor(results);
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
      style={{ ...overlay, fontSize: `${fontPx}px`, outline: 'none' }}
    >
      <h2 style={slideTitle}>{slideHeading(slide, results)}</h2>
      <div style={body}>
        <SlideBody slide={slide} results={results} fontPx={fontPx} />
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
        <button type="button" style={navButton} onClick={onClose}>
          Exit
        </button>
      </div>
    </div>
  );
}

export function PresentMode() {
  const results = useAppStore(selectResults);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    button.current?.focus();
  }, []);
  if (!results) return null;
  const start = () => {
    // Asked within the click (browsers require a user gesture); refused or missing is fine.
    document.documentElement.requestFullscreen?.().catch(() => {});
    setOpen(true);
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={start}
        data-testid="present-open"
        style={{
          font: 'inherit',
          padding: '6px 16px',
          border: '1px solid #2457c5',
          borderRadius: 6,
          background: '#2457c5',
          color: '#fff',
          cursor: 'pointer',
          marginBottom: 12,
        }}
      >
        Present (full screen slides)
      </button>
      {open && createPortal(<Presentation results={results} onClose={close} />, document.body)}
    </>
  );
}
