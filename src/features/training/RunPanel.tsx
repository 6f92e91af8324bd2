/**
 * Start and cancel a run, follow each grouping's progress and the live curves, and recover from
 * a lost GPU device. Reads single store fields; all formatting lives in format.ts.
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
import { activeGrouping } from './format';
import { LiveCharts } from './LiveCharts';
import {
  selectBusy,
  selectCancelRun,
  selectRetryRun,
  selectRunError,
  selectRunPhase,
  selectStartStudy,
} from '../../store/selectors';
import { phaseText } from '../../core/results/study-results';
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
  if (!started || (kind === 'comparison' && repeat.of <= 1 && phase === null)) return null;
  const parts = [
    ...(kind === 'ablation' ? [`Ablation grid (${arms} arms)`] : []),
    ...(kind === 'cold-start' ? ['Cold start'] : []),
    ...(repeat.of > 1 && kind !== 'cold-start' ? [`seed ${repeat.index + 1} of ${repeat.of}`] : []),
    ...(phase ? [phaseText(phase)] : []),
  ];
  return (
    <span data-testid="run-repeat" data-kind={kind} style={{ fontSize: 14 }}>
      {parts.join(' · ')}
    </span>
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
  // Keyed on the ids, not the list: the list is new on every progress event, and a new array
  // here would redraw the validation AP chart each time.
  const groupingKey = list.map((p) => p.grouping).join('\n');
  const groupings = useMemo(() => (groupingKey ? groupingKey.split('\n') : []), [groupingKey]);
  return (
    <section aria-label="Training run" data-testid="run-panel" style={{ display: 'grid', gap: 12 }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <button
          type="button"
          data-testid="start-run"
          style={button}
          disabled={!canStart}
          onClick={() => startStudy('comparison')}
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
