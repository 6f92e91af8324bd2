/**
 * The ablation grid: pick the grouping to vary, see the arms it will train (and the changes that
 * do not apply, with the reason), run it, and read each arm's AP change against the unchanged
 * target. The grid trains like a run (progress in the run step) and keeps its results beside the
 * comparison's.
 */
import { useMemo, useState } from 'react';
import type { GroupingId } from '../../core/config/experiment';
import { useAppStore } from '../../store';
import { selectStartStudy, selectStudyStatus } from '../../store/selectors';
import { AblationResults } from './AblationResults';
import { ablationBlocker, defaultAblationTarget, gridPreview } from './ablation-view';

function TargetPicker({ target, onPick }: { target: GroupingId | null; onPick: (id: GroupingId) => void }) {
  const groupings = useAppStore((s) => s.config.groupings);
  if (target === null)
    return <p className="muted">No grouping is ticked in step 2, so there is nothing to ablate.</p>;
  return (
    <div className="field field-narrow">
      <label htmlFor="ablation-target">Grouping to ablate</label>
      <select
        id="ablation-target"
        data-testid="ablation-target"
        value={target}
        onChange={(e) => onPick(e.target.value as GroupingId)}
      >
        {groupings.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      <small className="field-help">
        Its unchanged copy, full, is the reference every other arm is compared to.
      </small>
    </div>
  );
}

function Preview({ target }: { target: GroupingId }) {
  const train = useAppStore((s) => s.config.train);
  const repeats = useAppStore((s) => s.config.rigor.repeats);
  const summary = useAppStore((s) => s.summary);
  const { arms, skipped } = useMemo(() => gridPreview({ train }, target, summary), [train, target, summary]);
  const seeds = repeats > 1 ? `, each over ${repeats} training seeds` : '';
  return (
    <div data-testid="ablation-preview">
      <p className="help">
        The grid trains {arms.length} arms of <code>{target}</code>
        {seeds}, one change each, on the dataset in use:
      </p>
      <ol style={{ margin: '4px 0', paddingLeft: 24, fontSize: 14 }}>
        {arms.map((a) => (
          <li key={a.id} data-arm={a.id}>
            <code>{a.id}</code>: {a.change}
          </li>
        ))}
      </ol>
      {skipped.length > 0 && (
        <>
          <p className="help">Not in the grid (they do not apply to this grouping or data):</p>
          <ul data-testid="ablation-skipped" style={{ margin: '4px 0', paddingLeft: 24, fontSize: 14 }}>
            {skipped.map((s) => (
              <li key={s.change}>
                {s.change}: {s.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function AblationPanel() {
  const config = useAppStore((s) => s.config);
  const summary = useAppStore((s) => s.summary);
  const datasetStatus = useAppStore((s) => s.datasetStatus);
  const runStatus = useAppStore((s) => s.runStatus);

  const backend = useAppStore((s) => s.backend);
  const startStudy = useAppStore(selectStartStudy);
  const results = useAppStore((s) => s.ablationResults);
  const [picked, setPicked] = useState<GroupingId | null>(null);
  // The pick holds while its grouping stays ticked; otherwise the default target.
  const target =
    picked !== null && config.groupings.includes(picked) ? picked : defaultAblationTarget(config);
  const blocker = ablationBlocker({ summary, datasetStatus, runStatus, backend, target });
  const status = useAppStore(selectStudyStatus('ablation'));
  const running = status === 'running' || status === 'cancelling';
  return (
    <div className="panel" data-testid="ablation-panel">
      <TargetPicker target={target} onPick={setPicked} />
      {target !== null && <Preview target={target} />}
      <div className="actions">
        <button
          type="button"
          data-testid="ablation-run"
          disabled={blocker !== null}
          onClick={() => target !== null && startStudy({ kind: 'ablation', target })}
        >
          Run ablation grid
        </button>
        {running && (
          <span className="muted" data-testid="ablation-running">
            Training the grid: follow its progress in step 3.
          </span>
        )}
      </div>
      {blocker !== null && !running && (
        <p className="muted" data-testid="ablation-blocker">
          {blocker}
        </p>
      )}
      {results && <AblationResults results={results} />}
    </div>
  );
}
