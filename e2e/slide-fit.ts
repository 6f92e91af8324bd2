import type { Page } from '@playwright/test';

/** Elements of the shown slide that reach outside the window (anything cut off). */
export const outside = (page: Page) =>
  page.getByTestId('presentation').evaluate((root) =>
    Array.from(root.querySelectorAll('*')).flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return [];
      const out = r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1;
      return out ? [`${el.tagName} "${(el.textContent ?? '').slice(0, 30)}" ${JSON.stringify(r)}`] : [];
    }),
  );
