/**
 * A rendered chart as a standalone SVG file, and that SVG as a 2x PNG. Recharts draws the plot in
 * SVG but its legend, and our title and notes, are HTML, and some of its look comes from the
 * page's CSS (the font above all): the export copies the plot with its computed styles inlined
 * and redraws title, legend and notes as SVG text, so the file looks the same anywhere.
 */
import { type LegendItem, placeLegend, wrapText } from './export-layout';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Presentation properties copied from the computed style (what the page's CSS may decide). */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
] as const;
/** Parts of a live chart that are interaction state, not the figure. */
const DROP = '.recharts-tooltip-cursor, .recharts-active-bar, .recharts-tooltip-wrapper';

export interface ChartExportMeta {
  readonly title: string;
  readonly legend: readonly LegendItem[];
  /** Lines under the chart (what the bars mean, undefined cells). */
  readonly notes: readonly string[];
}

/**
 * The plot's own <svg> inside a chart's container (not a legend icon, which is an svg too): a
 * Recharts chart's, else a plain SVG figure's top-level one (the heat map).
 */
export function findChartSvg(container: Element): SVGSVGElement | null {
  return (
    container.querySelector<SVGSVGElement>('.recharts-wrapper > svg') ??
    container.querySelector<SVGSVGElement>(':scope > svg')
  );
}

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  if (cs.display === 'none' || cs.visibility === 'hidden') {
    dst.remove();
    return;
  }
  dst.setAttribute('style', STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
  dst.removeAttribute('class');
  // Walk from the end so removing a child does not shift the ones still to visit.
  for (let i = src.children.length - 1; i >= 0; i--) inlineStyles(src.children[i], dst.children[i]);
}

function text(x: number, y: number, content: string, size: number, attrs: Record<string, string> = {}) {
  const t = document.createElementNS(SVG_NS, 'text');
  for (const [k, v] of Object.entries({ x: String(x), y: String(y), 'font-size': String(size), ...attrs }))
    t.setAttribute(k, v);
  t.textContent = content; // textContent: the serializer escapes <, & and quotes
  return t;
}

/**
 * A copy of a drawn plot that looks the same outside the page: computed styles inlined (classes
 * dropped), interaction state (tooltip, cursor, active bar) left out.
 */
export function standalonePlot(plot: SVGSVGElement): SVGSVGElement {
  const copy = plot.cloneNode(true) as SVGSVGElement;
  inlineStyles(plot, copy);
  for (const el of copy.querySelectorAll(DROP)) el.remove();
  return copy;
}

/** The chart as SVG text with title, legend and notes around the plot; its size in px. */
export function chartSvg(
  plot: SVGSVGElement,
  meta: ChartExportMeta,
): { svg: string; width: number; height: number } {
  const box = plot.getBoundingClientRect();
  const w = Math.round(box.width);
  // Recharts leaves the top of the plot empty under its HTML legend; the legend is redrawn
  // above, so that band is cut off (at most a third of the plot, should the legend sit elsewhere).
  const legendEl = plot.parentElement?.querySelector('.recharts-legend-wrapper');
  // 12px of it stay: the top tick label reaches half a line above the plot area.
  const band = legendEl ? legendEl.getBoundingClientRect().bottom - box.top - 12 : 0;
  const cut = Math.round(Math.min(Math.max(0, band), box.height / 3));
  const h = Math.round(box.height) - cut;
  const font = getComputedStyle(plot).fontFamily || 'sans-serif';
  const pad = 16;
  const inner = w - 2 * pad;
  const legend = placeLegend(meta.legend, inner, 12, 36);
  const top = 36 + legend.height + 8;
  const notes = meta.notes.flatMap((n) => wrapText(n, inner, 11));
  const width = w;
  const height = top + h + 8 + notes.length * 15 + pad;

  const out = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({
    width: String(width),
    height: String(height),
    viewBox: `0 0 ${width} ${height}`,
    'font-family': font,
  }))
    out.setAttribute(k, v);
  const bg = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ width: '100%', height: '100%', fill: '#ffffff' }))
    bg.setAttribute(k, v);
  out.append(bg, text(pad, 24, meta.title, 16, { 'font-weight': '600', fill: '#1d2330' }));
  for (const item of legend.items) {
    const swatch = document.createElementNS(SVG_NS, 'rect');
    const attrs = {
      x: String(pad + item.x),
      y: String(item.y - 10),
      width: '12',
      height: '12',
      fill: item.color,
    };
    for (const [k, v] of Object.entries(attrs)) swatch.setAttribute(k, v);
    out.append(swatch, text(pad + item.x + 16, item.y, item.label, 12, { fill: item.color }));
  }
  const copy = standalonePlot(plot);
  for (const [k, v] of Object.entries({ x: '0', y: String(top), width: String(w), height: String(h) }))
    copy.setAttribute(k, v);
  // The copy shows the plot's own coordinates: a figure drawn scaled to fit (the heat map's
  // viewBox is wider than the page gives it) keeps its viewBox; Recharts' is its size in px.
  const vb = plot.viewBox?.baseVal;
  const own = vb && vb.width > 0 && vb.height > 0;
  const [sx, sy] = own ? [vb.width / box.width, vb.height / box.height] : [1, 1];
  const [x0, y0] = own ? [vb.x, vb.y] : [0, 0];
  copy.setAttribute('viewBox', `${x0} ${y0 + cut * sy} ${w * sx} ${h * sy}`);
  out.append(copy);
  notes.forEach((line, i) => out.append(text(pad, top + h + 8 + 11 + i * 15, line, 11, { fill: '#444' })));
  const xml = new XMLSerializer().serializeToString(out);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`, width, height };
}

/** Renders SVG text to a PNG at `scale` times its size, on white (an Image from a Blob URL). */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image(width, height);
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gives no 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
