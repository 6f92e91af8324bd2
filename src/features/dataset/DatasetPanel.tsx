import { useState } from 'react';
import { useAppStore } from '../../store';
import { DatasetKnobs } from './DatasetKnobs';
import { DatasetSummaryView } from './DatasetSummaryView';
import { ExportButtons } from './ExportButtons';
import { AnalysePredictions } from './AnalysePredictions';
import { LoadControls } from './LoadControls';
import { LoadReportView } from './LoadReportView';
import { LoadStatus } from './LoadStatus';
import { count } from './summary-view';

/**
 * The data to train on: the simulator (knobs, seed, build) or the user's own file or URL (picker,
 * drop, URL, samples, with progress and precise errors), then the summary of the dataset in use
 * and a download of it.
 */
export function DatasetPanel() {
  const kind = useAppStore((s) => s.config.data.kind);
  const status = useAppStore((s) => s.datasetStatus);
  const summary = useAppStore((s) => s.summary);
  const fingerprint = useAppStore((s) => s.fingerprint);
  const report = useAppStore((s) => s.loadReport);
  const error = useAppStore((s) => s.runError);
  const buildDataset = useAppStore((s) => s.buildDataset);
  const switchToSimulated = useAppStore((s) => s.switchToSimulatedData);
  const loadActive = useAppStore((s) => s.loadStatus !== 'idle');
  // The user's choice of tab wins; until they choose, show where the data comes from.
  const [tab, setTab] = useState<'sim' | 'load' | null>(null);
  const showLoad = tab === null ? kind !== 'sim' || loadActive : tab === 'load';
  const setShowLoad = (load: boolean) => setTab(load ? 'load' : 'sim');
  const building = status === 'building';
  return (
    <div className="panel" data-testid="dataset-panel">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={!showLoad}
          className={!showLoad ? 'active' : ''}
          onClick={() => {
            setShowLoad(false);
            if (kind !== 'sim') {
              switchToSimulated();
              buildDataset();
            }
          }}
          data-testid="tab-simulated"
        >
          Simulated data
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={showLoad}
          className={showLoad ? 'active' : ''}
          onClick={() => setShowLoad(true)}
          data-testid="tab-load"
        >
          Your data
        </button>
      </div>
      {showLoad ? (
        <>
          <p className="help">
            A sampled impression log as CSV, JSON Lines or Parquet: one row per ad or promotion shown, with
            the columns <code>source</code> (ad/promo), <code>day</code>, <code>user_id</code>,{' '}
            <code>podcast_id</code> and <code>stream</code> (0/1); optionally <code>click</code>,{' '}
            <code>like</code>, <code>follow</code>, <code>stream_tier</code>, <code>show_streams_30d</code>,{' '}
            <code>cost</code>, and feature columns starting <code>user_</code>, <code>content_</code>,{' '}
            <code>context_</code> or <code>creative_</code>. The file is read and checked in the training
            worker; the dataset in use changes only once the whole file has passed.
          </p>
          <LoadControls />
          <LoadStatus />
          <AnalysePredictions />
        </>
      ) : (
        <>
          <p className="help">
            Simulated impressions of podcast <strong>ads</strong> and <strong>promotions</strong>: users,
            shows and days, how often each label happens, and how strongly a user's taste for a show drives
            every outcome. The same settings and seed always give the same data.
          </p>
          <DatasetKnobs />
          <div className="actions">
            <button type="button" data-testid="build-dataset" onClick={buildDataset} disabled={building}>
              {building ? 'Building…' : 'Build dataset'}
            </button>
          </div>
        </>
      )}
      <div className="actions">
        <span
          data-testid="dataset-status"
          data-status={status}
          data-kind={kind}
          className={status === 'error' ? 'error' : 'muted'}
        >
          {status === 'idle' && 'Not built yet.'}
          {building && 'Simulating and summarising…'}
          {status === 'ready' &&
            summary &&
            `In use: ${kind === 'sim' ? 'simulated' : (report?.name ?? 'loaded')} data, ${count(summary.rows)} rows${fingerprint ? ` (fingerprint ${fingerprint.slice(0, 8)})` : ''}.`}
          {status === 'error' && `Could not build the dataset: ${error?.message ?? 'unknown error'}`}
        </span>
      </div>
      {kind !== 'sim' && report && <LoadReportView report={report} />}
      {status === 'ready' && <ExportButtons />}
      {summary && <DatasetSummaryView summary={summary} />}
    </div>
  );
}
