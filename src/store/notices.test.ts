import { describe, expect, it } from 'vitest';
import { cleanNoticeText, MAX_NOTICE_CHARS, MAX_NOTICES } from './notices-slice';
import { fakeStore } from './share-test-kit';

describe('notices slice', () => {
  it('adds plain-text notices with ids, and dismisses one or all', () => {
    const { store } = fakeStore();
    store.getState().addNotices(['first', 'second']);
    store.getState().addNotices([]);
    const [a, b] = store.getState().notices;
    expect([a.text, b.text]).toEqual(['first', 'second']);
    expect(a.id).not.toBe(b.id);
    store.getState().dismissNotice(a.id);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['second']);
    store.getState().dismissAllNotices();
    expect(store.getState().notices).toEqual([]);
  });

  it('flattens control characters and clips long text', () => {
    expect(cleanNoticeText('a\nb\u0000c\u001b[31m')).toBe('a b c [31m');
    const long = cleanNoticeText('x'.repeat(100_000));
    expect(long).toHaveLength(MAX_NOTICE_CHARS);
    expect(long.endsWith('…')).toBe(true);
    // Markup stays text: escaping is React's job, and nothing here ever builds HTML.
    expect(cleanNoticeText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });

  it('keeps at most MAX_NOTICES and counts the rest', () => {
    const { store } = fakeStore();
    store.getState().addNotices(Array.from({ length: 30 }, (_, i) => `n${i}`));
    store.getState().addNotices(['one more']);
    expect(store.getState().notices).toHaveLength(MAX_NOTICES);
    expect(store.getState().hiddenNotices).toBe(31 - MAX_NOTICES);
    store.getState().dismissAllNotices();
    expect(store.getState().hiddenNotices).toBe(0);
  });
});
