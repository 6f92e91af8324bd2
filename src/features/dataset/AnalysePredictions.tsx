/**
 * "Analyse predictions": scores from models trained anywhere, read from a predictions file (a
 * picked or dropped file, or a URL) in the worker and analysed without training. The results are
 * shown in the results step like a run's (Table 1, tiers, verdicts, replay, exports, slides) and
 * saved to History; the dataset in use does not change. Another baseline re-analyses the same file.
 */
import { useAppStore } from '../../store';
import { selectResults } from '../../store/selectors';
import { count } from './summary-view';
import { ReadFailure, ReadProgress } from './ReadStatus';
import { SourcePicker } from './SourcePicker';

const ACCEPT = '.csv,.parquet,.pq';

function AnalysisStatus() {
  const status = useAppStore((s) => s.analysisStatus);
  const label = useAppStore((s) => s.analysisLabel);
  const progress = useAppStore((s) => s.analysisProgress);
  const failure = useAppStore((s) => s.analysisFailure);
  const models = useAppStore((s) => s.analysisModels);
  const analysed = useAppStore((s) => s.analysisResults);
  const shown = useAppStore((s) => s.analysisResults !== null && selectResults(s) === s.analysisResults);
  const cancel = useAppStore((s) => s.cancelAnalysis);
  const retrySkipping = useAppStore((s) => s.retryAnalysisSkipping);
  const reanalyse = useAppStore((s) => s.reanalyse);

  if (status === 'running' || status === 'cancelling')
    return (
      <div className="load-status" data-testid="analysis-status" data-status={status}>
        <ReadProgress
          label={label}
          cancelling={status === 'cancelling'}
          fraction={progress?.fraction ?? null}
          text={progress?.message ?? 'waiting for the worker'}
          onCancel={cancel}
          ids={{ cancel: 'cancel-analysis' }}
        />
      </div>
    );
  if (status === 'cancelled')
    return (
      <p className="muted" data-testid="analysis-status" data-status={status}>
        The analysis of {label} was cancelled.
      </p>
    );
  if (status === 'failed' && failure)
    return (
      <div className="warn load-failure" role="alert" data-testid="analysis-status" data-status={status}>
        <ReadFailure
          failure={failure}
          note="Nothing of the file was analysed."
          onRetrySkipping={retrySkipping}
          ids={{ error: 'analysis-error', problems: 'analysis-problems', retry: 'analysis-retry-skipping' }}
        />
      </div>
    );
  if (status !== 'done' || !analysed?.analysis) return null;
  const { analysis } = analysed;
  return (
    <div className="load-status" data-testid="analysis-status" data-status={status}>
      <p data-testid="analysis-summary">
        Analysed <strong>{analysis.file}</strong>: {count(analysis.rows)} rows, {models.length} models,{' '}
        {analysed.rigor?.seeds.length ?? 1} seed{(analysed.rigor?.seeds.length ?? 1) > 1 ? 's' : ''}
        {analysis.skippedRows > 0 ? ` (${count(analysis.skippedRows)} invalid rows skipped)` : ''}.{' '}
        {shown
          ? 'Shown in the results step and saved to History.'
          : 'Saved to History (other results are shown now).'}
      </p>
      <label className="actions">
        <span>Baseline</span>
        <select
          value={analysed.baseline}
          onChange={(e) => reanalyse(e.currentTarget.value)}
          data-testid="analysis-baseline"
        >
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <span className="muted small">another baseline analyses the same file again (no re-read)</span>
      </label>
    </div>
  );
}

export function AnalysePredictions() {
  const analyse = useAppStore((s) => s.analysePredictions);
  const busy = useAppStore((s) => s.runStatus === 'running' || s.analysisStatus === 'running');
  return (
    <section className="load-controls" aria-label="Analyse predictions" data-testid="analyse-predictions">
      <h3>Analyse predictions (no training)</h3>
      <p className="help">
        Scores from models trained elsewhere, as CSV or Parquet: one row per test impression with{' '}
        <code>source</code>, <code>stream</code>, <code>stream_tier</code> (or <code>tier</code>) and/or{' '}
        <code>show_streams_30d</code>; optionally <code>click</code>, <code>podcast_id</code>,{' '}
        <code>cost</code>, <code>less_streamed</code>; every other column is a model's score (<code>lr</code>,{' '}
        <code>mtl:promo_stream</code>, <code>mtl:ad_stream@2</code> for seed 2). Each model becomes a row of
        Table 1 against the baseline; the verdicts, the budget replay, the exports, History and the slides
        follow as for a run. The dataset in use does not change.
      </p>
      <SourcePicker
        accept={ACCEPT}
        busy={busy}
        onSource={(source) => analyse(source)}
        openLabel="Analyse predictions…"
        dropText="or drop a predictions file here"
        dropLabel="Drop a predictions file here"
        inputLabel="Predictions file to analyse"
        urlLabel="Predictions URL"
        urlPlaceholder="https://…/predictions.csv"
        submitLabel="Analyse URL"
        ids={{
          dropZone: 'predictions-drop-zone',
          open: 'analyse-open',
          input: 'predictions-input',
          url: 'predictions-url',
          submit: 'analyse-url',
        }}
      />
      <AnalysisStatus />
    </section>
  );
}
