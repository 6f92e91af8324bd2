/**
 * The ablation grid: pick the grouping to vary, see the arms it will train (and the changes that
 * do not apply, with the reason), run it, and read each arm's AP change against the unchanged
 * target. The grid trains like a run (progress in the run step) and keeps its results beside the
 * comparison's.
 */
import { useMemo } from 'react';
import { FULL_ARM } from '../../core/config/ablation';
import { GROUPING_IDS, type GroupingId } from '../../core/config/experiment';
import { useAppStore } from '../../store';
import { isActive, selectStartStudy, selectStudyStatus } from '../../store/selectors';
import { AblationResults } from './AblationResults';
import { ablationBlocker, gridPreview, toggledArms } from './ablation-view';

function TargetPicker({ target, onPick }: { target: GroupingId; onPick: (id: GroupingId) => void }) {
  return (
    <div className="field field-narrow">
      <label htmlFor="ablation-target">Grouping to ablate</label>
      <select
        id="ablation-target"
        data-testid="ablation-target"
        value={target}
        onChange={(e) => onPick(e.target.value as GroupingId)}
      >
        {GROUPING_IDS.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      <small className="field-help">
        Its unchanged copy, full, is the reference every other arm is compared to (links:{' '}
        <code>study=ablation&amp;ablate=…&amp;arms=…</code>).
      </small>
    </div>
  );
}

function Preview({ target }: { target: GroupingId }) {
  const train = useAppStore((s) => s.config.train);
  const wanted = useAppStore((s) => s.config.study.arms);
  const repeats = useAppStore((s) => s.config.rigor.repeats);
  const summary = useAppStore((s) => s.summary);
  const setStudy = useAppStore((s) => s.setStudy);
  const { arms, skipped, missing } = useMemo(
    () => gridPreview({ train }, target, summary, wanted),
    [train, target, summary, wanted],
  );
  const seeds = repeats > 1 ? `, each over ${repeats} training seeds` : '';
  const trained = arms.filter((a) => a.trains).length;
  return (
    <div data-testid="ablation-preview">
      <p className="help">
        The grid trains {trained} of its {arms.length} arms of <code>{target}</code>
        {seeds}, one change each, on the dataset in use (untick an arm to leave it out):
      </p>
      <ol style={{ margin: '4px 0', paddingLeft: 24, fontSize: 14 }}>
        {arms.map((a) => (
          <li key={a.id} data-arm={a.id} data-trains={a.trains ? '1' : '0'}>
            <label>
              <input
                type="checkbox"
                data-testid={`arm-${a.id}`}
                checked={a.trains}
                disabled={a.id === FULL_ARM}
                onChange={(e) => setStudy({ arms: toggledArms(arms, a.id, e.target.checked) })}
              />{' '}
              <code>{a.id}</code>: {a.change}
            </label>
          </li>
        ))}
      </ol>
      {missing.length > 0 && (
        <p className="muted" data-testid="ablation-missing">
          Not in this grid, so not trained: {missing.join(', ')}.
        </p>
      )}
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
  const setStudy = useAppStore((s) => s.setStudy);
  const target = config.study.ablate;
  const blocker = ablationBlocker({ summary, datasetStatus, runStatus, backend, target });
  const status = useAppStore(selectStudyStatus('ablation'));
  const running = isActive(status);
  return (
    <div className="panel" data-testid="ablation-panel">
      <TargetPicker target={target} onPick={(ablate) => setStudy({ ablate, arms: [] })} />
      <Preview target={target} />
      <div className="actions">
        <button
          type="button"
          data-testid="ablation-run"
          disabled={blocker !== null}
          onClick={() => startStudy('ablation')}
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
