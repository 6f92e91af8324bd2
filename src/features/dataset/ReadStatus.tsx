import type { LoadFailureInfo } from '../../worker/protocol';
import { ProblemTable } from './ProblemTable';

/** A read in progress: what, a bar (indeterminate while the share is unknown), a line of text, Cancel. */
export function ReadProgress(props: {
  readonly label: string | null;
  readonly cancelling: boolean;
  readonly fraction: number | null;
  readonly text: string;
  readonly onCancel: () => void;
  readonly ids: { readonly cancel: string; readonly bar?: string; readonly text?: string };
}) {
  const { fraction, ids } = props;
  return (
    <>
      <div className="actions">
        <strong>{props.label}</strong>
        <button type="button" onClick={props.onCancel} disabled={props.cancelling} data-testid={ids.cancel}>
          {props.cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      <progress max={1} {...(fraction === null ? {} : { value: fraction })} data-testid={ids.bar} />
      <p className="muted" data-testid={ids.text}>
        {props.text}
      </p>
    </>
  );
}

/** Why a read was refused: the message, the first bad values by row and column, a retry skipping them. */
export function ReadFailure(props: {
  readonly failure: LoadFailureInfo;
  /** What the refusal left as it was ('The dataset in use did not change.'). */
  readonly note: string;
  readonly onRetrySkipping: () => void;
  readonly ids: { readonly error: string; readonly problems: string; readonly retry: string };
}) {
  const { failure, ids } = props;
  return (
    <>
      <p className="error" data-testid={ids.error}>
        {failure.message}
      </p>
      {failure.problems.length > 0 && (
        <ProblemTable problems={failure.problems} total={failure.problemCount} testId={ids.problems} />
      )}
      <p className="muted small">{props.note}</p>
      {failure.skippable && (
        <button type="button" onClick={props.onRetrySkipping} data-testid={ids.retry}>
          Retry, skipping invalid rows
        </button>
      )}
    </>
  );
}
