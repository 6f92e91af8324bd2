/**
 * Ticked cold starts overlaid (cold-start-overlay.ts): one chart per segment, a colour per run and
 * a dash per method, each chart exportable as PNG and SVG.
 */
import { useMemo } from 'react';
import { COLD_START_SEGMENTS, type ColdStartSegment } from '../../core/results/cold-start-types';
import { resultsFileStem } from '../../core/results/study-files';
import type { RunRecord } from '../../store/history-record';
import { ExportableColdStartChart } from '../../ui/ExportableColdStartChart';
import { coldStartOverlay } from './cold-start-overlay';
import { datasetNote } from './history-view';

const TITLE: Readonly<Record<ColdStartSegment, string>> = {
  all: 'Cold starts compared: all test rows',
  'less-streamed': 'Cold starts compared: less-streamed shows',
};

const MEANING =
  'AP of the new task against the share of its training labels kept (budgets as evenly spaced categories). Colour: the run; line: solid = from scratch, dashed = the joint model applied directly, dotted = that model fine-tuned. Error bars: 95% t interval over each run’s seeds (where 2 or more are defined).';

const stemNow = () => `${resultsFileStem({ createdAt: new Date().toISOString() }, 'cold-start')}-compare`;

function OverlayChart({
  runs,
  compareIds,
  segment,
}: {
  runs: readonly RunRecord[];
  compareIds: readonly string[];
  segment: ColdStartSegment;
}) {
  const view = useMemo(() => coldStartOverlay(runs, compareIds, segment), [runs, compareIds, segment]);
  if (!view) return null;
  const ceiling =
    view.ceiling === null ? [] : ['Dashed grey: the simulator truth’s AP on the same rows (a ceiling).'];
  return (
    <ExportableColdStartChart
      series={view.series}
      ticks={view.ticks}
      ceiling={view.ceiling}
      ceilingLabel="true-probability ceiling"
      title={TITLE[segment]}
      xLabel="share of the task's training labels kept"
      yLabel="AP"
      testId={`cold-start-compare-${segment}`}
      height={320}
      fileStem={stemNow}
      notes={[MEANING, ...ceiling]}
    />
  );
}

export function ColdStartOverlayView({
  runs,
  compareIds,
}: {
  runs: readonly RunRecord[];
  compareIds: readonly string[];
}) {
  const first = useMemo(() => coldStartOverlay(runs, compareIds, 'all'), [runs, compareIds]);
  if (!first) return null;
  const note = datasetNote(first.runs.map((r) => r.run));
  return (
    <section
      aria-label="Compare cold starts"
      className="panel history-compare"
      data-testid="cold-start-compare"
    >
      <h3>Cold starts overlaid</h3>
      <p className="help">{MEANING}</p>
      <ul className="help small">
        {first.runs.map(({ run, color }) => (
          <li key={run.id} data-run-id={run.id} style={{ color }}>
            <strong>{run.name}</strong>: task {run.results.task}, {run.results.seeds.length} seed(s)
          </li>
        ))}
      </ul>
      {first.taskNote && <p className="warn">{first.taskNote}</p>}
      {note && <p className="warn">{note}</p>}
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))' }}>
        {COLD_START_SEGMENTS.map((seg) => (
          <OverlayChart key={seg} runs={runs} compareIds={compareIds} segment={seg} />
        ))}
      </div>
    </section>
  );
}
