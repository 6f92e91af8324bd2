/**
 * Opening an exported standalone HTML file as a reviewer would, with proof that it needs nothing
 * else: a fresh browser context that records every request besides the file itself and refuses
 * them all.
 */
import type { Browser, Page } from '@playwright/test';

export async function openOffline(browser: Browser, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `file://${path}`;
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await context.route(/^(?!file:)/, (route) => route.abort());
  await page.goto(url);
  await page.waitForLoadState('load');
  return { page, requests, close: () => context.close() };
}

/** The slide kind of every chart in the file (an SVG wider than 100px: legend swatches are SVGs too). */
export const chartKinds = (doc: Page) =>
  doc.evaluate(() =>
    Array.from(document.querySelectorAll('section.deck-slide svg'))
      .filter((svg) => svg.getBoundingClientRect().width > 100)
      .map((svg) => svg.closest('section')?.getAttribute('data-kind')),
  );
