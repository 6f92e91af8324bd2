import { useAppStore } from '../../store';
import { progressFraction, progressText } from './load-view';
import { ProblemTable } from './ProblemTable';

/** The load in progress (bar, bytes, rows, cancel), or why the last one failed, with a retry. */
export function LoadStatus() {
  const status = useAppStore((s) => s.loadStatus);
  const label = useAppStore((s) => s.loadLabel);
  const progress = useAppStore((s) => s.loadProgress);
  const failure = useAppStore((s) => s.loadFailure);
  const cancelLoad = useAppStore((s) => s.cancelLoad);
  const retrySkipping = useAppStore((s) => s.retryLoadSkipping);

  if (status === 'loading' || status === 'cancelling') {
    const fraction = progress ? progressFraction(progress) : null;
    return (
      <div className="load-status" data-testid="load-status" data-status={status}>
        <div className="actions">
          <strong>{label}</strong>
          <button
            type="button"
            onClick={cancelLoad}
            disabled={status === 'cancelling'}
            data-testid="cancel-load"
          >
            {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
        <progress max={1} {...(fraction === null ? {} : { value: fraction })} data-testid="load-progress" />
        <p className="muted" data-testid="load-progress-text">
          {progressText(progress)}
        </p>
      </div>
    );
  }
  if (status === 'cancelled')
    return (
      <p className="muted" data-testid="load-status" data-status={status}>
        Loading {label} was cancelled; the dataset in use did not change.
      </p>
    );
  if (status !== 'failed' || !failure) return null;
  return (
    <div className="warn load-failure" role="alert" data-testid="load-status" data-status={status}>
      <p className="error" data-testid="load-error">
        {failure.message}
      </p>
      {failure.problems.length > 0 && (
        <ProblemTable problems={failure.problems} total={failure.problemCount} testId="load-problems" />
      )}
      <p className="muted small">The dataset in use did not change.</p>
      {failure.skippable && (
        <button type="button" onClick={retrySkipping} data-testid="retry-skipping">
          Retry, skipping invalid rows
        </button>
      )}
    </div>
  );
}
