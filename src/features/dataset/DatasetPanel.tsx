import { useAppStore } from '../../store';
import { DatasetKnobs } from './DatasetKnobs';
import { DatasetSummaryView } from './DatasetSummaryView';
import { count } from './summary-view';

/**
 * The data to train on: the simulator's knobs and seed, a button that builds the dataset in the
 * training worker, and the summary of the dataset built last.
 */
export function DatasetPanel() {
  const status = useAppStore((s) => s.datasetStatus);
  const summary = useAppStore((s) => s.summary);
  const fingerprint = useAppStore((s) => s.fingerprint);
  const error = useAppStore((s) => s.runError);
  const buildDataset = useAppStore((s) => s.buildDataset);
  const building = status === 'building';
  return (
    <div className="panel" data-testid="dataset-panel">
      <p className="help">
        Simulated impressions of podcast <strong>ads</strong> and <strong>promotions</strong>: users, shows
        and days, how often each label happens, and how strongly a user's taste for a show drives every
        outcome. The same settings and seed always give the same data.
      </p>
      <DatasetKnobs />
      <div className="actions">
        <button type="button" data-testid="build-dataset" onClick={buildDataset} disabled={building}>
          {building ? 'Building…' : 'Build dataset'}
        </button>
        <span
          data-testid="dataset-status"
          data-status={status}
          className={status === 'error' ? 'error' : 'muted'}
        >
          {status === 'idle' && 'Not built yet.'}
          {building && 'Simulating and summarising…'}
          {status === 'ready' &&
            summary &&
            `Ready: ${count(summary.rows)} rows${fingerprint ? ` (fingerprint ${fingerprint.slice(0, 8)})` : ''}.`}
          {status === 'error' && `Could not build the dataset: ${error?.message ?? 'unknown error'}`}
        </span>
      </div>
      <p className="muted small">
        The summary below is of the dataset built last; starting a run always builds the data for the current
        settings first.
      </p>
      {summary && <DatasetSummaryView summary={summary} />}
    </div>
  );
}
