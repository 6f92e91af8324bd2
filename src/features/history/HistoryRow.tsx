import { useState } from 'react';
import { comparesGroupings, STUDY_LABEL } from '../../core/results/study-results';
import type { RunRecord } from '../../store/history-record';
import { formatDuration } from '../../core/format/duration';
import { RunName } from './RunName';
import { StudyHeadline } from './StudyHeadline';
import { scopeText } from './study-headline';

interface Props {
  readonly run: RunRecord;
  readonly compared: boolean;
  readonly onCompare: (on: boolean) => void;
  readonly onRename: (name: string) => void;
  readonly onDelete: () => void;
  readonly onPin: (on: boolean) => void;
  /** Shows the study in the view of its kind; null while a study trains (it would replace it). */
  readonly onOpen: (() => void) | null;
  /** Presents the study full screen (features/present). */
  readonly onPresent: () => void;
  /** Adds it to the review deck; null once it is in the deck. */
  readonly onAddToDeck: (() => void) | null;
}

/** One saved study: pick for comparison, its kind and name, what it trained on, headline numbers, actions. */
export function HistoryRow(props: Props) {
  const { run, compared, onCompare, onRename, onDelete, onPin, onOpen, onPresent, onAddToDeck } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  return (
    <li
      className="history-run"
      data-testid="history-run"
      data-run-id={run.id}
      data-kind={run.kind}
      data-pinned={run.pinned}
    >
      <input
        type="checkbox"
        aria-label={`Compare ${run.name}`}
        data-testid="history-compare"
        checked={compared}
        onChange={(e) => onCompare(e.target.checked)}
      />
      <div className="history-main">
        <div className="history-title">
          <span className="chip" data-testid="history-kind">
            {STUDY_LABEL[run.kind]}
          </span>
          <RunName
            key={String(editing)}
            run={run}
            editing={editing}
            done={() => setEditing(false)}
            onRename={onRename}
          />
          {run.pinned && (
            <span className="chip" data-testid="history-pinned">
              {comparesGroupings(run.kind) ? 'pinned baseline' : 'pinned'}
            </span>
          )}
        </div>
        <p className="muted small">
          {new Date(run.createdAt).toLocaleString()} · {run.datasetLabel} · backend{' '}
          <span data-testid="history-backend">{run.backend}</span> · {scopeText(run)} ·{' '}
          {formatDuration(run.timings.totalMs)}
        </p>
        <StudyHeadline run={run} />
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
            <button
              type="button"
              data-testid="history-open"
              disabled={onOpen === null}
              title={onOpen === null ? 'Available when the study in progress ends' : undefined}
              onClick={() => onOpen?.()}
            >
              Open
            </button>
            <button type="button" data-testid="history-present" onClick={onPresent}>
              Present
            </button>
            <button
              type="button"
              data-testid="history-add-to-deck"
              disabled={onAddToDeck === null}
              onClick={() => onAddToDeck?.()}
            >
              {onAddToDeck === null ? 'In the deck' : 'Add to deck'}
            </button>
            <button type="button" data-testid="history-rename" onClick={() => setEditing(true)}>
              Rename
            </button>
            <button type="button" data-testid="history-pin" onClick={() => onPin(!run.pinned)}>
              {run.pinned ? 'Unpin' : comparesGroupings(run.kind) ? 'Pin as baseline' : 'Pin'}
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
