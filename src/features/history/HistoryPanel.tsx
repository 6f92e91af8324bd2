/**
 * Saved runs, newest first: each can be renamed, deleted, pinned as the baseline and ticked for
 * comparison. A storage failure (a full quota above all) is shown here, with a retry for a run
 * that could not be saved.
 */
import { useAppStore } from '../../store';
import { HistoryRow } from './HistoryRow';

function HistoryError() {
  const error = useAppStore((s) => s.historyError);
  const unsaved = useAppStore((s) => s.unsavedRun);
  const retrySave = useAppStore((s) => s.retrySave);
  const dismiss = useAppStore((s) => s.dismissHistoryError);
  if (error === null) return null;
  return (
    <div className="warn actions" role="alert" data-testid="history-error">
      <span className="error" style={{ flex: '1 1 300px' }}>
        {error}
      </span>
      {unsaved && (
        <button type="button" data-testid="history-retry-save" onClick={() => void retrySave()}>
          Try saving again
        </button>
      )}
      <button type="button" data-testid="history-dismiss-error" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

export function HistoryPanel() {
  const runs = useAppStore((s) => s.historyRuns);
  const status = useAppStore((s) => s.historyStatus);
  const compareIds = useAppStore((s) => s.compareIds);
  const setCompared = useAppStore((s) => s.setCompared);
  const renameRun = useAppStore((s) => s.renameRun);
  const deleteRun = useAppStore((s) => s.deleteRun);
  const pinRun = useAppStore((s) => s.pinRun);
  return (
    <section aria-label="Run history" className="panel" data-testid="history-panel" data-status={status}>
      <HistoryError />
      {status === 'loading' && <p className="muted">Reading saved runs…</p>}
      {status === 'ready' && runs.length === 0 && (
        <p className="muted" data-testid="history-empty">
          No saved runs yet: every finished run is kept here, in this browser, across reloads.
        </p>
      )}
      {runs.length > 0 && (
        <ol className="history-list" data-testid="history-list">
          {runs.map((run) => (
            <HistoryRow
              key={run.id}
              run={run}
              compared={compareIds.includes(run.id)}
              onCompare={(on) => setCompared(run.id, on)}
              onRename={(name) => void renameRun(run.id, name)}
              onDelete={() => void deleteRun(run.id)}
              onPin={(on) => void pinRun(on ? run.id : null)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
