/**
 * A finished cold-start experiment: AP against label budget for all test rows and for
 * less-streamed shows (one line per method, error bars over seeds, the ceiling when known), and
 * the numbers in a table. Table cells carry data-method, data-segment, data-budget and data-ap
 * (the mean) for tests and tools, like the chart's dots.
 */
import {
  COLD_START_METHODS,
  COLD_START_SEGMENTS,
  type ColdStartResults,
} from '../../core/results/cold-start-types';
import { resultsFileStem } from '../../core/results/study-files';
import type { StudyMeta } from '../../core/results/study-io';
import { useAppStore } from '../../store';
import { ExportableColdStartChart } from '../../ui/ExportableColdStartChart';
import { StudyExportBar } from '../../ui/StudyExportBar';
import {
  ceilingCells,
  coldStartChart,
  coldStartMeaning,
  coldStartTable,
  METHOD_STYLE,
  SEGMENT_TITLE,
} from '../../charts/cold-start-view';

const apAttr = (ap: number | null) => (ap === null ? 'null' : String(ap));

function ResultsTable({ results }: { results: ColdStartResults }) {
  const rows = coldStartTable(results);
  const ceiling = ceilingCells(results);
  return (
    <>
      <div className="table-scroll">
        <table className="compact" data-testid="cold-start-table" aria-describedby="cold-start-caption">
          <thead>
            <tr>
              <th rowSpan={2}>Budget</th>
              <th rowSpan={2} className="num">
                Labels kept
              </th>
              {COLD_START_METHODS.map((m) => (
                <th key={m} colSpan={COLD_START_SEGMENTS.length} className="group">
                  {METHOD_STYLE[m].label}
                </th>
              ))}
            </tr>
            <tr>
              {COLD_START_METHODS.map((m) =>
                COLD_START_SEGMENTS.map((seg) => (
                  <th key={`${m}-${seg}`} className="num">
                    {SEGMENT_TITLE[seg]}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.budget} data-budget={r.budget}>
                <td>{r.budgetText}</td>
                <td className="num" data-labels={r.labels === null ? 'null' : r.labels}>
                  {r.labelsText}
                </td>
                {r.cells.map((c) => (
                  <td
                    key={`${c.method}-${c.segment}`}
                    className="num"
                    data-method={c.method}
                    data-segment={c.segment}
                    data-budget={r.budget}
                    data-ap={apAttr(c.ap)}
                    title={c.ap === null ? 'undefined AP (no positive test row)' : undefined}
                  >
                    {c.text}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ceiling && (
        <p className="help" data-testid="cold-start-ceiling">
          True-probability ceiling (the simulator&apos;s own probabilities, the same for every method and
          budget):{' '}
          {ceiling.map((c, i) => (
            <span key={c.segment} data-segment={c.segment} data-ap={apAttr(c.ap)}>
              {i > 0 && '; '}
              {SEGMENT_TITLE[c.segment].toLowerCase()} {c.text}
            </span>
          ))}
          .
        </p>
      )}
    </>
  );
}

/**
 * `meta`: when, where and under which config the results were made (exports carry it and an
 * imported file can then be saved to History); by default the store's, for a cold start opened
 * from History or imported.
 */
export function ColdStartResultsView({
  results,
  meta,
}: {
  results: ColdStartResults;
  meta?: StudyMeta | null;
}) {
  const stored = useAppStore((s) => (s.coldStartMeta?.results === results ? s.coldStartMeta.meta : null));
  const runMeta = meta ?? stored;
  const stem = resultsFileStem({ createdAt: runMeta?.createdAt ?? '' }, 'cold-start');
  const seeds = results.seeds.length;
  return (
    <div data-testid="cold-start-results" style={{ display: 'grid', gap: 12, minWidth: 0 }}>
      <h3>
        New task <code>{results.task}</code>: {results.testRows.toLocaleString('en-US')} test rows (
        {results.testPositives.toLocaleString('en-US')} positive) from {results.sources.join(' and ')}; joint
        model: {results.encoder}, nearest head <code>{results.nearestHead}</code>;{' '}
        {seeds > 1
          ? `${seeds} training seeds (${results.seeds.join(', ')})`
          : `training seed ${results.seeds[0]}`}
      </h3>
      <StudyExportBar file={{ kind: 'cold-start', results, ...(runMeta ? { meta: runMeta } : {}) }} />
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
        {COLD_START_SEGMENTS.map((seg) => {
          const chart = coldStartChart(results, seg);
          return (
            <ExportableColdStartChart
              key={seg}
              series={chart.series}
              ticks={chart.ticks}
              ceiling={chart.ceiling}
              ceilingLabel="true-probability ceiling"
              title={SEGMENT_TITLE[seg]}
              exportTitle={`${results.task} at cold start: ${SEGMENT_TITLE[seg]}`}
              xLabel={`share of ${results.task} training labels kept`}
              yLabel="AP"
              testId={`cold-start-chart-${seg}`}
              fileStem={stem}
              notes={[coldStartMeaning(results)]}
            />
          );
        })}
      </div>
      <p className="help" id="cold-start-caption">
        {coldStartMeaning(results)} Table: mean AP{seeds > 1 ? ' [95% interval over seeds]' : ''} per method
        and segment; labels kept: training rows of the new task whose label the budget kept (first seed); n/a:
        AP undefined (no positive test row in the segment), never 0.
      </p>
      <ResultsTable results={results} />
    </div>
  );
}
