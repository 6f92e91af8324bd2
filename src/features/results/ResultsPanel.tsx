/**
 * The results of the last finished run (a comparison, or a tuning study, which leads with its
 * trials table and chart since every number below comes from the recipes they chose): Table 1 (with intervals, the budget replay and the PR
 * curves when the results carry a rigor section), tier-segmented uplift for promotions and ads,
 * and the less-streamed / high-stream summaries, with a short reading guide.
 */
import { useMemo } from 'react';
import { CHANNELS } from '../../core/metrics/segments';
import { segmentSummaryRows, table1Rows } from '../../core/results/reports/series';
import { useAppStore } from '../../store';
import { selectResults } from '../../store/selectors';
import { StudyExportBar } from '../../ui/StudyExportBar';
import { dataSourceText } from './format';
import { ImportResults } from './ImportResults';
import { PrCurves } from './PrCurves';
import { ReplayPanel } from './ReplayPanel';
import { ResultsHelp } from './ResultsHelp';
import { ReproductionLine } from './ReproductionLine';
import { RigorTable1 } from './RigorTable1';
import { h3 } from './styles';
import { VerdictList } from '../../ui/VerdictList';
import { TuningPanel } from './TuningPanel';
import { verdictList } from '../../core/results/reports/rigor-tables';
import { SegmentTables } from './SegmentTables';
import { Table1 } from './Table1';
import { TierCharts } from './TierCharts';
import { TrainingDiagnostics } from './TrainingDiagnostics';
import { useStages } from './use-stages';

/**
 * Sections drawn one per task: the first (header, exports, Table 1), rigor, replay, PR, tiers,
 * segments, training diagnostics.
 */
const STAGES = 7;

export function ResultsPanel() {
  const results = useAppStore(selectResults);
  const grid = useAppStore((s) => s.ablationResults);
  const kind = useAppStore((s) => s.resultsKind);
  const rows = useMemo(() => (results ? table1Rows(results) : []), [results]);
  const segments = useMemo(
    () => (results ? CHANNELS.map((c) => ({ channel: c, segments: segmentSummaryRows(results, c) })) : []),
    [results],
  );
  // Sections after the first come one per task (use-stages.ts): a new result set is a new createdAt.
  const stage = useStages(STAGES, results?.createdAt);
  if (!results) {
    return (
      <section aria-label="Results" data-testid="results-panel">
        <p style={{ fontSize: 14, color: '#555' }}>No results yet: run an experiment to fill this in.</p>
        <ImportResults />
      </section>
    );
  }
  // The last ablation grid goes into the exports (JSON, Markdown) when it ran on the same data.
  const exported =
    grid && JSON.stringify(grid.dataset) === JSON.stringify(results.dataset)
      ? { ...results, ablationGrid: grid }
      : results;
  // With several seeds the plain tables are the first seed's run; the interval tables cover all.
  const seeds = results.rigor?.seeds ?? [];
  const firstSeed = seeds.length > 1 ? ` (first seed, ${seeds[0]}, of ${seeds.length})` : '';
  return (
    <section
      aria-label="Results"
      data-testid="results-panel"
      style={{ display: 'grid', gap: 20, minWidth: 0 }}
    >
      <div>
        {results.analysis ? (
          <p style={{ fontSize: 13, color: '#555', margin: 0 }} data-testid="results-analysis">
            Analysed without training: predictions{' '}
            <strong data-testid="results-data">{results.analysis.file}</strong> ·{' '}
            {results.testRows.toLocaleString('en-US')} rows · {results.groupings.length} models ·{' '}
            {new Date(results.createdAt).toLocaleString()}
          </p>
        ) : (
          <p style={{ fontSize: 13, color: '#555', margin: 0 }}>
            Trained on backend <strong data-testid="results-backend">{results.backend}</strong> · data{' '}
            <strong data-testid="results-data">{dataSourceText(results.config)}</strong> ·{' '}
            {results.testRows.toLocaleString('en-US')} test rows ·{' '}
            {new Date(results.createdAt).toLocaleString()}
          </p>
        )}
        <ReproductionLine results={results} />
      </div>
      {/* Second child in both branches, so React keeps its state (the import message) across them. */}
      <ImportResults />
      <StudyExportBar file={{ kind, results: exported }} />
      {kind === 'tuning' && results.tuning && <TuningPanel tuning={results.tuning} />}
      <ResultsHelp baseline={results.baseline} />
      <div>
        <h3 style={h3}>Table 1: AP by channel{firstSeed}</h3>
        <Table1 rows={rows} baseline={results.baseline} />
      </div>
      {results.rigor && stage >= 2 && (
        <div>
          <h3 style={h3}>Table 1 with intervals: seeds and paired bootstrap</h3>
          <RigorTable1 results={results} rigor={results.rigor} />
          <h3 style={h3}>Verdicts against {results.baseline}</h3>
          <VerdictList verdicts={verdictList(results)} />
        </div>
      )}
      {kind !== 'tuning' && results.tuning && stage >= 2 && <TuningPanel tuning={results.tuning} />}
      {results.rigor && stage >= 3 && <ReplayPanel results={results} rigor={results.rigor} />}
      {results.rigor && stage >= 4 && <PrCurves results={results} rigor={results.rigor} />}
      {stage >= 5 && <TierCharts results={results} />}
      {stage >= 6 && (
        <div>
          <h3 style={h3}>Less-streamed and high-stream creators{firstSeed}</h3>
          <div style={{ display: 'grid', gap: 16 }}>
            {segments.map((s) => (
              <SegmentTables key={s.channel} channel={s.channel} segments={s.segments} />
            ))}
          </div>
        </div>
      )}
      {stage >= 7 && <TrainingDiagnostics results={results} />}
    </section>
  );
}
