import { useAppStore } from '../../store';
import { progressFraction, progressText } from './load-view';
import { ReadFailure, ReadProgress } from './ReadStatus';

/** The load in progress (bar, bytes, rows, cancel), or why the last one failed, with a retry. */
export function LoadStatus() {
  const status = useAppStore((s) => s.loadStatus);
  const label = useAppStore((s) => s.loadLabel);
  const progress = useAppStore((s) => s.loadProgress);
  const failure = useAppStore((s) => s.loadFailure);
  const cancelLoad = useAppStore((s) => s.cancelLoad);
  const retrySkipping = useAppStore((s) => s.retryLoadSkipping);

  if (status === 'loading' || status === 'cancelling')
    return (
      <div className="load-status" data-testid="load-status" data-status={status}>
        <ReadProgress
          label={label}
          cancelling={status === 'cancelling'}
          fraction={progress ? progressFraction(progress) : null}
          text={progressText(progress)}
          onCancel={cancelLoad}
          ids={{ cancel: 'cancel-load', bar: 'load-progress', text: 'load-progress-text' }}
        />
      </div>
    );
  if (status === 'cancelled')
    return (
      <p className="muted" data-testid="load-status" data-status={status}>
        Loading {label} was cancelled; the dataset in use did not change.
      </p>
    );
  if (status !== 'failed' || !failure) return null;
  return (
    <div className="warn load-failure" role="alert" data-testid="load-status" data-status={status}>
      <ReadFailure
        failure={failure}
        note="The dataset in use did not change."
        onRetrySkipping={retrySkipping}
        ids={{ error: 'load-error', problems: 'load-problems', retry: 'retry-skipping' }}
      />
    </div>
  );
}
