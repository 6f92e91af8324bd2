import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { deckFixtureRecords } from '../../store/deck-fixture';
import { ArmsSlide } from './AblationSlides';
import { ColdStartTableSlide } from './ColdStartSlides';
import { deckHtml, escapeHtml, externalReferences, type HtmlDeck } from './html-doc';

const [cold, grid] = deckFixtureRecords();
const SHARE = 'https://lab.example/?v=2&seed=7&groupings=promo-mtl,joint-5task';
/** A plot as the export writes it: inline SVG, clip paths by #fragment. */
const SVG =
  '<svg width="400" height="200" viewBox="0 0 400 200"><defs><clipPath id="c1"><rect width="400" height="200"></rect></clipPath></defs><g clip-path="url(#c1)"><rect x="10" y="20" width="30" height="100" style="fill:#0072B2"></rect></g></svg>';

function deck(over: Partial<HtmlDeck> = {}): HtmlDeck {
  if (grid.kind !== 'ablation' || cold.kind !== 'cold-start') throw new Error('fixture order');
  return {
    title: 'Review deck: <2> runs & "more"',
    subtitle: 'exported',
    slides: [
      {
        heading: 'Grid of joint-5task: each arm against full',
        kind: 'ablation:arms',
        body: renderToStaticMarkup(createElement(ArmsSlide, { results: grid.results })),
      },
      { heading: '<script>alert(1)</script>', kind: 'ablation:chart', body: `<figure>${SVG}</figure>` },
      {
        heading: 'Cold start table',
        kind: 'cold-start:table',
        body: renderToStaticMarkup(createElement(ColdStartTableSlide, { results: cold.results })),
      },
    ],
    shareLinks: [SHARE],
    shownAddresses: [],
    ...over,
  };
}

describe('standalone HTML', () => {
  it('escapes text for content and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('holds each slide as a section: the arms table, the SVG chart, the cold-start table, the share link', () => {
    const html = deckHtml(deck());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<section class="deck-slide"/g)).toHaveLength(3);
    expect(html).toContain('<title>Review deck: &lt;2&gt; runs &amp; &quot;more&quot;</title>');
    // The arms table: one row per arm, each change against full with its interval.
    for (const arm of ['full', 'no-anc', 'no-mask']) expect(html).toContain(`data-arm="${arm}"`);
    expect(html).toMatch(/<table[^>]*>[\s\S]*ancillary heads off[\s\S]*\+5\.0% \[\+2\.0%, \+8\.0%\]/);
    expect(html).toContain(SVG);
    expect(html).toMatch(/data-method="finetune" data-budget="1" data-ap="0.16"/);
    expect(html).toContain(`<a href="${escapeHtml(SHARE)}">${escapeHtml(SHARE)}</a>`);
    expect(html).toContain("default-src 'none'");
  });

  it('has no script, and no address but the share link', () => {
    const html = deckHtml(deck());
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const rest = html.split(escapeHtml(SHARE)).join('');
    expect(rest).not.toMatch(/https?:|\/\//i);
    expect(externalReferences(html, [SHARE])).toEqual([]);
  });

  it('refuses markup that would load or run something', () => {
    const bad = [
      '<img src="https://x.example/a.png">',
      '<script>1</script>',
      '<div style="background:url(https://x.example/b.png)"></div>',
      '<a href="https://elsewhere.example/">x</a>',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload="alert(1)"></svg>',
      '<style>@import "x.css";</style>',
      '<p>see //cdn.example/font.woff</p>',
    ];
    for (const body of bad) {
      const one = deck({ slides: [{ heading: 'h', kind: 'k', body }] });
      expect(() => deckHtml(one), body).toThrow(/not standalone/);
    }
  });

  it('allows fragment references, prose with "on", and addresses the slides show as text', () => {
    const url = 'https://data.example/log.csv';
    const body = `<svg><rect fill="url(#hatch)"></rect><a href="#slide-2">next</a></svg><p>one = two; data ${url}</p>`;
    expect(() =>
      deckHtml(deck({ slides: [{ heading: 'h', kind: 'k', body }], shownAddresses: [url] })),
    ).not.toThrow();
    expect(() => deckHtml(deck({ slides: [{ heading: 'h', kind: 'k', body }] }))).toThrow(/an address/);
  });
});
