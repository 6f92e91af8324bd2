import { useRef, useState } from 'react';
import { SOURCE_LABEL } from '../../core/data/schema';
import { formatDuration } from '../../core/format/duration';
import type { RunRecord } from '../../store/history-record';
import { apText, headlines } from './history-view';

interface Props {
  readonly run: RunRecord;
  readonly compared: boolean;
  readonly onCompare: (on: boolean) => void;
  readonly onRename: (name: string) => void;
  readonly onDelete: () => void;
  readonly onPin: (on: boolean) => void;
}

interface NameProps {
  readonly run: RunRecord;
  readonly editing: boolean;
  readonly done: () => void;
  readonly onRename: (name: string) => void;
}

/** The name, or a text box while renaming: Enter or leaving the box keeps it, Escape does not. */
function RunName({ run, editing, done, onRename }: NameProps) {
  const [draft, setDraft] = useState(run.name);
  // Enter or Escape settles the edit once; the blur that follows as the box goes must not redo it.
  const settled = useRef(false);
  if (!editing) return <strong data-testid="history-name">{run.name}</strong>;
  const settle = (keep: boolean) => {
    if (settled.current) return;
    settled.current = true;
    if (keep && draft.trim() !== '' && draft !== run.name) onRename(draft);
    done();
  };
  return (
    <input
      type="text"
      className="history-name-input"
      aria-label="Run name"
      data-testid="history-name-input"
      value={draft}
      // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this run
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => settle(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') settle(true);
        if (e.key === 'Escape') settle(false);
      }}
    />
  );
}

/** One saved run: pick for comparison, its name, what it trained on, headline APs, actions. */
export function HistoryRow({ run, compared, onCompare, onRename, onDelete, onPin }: Props) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { config } = run;
  return (
    <li className="history-run" data-testid="history-run" data-run-id={run.id} data-pinned={run.pinned}>
      <input
        type="checkbox"
        aria-label={`Compare ${run.name}`}
        data-testid="history-compare"
        checked={compared}
        onChange={(e) => onCompare(e.target.checked)}
      />
      <div className="history-main">
        <div className="history-title">
          <RunName
            key={String(editing)}
            run={run}
            editing={editing}
            done={() => setEditing(false)}
            onRename={onRename}
          />
          {run.pinned && (
            <span className="chip" data-testid="history-pinned">
              pinned baseline
            </span>
          )}
        </div>
        <p className="muted small">
          {new Date(run.createdAt).toLocaleString()} · {run.datasetLabel} · backend{' '}
          <span data-testid="history-backend">{run.backend}</span> · {config.groupings.join(', ')} (baseline{' '}
          {config.baseline}) · {formatDuration(run.timings.totalMs)}
        </p>
        <p className="small history-headline">
          {headlines(run).map((h) => (
            <span key={h.channel} data-channel={h.channel} data-ap={h.ap ?? 'n/a'}>
              best {SOURCE_LABEL[h.channel]} AP <strong>{apText(h.ap)}</strong>
              {h.grouping && <small className="muted"> ({h.grouping})</small>}
            </span>
          ))}
        </p>
      </div>
      <div className="actions history-actions">
        {confirming ? (
          <>
            <span className="small">Delete this run?</span>
            <button type="button" data-testid="history-delete-confirm" onClick={onDelete}>
              Delete
            </button>
            <button type="button" data-testid="history-delete-cancel" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" data-testid="history-rename" onClick={() => setEditing(true)}>
              Rename
            </button>
            <button type="button" data-testid="history-pin" onClick={() => onPin(!run.pinned)}>
              {run.pinned ? 'Unpin' : 'Pin as baseline'}
            </button>
            <button type="button" data-testid="history-delete" onClick={() => setConfirming(true)}>
              Delete
            </button>
          </>
        )}
      </div>
    </li>
  );
}
