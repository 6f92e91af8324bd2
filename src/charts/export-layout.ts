/**
 * Layout arithmetic of an exported chart (pure; tested in Node): the chart's HTML title, legend
 * and notes are redrawn as SVG text around it, so an exported file stands on its own. Text width
 * is estimated (no DOM measuring), with a margin that suits the app's sans-serif font.
 */

/** Average advance of a character of a sans-serif font, as a fraction of the font size. */
const CHAR_WIDTH = 0.58;

export const textWidth = (text: string, fontSize: number): number => text.length * fontSize * CHAR_WIDTH;

/** Splits text into lines of at most `width` px (words kept whole; a longer word gets a line). */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const max = Math.max(1, Math.floor(width / (fontSize * CHAR_WIDTH) + 1e-9)); // 1e-9: float division
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (cur && cur.length + 1 + word.length > max) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

export interface PlacedLegendItem extends LegendItem {
  /** Left of the swatch and the text's baseline. */
  readonly x: number;
  readonly y: number;
}

/** Legend items left to right, wrapping to a new row when the next would pass `width`. */
export function placeLegend(
  items: readonly LegendItem[],
  width: number,
  fontSize: number,
  top: number,
): { readonly items: PlacedLegendItem[]; readonly height: number } {
  const swatch = fontSize;
  const gap = fontSize;
  const rowHeight = Math.round(fontSize * 1.6);
  const placed: PlacedLegendItem[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = swatch + 4 + textWidth(item.label, fontSize);
    if (x > 0 && x + w > width) {
      row++;
      x = 0;
    }
    placed.push({ ...item, x, y: top + row * rowHeight + fontSize });
    x += w + gap;
  }
  return { items: placed, height: items.length === 0 ? 0 : (row + 1) * rowHeight };
}

/** A file name from words: lower case, runs of other characters as one hyphen. */
export function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
