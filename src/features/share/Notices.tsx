import { useAppStore } from '../../store';
import { selectHiddenNotices, selectNotices } from '../../store/notices-slice';
import './share.css';

/**
 * What the link the page was opened with got wrong, and why autorun did not start: one line of
 * plain text each (React escapes it; nothing from a link is ever parsed as HTML), dismissible.
 */
export function Notices() {
  const notices = useAppStore(selectNotices);
  const hidden = useAppStore(selectHiddenNotices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const dismissAll = useAppStore((s) => s.dismissAllNotices);
  if (notices.length === 0 && hidden === 0) return null;
  return (
    <section className="notices" role="status" aria-label="Notices about the link" data-testid="notices">
      <strong>About the link this page was opened with</strong>
      <ul>
        {notices.map((n) => (
          <li key={n.id} data-testid="notice">
            <span>{n.text}</span>
            <button type="button" aria-label="Dismiss this notice" onClick={() => dismiss(n.id)}>
              ×
            </button>
          </li>
        ))}
        {hidden > 0 && <li className="muted">…and {hidden} more (not shown)</li>}
      </ul>
      <button type="button" data-testid="dismiss-notices" onClick={dismissAll}>
        {notices.length > 1 ? 'Dismiss all' : 'Dismiss'}
      </button>
    </section>
  );
}
