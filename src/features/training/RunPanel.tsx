/**
 * Pick the study Start runs (the comparison, or tuning with its budget), start and cancel it,
 * follow each grouping's progress and the live curves, and recover from a lost GPU device. Reads
 * single store fields; all formatting lives in format.ts.
 */
import { type CSSProperties, useMemo } from 'react';
import { useAppStore } from '../../store';
import {
  selectCanStart,
  startBlockersOf,
  selectOverallProgress,
  selectProgressList,
  selectRunStatus,
} from '../../store/selectors';
import { activeGrouping, repeatText } from './format';
import { LiveCharts } from './LiveCharts';
import {
  selectBusy,
  selectCancelRun,
  selectRetryRun,
  selectRunError,
  selectRunPhase,
  selectStartStudy,
} from '../../store/selectors';
import { phaseText, STUDY_LABEL } from '../../core/results/study-results';
import { fieldAt } from '../../core/config/field-lookup';
import { halvingRungs } from '../../core/config/tuning';
import { NumberField } from '../../ui/FieldInput';
import { ProgressList } from './ProgressList';

const button: CSSProperties = { padding: '6px 16px', fontSize: 14, borderRadius: 6, cursor: 'pointer' };
const errorBox: CSSProperties = {
  border: '1px solid #d9534f',
  background: '#fdf1f0',
  color: '#8a1f1b',
  borderRadius: 6,
  padding: '8px 12px',
  display: 'flex',
  gap: 12,
  alignItems: 'center',
  flexWrap: 'wrap',
};

function RunError() {
  const error = useAppStore(selectRunError);
  const retryRun = useAppStore(selectRetryRun);
  if (!error) return null;
  return (
    <div role="alert" style={errorBox}>
      <span data-testid="run-error" style={{ flex: '1 1 300px', overflowWrap: 'anywhere' }}>
        {error.kind === 'device-lost' ? 'The GPU device was lost: ' : ''}
        {error.message}
      </span>
      {error.kind === 'device-lost' && (
        <button type="button" data-testid="retry-run" style={button} onClick={retryRun}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Why Start is disabled when the data cannot give a meaningful comparison. */
function StartBlockers() {
  const summary = useAppStore((s) => s.summary);
  const config = useAppStore((s) => s.config);
  const busy = useAppStore((s) => s.runStatus === 'running');
  const blockers = useMemo(() => startBlockersOf({ summary, config }), [summary, config]);
  if (busy || blockers.length === 0) return null;
  return (
    <div className="warn" role="status" data-testid="start-blockers">
      <strong>Cannot start on this data:</strong>
      <ul>
        {blockers.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </div>
  );
}

/** What kind of study this is, which training seed it is on and its phase (when any says something). */
function RunRepeat() {
  const kind = useAppStore((s) => s.runKind);
  const repeat = useAppStore((s) => s.runRepeat);
  const started = useAppStore((s) => s.runId !== null);
  const arms = useAppStore((s) => s.runGroupings.length);
  const phase = useAppStore(selectRunPhase);
  const tune = useAppStore((s) => s.config.rigor.tune);
  if (!started || (kind === 'comparison' && repeat.of <= 1 && phase === null)) return null;
  const parts = [
    ...(kind === 'ablation' ? [`Ablation grid (${arms} arms)`] : []),
    ...(kind === 'cold-start' ? ['Cold start'] : []),
    ...(kind === 'tuning' ? [`Tuning (${tune} recipes per grouping)`] : []),
    ...(repeat.of > 1 && kind !== 'cold-start' ? [repeatText(repeat)] : []),
    ...(phase ? [phaseText(phase)] : []),
  ];
  return (
    <span data-testid="run-repeat" data-kind={kind} style={{ fontSize: 14 }}>
      {parts.join(' · ')}
    </span>
  );
}

const TUNE = fieldAt('rigor.tune');
type RunKind = 'comparison' | 'tuning';

/**
 * Which study Start runs: the comparison of the ticked groupings, or tuning (the same comparison
 * after each grouping's recipe is chosen by the same search on validation), with its budget.
 * Leaving tuning turns the search off (the store's setStudy), so a plain comparison does not keep
 * the budget unseen.
 */
function StudyPicker({ kind, disabled }: { kind: RunKind; disabled: boolean }) {
  const tune = useAppStore((s) => s.config.rigor.tune);
  const setStudy = useAppStore((s) => s.setStudy);
  const setRigor = useAppStore((s) => s.setRigor);
  const pick = (next: RunKind) => setStudy({ kind: next });
  const rungs = halvingRungs(tune);
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <div className="field field-narrow">
        <label htmlFor="run-study">Study</label>
        <select
          id="run-study"
          data-testid="run-study"
          value={kind}
          disabled={disabled}
          onChange={(e) => pick(e.target.value as RunKind)}
        >
          {(['comparison', 'tuning'] as const).map((k) => (
            <option key={k} value={k}>
              {STUDY_LABEL[k]}
            </option>
          ))}
        </select>
      </div>
      {kind === 'tuning' && (
        <div data-testid="run-tune" style={{ display: 'grid', gap: 4, maxWidth: 420 }}>
          <NumberField
            field={TUNE}
            label="Budget: recipes per grouping"
            value={tune}
            disabled={disabled}
            onCommit={(v) => setRigor({ tune: v })}
          />
          <p className="help" data-testid="run-tune-note" style={{ margin: 0 }}>
            Every grouping tries the same {tune} recipes by successive halving on validation (rungs of{' '}
            {rungs.join(', ')}: {rungs.reduce((s, k) => s + k, 0)} trainings each), then the comparison trains
            each with its chosen recipe.
          </p>
        </div>
      )}
    </div>
  );
}

export function RunPanel() {
  const status = useAppStore(selectRunStatus);
  const canStart = useAppStore(selectCanStart);
  const list = useAppStore(selectProgressList);
  const overall = useAppStore(selectOverallProgress);
  const startStudy = useAppStore(selectStartStudy);
  const cancelRun = useAppStore(selectCancelRun);
  const busy = useAppStore(selectBusy);
  const phase = useAppStore(selectRunPhase);
  const kind: RunKind = useAppStore((s) => (s.config.study.kind === 'tuning' ? 'tuning' : 'comparison'));
  // Keyed on the ids, not the list: the list is new on every progress event, and a new array
  // here would redraw the validation AP chart each time.
  const groupingKey = list.map((p) => p.grouping).join('\n');
  const groupings = useMemo(() => (groupingKey ? groupingKey.split('\n') : []), [groupingKey]);
  return (
    <section aria-label="Training run" data-testid="run-panel" style={{ display: 'grid', gap: 12 }}>
      <StudyPicker kind={kind} disabled={busy} />
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <button
          type="button"
          data-testid="start-run"
          style={button}
          disabled={!canStart}
          onClick={() => startStudy(kind)}
        >
          Start
        </button>
        <button
          type="button"
          data-testid="cancel-run"
          style={button}
          disabled={status !== 'running'}
          onClick={cancelRun}
        >
          Cancel
        </button>
        <span style={{ fontSize: 14 }}>
          Status:{' '}
          <strong data-testid="run-status" data-phase={phase?.phase ?? ''}>
            {status}
          </strong>
          {busy && list.length > 0 && ` · ${Math.round(overall * 100)}% of the run`}
        </span>
        <RunRepeat />
      </div>
      <StartBlockers />
      <RunError />
      <ProgressList list={list} />
      {list.length > 0 && <LiveCharts active={activeGrouping(list)} groupings={groupings} />}
    </section>
  );
}
