/**
 * The new-objective cold start: pick the task that plays a new objective and the label budgets,
 * run the experiment in the training worker, and read AP against budget for the three ways of
 * scoring the task. Settings live in the config (URL keys new_task, budgets); results only in
 * memory.
 */
import { fieldAt } from '../../core/config/field-lookup';
import { TASKS, type TaskId } from '../../core/data/schema';
import { useAppStore } from '../../store';
import {
  isActive,
  selectCancelRun,
  selectRunPhase,
  selectStartStudy,
  selectStudyStatus,
} from '../../store/selectors';
import { ListField } from '../../ui/FieldInput';
import { ColdStartResultsView } from './ColdStartResultsView';
import { coldStartBlocker, coldStartNote, coldStartStatusText, tidyBudgets } from './cold-start-texts';

const TASK_FIELD = fieldAt('coldStart.task');
const BUDGETS = fieldAt('coldStart.budgets');

function Settings({ disabled }: { disabled: boolean }) {
  const config = useAppStore((s) => s.config);
  const setConfig = useAppStore((s) => s.setConfig);
  const { coldStart } = config;
  const set = (patch: Partial<typeof coldStart>) =>
    setConfig({ ...config, coldStart: { ...coldStart, ...patch } });
  return (
    <fieldset className="field-grid">
      <legend>New objective</legend>
      <div className="field">
        <label htmlFor="cold-start-task">New task</label>
        <div className="field-inputs">
          <select
            id="cold-start-task"
            data-testid={`field-${TASK_FIELD.key}`}
            value={coldStart.task}
            disabled={disabled}
            onChange={(e) => set({ task: e.target.value as TaskId })}
          >
            {TASKS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <small className="field-help">{TASK_FIELD.help}</small>
      </div>
      <ListField
        field={BUDGETS}
        label="Label budgets (%)"
        value={coldStart.budgets}
        disabled={disabled}
        onCommit={(budgets) => set({ budgets: tidyBudgets(budgets) })}
      />
      <p className="help field-span" data-testid="cold-start-note">
        {coldStartNote(config)}
      </p>
    </fieldset>
  );
}

export function ColdStartPanel() {
  const status = useAppStore(selectStudyStatus('cold-start'));
  const mine = useAppStore((s) => s.runKind === 'cold-start');
  const progress = useAppStore((s) => (mine ? selectRunPhase(s) : null));
  const error = useAppStore((s) => (mine ? (s.runError?.message ?? null) : null));
  const results = useAppStore((s) => s.coldStartResults);
  const backend = useAppStore((s) => s.backend);
  const datasetStatus = useAppStore((s) => s.datasetStatus);
  const runStatus = useAppStore((s) => s.runStatus);
  const startStudy = useAppStore(selectStartStudy);
  const cancel = useAppStore(selectCancelRun);
  const busy = isActive(status);
  const blocker = coldStartBlocker({ backend, datasetStatus, runStatus, coldStartStatus: status });
  return (
    <div className="panel" data-testid="cold-start-panel" style={{ display: 'grid', gap: 12, minWidth: 0 }}>
      <p className="help">
        One task plays a new objective with only a share of its training labels (a seeded random subset at
        each budget). <strong>From scratch</strong> trains a one-head model on those labels alone;{' '}
        <strong>applied directly</strong> takes the joint model trained without the task and scores it with
        its nearest head (no labels at all); <strong>fine-tuned</strong> gives that model a head for the task,
        started from the nearest head, and trains on the labels. AP is measured on the task&apos;s test rows,
        overall and for less-streamed shows.
      </p>
      <Settings disabled={busy} />
      <div className="actions" style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <button
          type="button"
          data-testid="start-cold-start"
          disabled={blocker !== null}
          onClick={() => startStudy('cold-start')}
        >
          Start cold start
        </button>
        <button
          type="button"
          data-testid="cancel-cold-start"
          disabled={status !== 'running'}
          onClick={cancel}
        >
          Cancel
        </button>
        <span style={{ fontSize: 14 }}>
          Status:{' '}
          <strong data-testid="cold-start-status" data-status={status} role="status">
            {coldStartStatusText(status, progress, error)}
          </strong>
        </span>
      </div>
      {busy && progress?.fraction !== undefined && (
        <progress
          data-testid="cold-start-progress"
          max={1}
          value={progress.fraction}
          aria-label="cold-start progress"
          style={{ width: '100%' }}
        />
      )}
      {blocker !== null && !busy && (
        <p className="muted" data-testid="cold-start-blocker">
          {blocker}
        </p>
      )}
      {results && <ColdStartResultsView results={results} />}
    </div>
  );
}
