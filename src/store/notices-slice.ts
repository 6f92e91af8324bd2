/**
 * Dismissible notices: what the page's link got wrong (an unknown key, a clamped value, an old
 * version) and why autorun did not start. The text often quotes an untrusted link, so it is kept
 * plain (React escapes it), stripped of control characters, clipped, and capped in number.
 */
import type { StateCreator } from 'zustand';
import type { AppState, Notice, NoticesSlice } from './types';

/** Longest notice text kept; the rest is cut with an ellipsis. */
export const MAX_NOTICE_CHARS = 300;
/** Most notices shown at once; the rest are counted in one last notice. */
export const MAX_NOTICES = 12;

/** One line of plain text: control characters (newlines, escapes) become spaces; long text is cut. */
export function cleanNoticeText(text: string): string {
  const flat = text.replace(/\p{Cc}/gu, ' ');
  return flat.length > MAX_NOTICE_CHARS ? `${flat.slice(0, MAX_NOTICE_CHARS - 1)}…` : flat;
}

export const selectNotices = (s: AppState): readonly Notice[] => s.notices;
export const selectHiddenNotices = (s: AppState): number => s.hiddenNotices;

export const createNoticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set, get) => {
  let nextId = 0;
  return {
    notices: [],
    hiddenNotices: 0,
    addNotices(texts) {
      if (texts.length === 0) return;
      const { notices, hiddenNotices } = get();
      const room = Math.max(0, MAX_NOTICES - notices.length);
      const added = texts.slice(0, room).map((t) => ({ id: ++nextId, text: cleanNoticeText(t) }));
      set({ notices: [...notices, ...added], hiddenNotices: hiddenNotices + texts.length - added.length });
    },
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    dismissAllNotices: () => set({ notices: [], hiddenNotices: 0 }),
  };
};
