/**
 * A finished ablation grid: per arm, AP per channel over seeds and the change against full with
 * its paired-bootstrap interval and p-value, then the changes as bars with their intervals.
 * AP cells carry the full mean in `data-ap` for tests and tools.
 */
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { TASK_COLORS } from '../../charts/palette';
import { FULL_ARM } from '../../core/config/ablation';
import { SOURCE_LABEL } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/results/results-types';
import { resultsFileStem } from '../../core/results/study-files';
import { ChartExportRow } from '../../ui/ChartExportButtons';
import { StudyExportBar } from '../../ui/StudyExportBar';
import { type AblationRow, ablationChart, ablationRows, CHANNELS, chartMeaning } from './ablation-view';

const BARS = [
  { key: 'promo', label: SOURCE_LABEL.promo, color: TASK_COLORS.promo_stream },
  { key: 'ad', label: SOURCE_LABEL.ad, color: TASK_COLORS.ad_stream },
] as const;

function ArmRow({ row }: { row: AblationRow }) {
  return (
    <tr
      data-arm={row.id}
      data-reference={row.isFull ? 'true' : undefined}
      className={row.isFull ? 'baseline' : undefined}
    >
      <td>
        <code>{row.id}</code>
        {row.isFull && <strong> (reference)</strong>}
      </td>
      <td className="wrap">{row.change}</td>
      {CHANNELS.map((c) => {
        const x = row.cells[c];
        return [
          <td
            key={`${c}-ap`}
            className="num"
            data-ap={x.ap === null ? 'null' : String(x.ap)}
            data-channel={c}
          >
            {x.apText}
          </td>,
          <td key={`${c}-rel`} className="num">
            {x.relText}
          </td>,
          <td key={`${c}-boot`} className="num">
            {x.bootText}
          </td>,
          <td key={`${c}-p`} className="num">
            {x.pText}
          </td>,
        ];
      })}
    </tr>
  );
}

export function AblationResults({ results }: { results: ExperimentResults }) {
  const rows = ablationRows(results);
  const chart = ablationChart(results);
  const seeds = results.rigor?.seeds.length ?? 1;
  const resamples = results.rigor?.bootstrapResamples ?? 0;
  const target = results.ablation?.target ?? results.baseline;
  const skipped = results.ablation?.skipped ?? [];
  const meaning = chartMeaning(chart.interval, resamples, seeds);
  const chartTitle = `Grid of ${target}: AP change of each arm vs ${FULL_ARM}`;
  const seedText =
    seeds > 1
      ? `mean over ${seeds} training seeds, [95% t interval]`
      : 'one training seed (no interval over seeds)';
  return (
    <div data-testid="ablation-results" style={{ display: 'grid', gap: 12, minWidth: 0 }}>
      <h3>
        Grid of <code>{target}</code>: {rows.length} arms, {seedText}
      </h3>
      <StudyExportBar file={{ kind: 'ablation', results }} />
      <p className="help" id="ablation-table-caption">
        AP on all test rows of each channel. vs {FULL_ARM}: change against the unchanged {target} on the same
        rows and seed; bootstrap: 95% paired bootstrap interval of that change
        {resamples > 0 ? ` (${resamples} resamples of the test rows)` : ' (off)'}; p: two-sided bootstrap
        p-value.
      </p>
      <div className="table-scroll">
        <table className="compact" data-testid="ablation-table" aria-describedby="ablation-table-caption">
          <thead>
            <tr>
              <th rowSpan={2}>Arm</th>
              <th rowSpan={2}>Change</th>
              {CHANNELS.map((c) => (
                <th key={c} colSpan={4} className="group">
                  {SOURCE_LABEL[c]}
                </th>
              ))}
            </tr>
            <tr>
              {CHANNELS.map((c) =>
                ['AP', `vs ${FULL_ARM}`, 'bootstrap', 'p'].map((h) => (
                  <th key={`${c}-${h}`} className="num">
                    {h}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <ArmRow key={r.id} row={r} />
            ))}
          </tbody>
        </table>
      </div>
      {skipped.length > 0 && (
        <p className="help">Not in the grid: {skipped.map((s) => `${s.change} (${s.reason})`).join('; ')}.</p>
      )}
      <ChartExportRow
        testId="ablation-chart"
        fileStem={resultsFileStem(results, 'ablation')}
        meta={{ title: chartTitle, legend: BARS, notes: [meaning] }}
      />
      <IntervalBarChart
        rows={chart.rows}
        bars={BARS}
        yLabel={`AP change vs ${FULL_ARM} (%)`}
        meaning={meaning}
        testId="ablation-chart"
      />
    </div>
  );
}
