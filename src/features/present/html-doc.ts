/**
 * A deck or a single run's report as ONE standalone HTML file (pure; tested in Node): inline
 * style, each slide a <section>, tables as tables, charts as inline SVG, the share links as
 * anchors. No script and nothing that loads: a Content-Security-Policy of default-src 'none'
 * makes the browser refuse any request, and the document is checked for external references
 * before it is handed out. The slides' markup comes from the rendered slides (export-deck.tsx).
 */

export interface HtmlSlide {
  readonly heading: string;
  /** The slide's body as markup, already serialized from the DOM (so its text is escaped). */
  readonly body: string;
  /** What the slide shows ('arms', 'curves', ...), kept as data-kind for readers and tests. */
  readonly kind: string;
}

export interface HtmlDeck {
  readonly title: string;
  /** One line under the title (what the runs are, when it was exported). */
  readonly subtitle: string;
  readonly slides: readonly HtmlSlide[];
  /** The runs' share links: listed at the end, and with `shownAddresses` the only http(s) addresses allowed. */
  readonly shareLinks: readonly string[];
  /** Addresses the slides show as text (a dataset's URL): allowed, never as a source or link. */
  readonly shownAddresses: readonly string[];
  /** The app's own rules the slides' markup names by class (ui/tables.css), inlined as they are. */
  readonly css?: string;
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#eef0f4;color:#1d2330;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.3}
header,footer{max-width:1280px;margin:0 auto;padding:24px 16px 8px}
header h1{margin:0 0 4px;font-size:28px}
header p,footer p{margin:4px 0;color:#5b6475}
.deck-slide{width:1280px;max-width:100%;margin:16px auto;padding:24px 40px;background:#fff;border:1px solid #c5cbd6;border-radius:8px;font-size:20px;overflow:hidden;break-after:page}
.deck-slide>h2{font-size:1.55em;margin:0 0 .5em}
.deck-slide svg{max-width:100%;height:auto}
.deck-slide figure{margin:0}
/* Recharts sized its boxes in px for the page (an inner box of width 0 that overflows): let the plots scale. */
.recharts-responsive-container{height:auto!important}
.recharts-responsive-container>div{width:100%!important}
.recharts-wrapper{max-width:100%;height:auto!important}
a{color:#2457c5;word-break:break-all}
@media print{body{background:#fff}.deck-slide{border:none;margin:0 auto}}
`;

/** Forms a link takes in markup: as is, and with & written &amp; (attribute values and text). */
const linkForms = (links: readonly string[]) => links.flatMap((l) => [l, escapeHtml(l)]);

/**
 * What in `html` could make a browser load something or run code: scripts, event handlers,
 * src/srcset, links and style url()s other than #fragments, @import, and any http(s) or
 * protocol-relative address other than the allowed share links (empty: the file stands alone).
 */
export function externalReferences(html: string, allowedLinks: readonly string[]): string[] {
  let rest = html;
  for (const link of linkForms(allowedLinks).sort((a, b) => b.length - a.length))
    rest = rest.split(link).join('');
  // Attribute patterns look inside tags only, so prose such as "one = two" is not taken for one.
  const inTag = (attr: string) => new RegExp(`<[a-z][^>]*?\\s(?:${attr})\\s*=`, 'gi');
  const patterns: readonly [RegExp, string][] = [
    [/<script\b/gi, 'a script'],
    [inTag('on[a-z]+'), 'an event handler'],
    [inTag('src|srcset|poster|data|action|formaction'), 'a source attribute'],
    [/<[a-z][^>]*?\s(?:href|xlink:href)\s*=\s*["']?(?!["'#])/gi, 'a link to another resource'],
    [/url\(\s*['"]?(?!#)[^)]*\)/gi, 'a url() that is not a #fragment'],
    [/@import\b/gi, 'an @import'],
    [/(?:https?:)?\/\/[^\s"'<>)]+/gi, 'an address'],
  ];
  return patterns.flatMap(([re, what]) => [...rest.matchAll(re)].map((m) => `${what}: ${m[0].trim()}`));
}

/** The whole document; throws if anything in it could load from the network or run a script. */
export function deckHtml(deck: HtmlDeck): string {
  const sections = deck.slides.map(
    (s, i) =>
      `<section class="deck-slide" id="slide-${i + 1}" data-kind="${escapeHtml(s.kind)}">\n` +
      `<h2>${escapeHtml(s.heading)}</h2>\n${s.body}\n</section>`,
  );
  const links = deck.shareLinks.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(deck.title)}</title>
<style>${STYLE}${deck.css ?? ''}</style>
</head>
<body>
<header>
<h1>${escapeHtml(deck.title)}</h1>
<p>${escapeHtml(deck.subtitle)}</p>
</header>
<main>
${sections.join('\n')}
</main>
<footer>
<p>Links that set each run's experiment up again in Cold-Start Lab (they train again; results are not in them):</p>
<ul>${links.join('')}</ul>
<p>A standalone file: no scripts, nothing loaded from the network.</p>
</footer>
</body>
</html>
`;
  const problems = externalReferences(html, [...deck.shareLinks, ...deck.shownAddresses]);
  if (problems.length > 0)
    throw new Error(`The export is not standalone: ${problems.slice(0, 3).join('; ')}`);
  return html;
}
