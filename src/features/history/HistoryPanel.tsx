/**
 * Saved studies of every kind, newest first: each can be opened in the view of its kind,
 * renamed, deleted, pinned and ticked for comparison. A storage failure (a full quota above all) is shown here, with a retry for a run
 * that could not be saved.
 */
import { useState } from 'react';
import { STUDY_LABEL, type StudyKind } from '../../core/results/study-results';
import { useAppStore } from '../../store';
import { selectBusy } from '../../store/selectors';
import type { RunRecord } from '../../store/history-record';
import { HistoryRow } from './HistoryRow';

/** The page step (app/App.tsx) that shows each kind of study, and its heading's id. */
const SHOWN_IN: Readonly<Record<StudyKind, { step: string; titleId: string }>> = {
  comparison: { step: '4. Results', titleId: 'results-title' },
  ablation: { step: '5. Ablations', titleId: 'ablation-title' },
  'cold-start': { step: '6. New objective at cold start', titleId: 'cold-start-title' },
  tuning: { step: '4. Results', titleId: 'results-title' },
};

/** Says where an opened study is shown, with a link there. */
function Opened({ run }: { run: RunRecord }) {
  const where = SHOWN_IN[run.kind];
  return (
    <p className="help" role="status" data-testid="history-opened" data-kind={run.kind}>
      {STUDY_LABEL[run.kind]} <strong>{run.name}</strong> is shown in step{' '}
      <a href={`#${where.titleId}`}>{where.step}</a>.
    </p>
  );
}

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
  const openStudy = useAppStore((s) => s.openStudy);
  const presentRun = useAppStore((s) => s.presentRun);
  const addToDeck = useAppStore((s) => s.addToDeck);
  const deckIds = useAppStore((s) => s.deckIds);
  // A study in progress would replace what is opened when it ends: open after it instead.
  const training = useAppStore(selectBusy);
  const [opened, setOpened] = useState<RunRecord | null>(null);
  const open = (run: RunRecord) => {
    openStudy(run);
    setOpened(run);
    document.getElementById(SHOWN_IN[run.kind].titleId)?.scrollIntoView({ block: 'start' });
  };
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
              onOpen={training ? null : () => open(run)}
              onPresent={() => presentRun(run.id)}
              onAddToDeck={deckIds.includes(run.id) ? null : () => addToDeck(run.id)}
            />
          ))}
        </ol>
      )}
      {opened && runs.some((r) => r.id === opened.id) && <Opened run={opened} />}
    </section>
  );
}
