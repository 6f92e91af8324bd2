/**
 * A deck (or one run) as one standalone HTML file. Each slide is rendered off screen at a
 * projector's size (1280x720), its charts are awaited (they mount in turns and measure their
 * box), then its markup is copied: every Recharts plot replaced by a copy with its computed
 * styles inlined (charts/export-chart.ts), and anything that could load or run (scripts, event
 * handlers, sources, outside links, tooltips) removed. html-doc.ts assembles and checks the file.
 */
import { createRoot } from 'react-dom/client';
import { findChartSvg, standalonePlot } from '../../charts/export-chart';
import { browserDownload } from '../../store/download';
import {
  type DeckRun,
  type DeckSlide,
  deckFileName,
  deckSlides,
  deckSubtitle,
  deckTitle,
  shareLinkOf,
  shownAddresses,
  slideHeading,
} from './deck';
import { deckHtml } from './html-doc';
import { SlideBody } from './SlideBody';
import { appBase } from './SlideViews';
import { chartsOn } from './study-slides';
import { body, overlay, slideTitle } from './styles';
import TABLES_CSS from '../../ui/tables.css?raw';

const WIDTH = 1280;
const HEIGHT = 720;
const FONT_PX = 20;
/** How long the charts of a whole deck may take to draw before the export gives up. */
const DRAW_TIMEOUT_MS = 30_000;

/** The overlay's layout at a fixed size (its padding in px, not the viewport's vw and vh). */
const frame = {
  ...overlay,
  position: 'relative',
  inset: 'auto',
  zIndex: 'auto',
  width: WIDTH,
  height: HEIGHT,
  padding: '24px 40px',
} as const;

function Frames({ slides }: { slides: readonly DeckSlide[] }) {
  return slides.map((s, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the slides never reorder while rendered
    <div key={i} data-export-slide={i} style={{ ...frame, fontSize: FONT_PX }}>
      <h2 style={slideTitle}>{slideHeading(s)}</h2>
      <div data-export-body="" style={body}>
        <SlideBody slide={s} fontPx={FONT_PX} />
      </div>
    </div>
  ));
}

const pause = () => new Promise((r) => setTimeout(r, 50));

/** Charts drawn in a slide: its chart figures that hold a plot with a size. */
function drawnCharts(slide: Element): number {
  return [...slide.querySelectorAll('[data-testid^="slide-chart"]')].filter((fig) => {
    const svg = findChartSvg(fig) ?? fig.querySelector('svg');
    return svg !== null && svg.getBoundingClientRect().width > 0;
  }).length;
}

/** Waits until every slide has drawn all its charts and nothing changed since the last look. */
async function whenDrawn(host: Element, slides: readonly DeckSlide[]): Promise<HTMLElement[]> {
  const start = performance.now();
  let last = '';
  for (;;) {
    await pause();
    const frames = [...host.querySelectorAll<HTMLElement>('[data-export-body]')];
    const ready =
      frames.length === slides.length && frames.every((f, i) => drawnCharts(f) >= chartsOn(slides[i]));
    const now = ready ? frames.map((f) => f.innerHTML.length).join(',') : '';
    if (ready && now === last) return frames;
    last = now;
    if (performance.now() - start > DRAW_TIMEOUT_MS)
      throw new Error('the charts did not finish drawing; try again with fewer runs');
  }
}

const DROP = 'script, link, iframe, object, embed, img, video, audio, .recharts-tooltip-wrapper';

/** Removes what could load or run (elements, event handlers, sources, namespaces, outside links) and focus stops. */
function sanitize(root: Element, allowedLinks: readonly string[]): void {
  for (const el of root.querySelectorAll(DROP)) el.remove();
  for (const el of root.querySelectorAll('*'))
    for (const { name, value } of [...el.attributes]) {
      const n = name.toLowerCase();
      const link = n === 'href' || n === 'xlink:href';
      if (
        /^(on|xmlns)|^(src|srcset|tabindex)$/.test(n) ||
        (link && !value.startsWith('#') && !allowedLinks.includes(value))
      )
        el.removeAttribute(name);
    }
}

/** A slide's body as standalone markup. */
function slideMarkup(slide: HTMLElement, allowedLinks: readonly string[]): string {
  const copy = slide.cloneNode(true) as HTMLElement;
  const slots = copy.querySelectorAll('.recharts-wrapper > svg');
  slide.querySelectorAll<SVGSVGElement>('.recharts-wrapper > svg').forEach((plot, i) => {
    const plain = standalonePlot(plot);
    const { width, height } = plot.getBoundingClientRect();
    if (!plain.hasAttribute('viewBox'))
      plain.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
    slots[i]?.replaceWith(plain);
  });
  sanitize(copy, allowedLinks);
  return copy.innerHTML;
}

/** The standalone HTML of these runs' slides, in order. */
export async function deckDocument(runs: readonly DeckRun[], now: Date): Promise<string> {
  const slides = deckSlides(runs);
  const shareLinks = runs.map((r) => shareLinkOf(r, appBase()).link);
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.style.cssText = `position:fixed;left:-${4 * WIDTH}px;top:0;width:${WIDTH}px;pointer-events:none`;
  document.body.append(host);
  const root = createRoot(host);
  try {
    root.render(<Frames slides={slides} />);
    const frames = await whenDrawn(host, slides);
    return deckHtml({
      title: deckTitle(runs),
      subtitle: deckSubtitle(runs, now),
      slides: slides.map((s, i) => ({
        heading: slideHeading(s),
        body: slideMarkup(frames[i], shareLinks),
        kind: `${s.kind}:${s.slide.kind}`,
      })),
      shareLinks,
      shownAddresses: runs.flatMap(shownAddresses),
      css: TABLES_CSS,
    });
  } finally {
    root.unmount();
    host.remove();
  }
}

/** Builds the file and hands it to the browser as a download. */
export async function exportDeckHtml(runs: readonly DeckRun[]): Promise<void> {
  const now = new Date();
  const html = await deckDocument(runs, now);
  browserDownload(deckFileName(runs, now), new Blob([html], { type: 'text/html;charset=utf-8' }));
}
