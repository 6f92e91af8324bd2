/**
 * Training diagnostics per multi-head grouping: the learned (or fixed) loss weight of each head
 * per epoch, and the gradient conflict between heads, as a heat map of one epoch's pairwise
 * cosines and a line per pair over the epochs. Hidden for results that did not record them.
 */
import { useId, useMemo, useState } from 'react';
import { HeatMap } from '../../charts/HeatMap';
import { LineSeriesChart } from '../../charts/LineSeriesChart';
import type { ExperimentResults } from '../../core/results/results-types';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import {
  type ConflictView,
  diagnosticsViews,
  epochOptions,
  type GroupingDiagnostics,
  heatmapEpoch,
  type LineView,
} from '../../charts/diagnostics-view';
import { heatmapAt } from '../../charts/conflict-heatmap-view';
import { resultsFileStem } from '../../core/results/study-files';

const h3 = { fontSize: 15, margin: '0 0 4px' } as const;
const h4 = { fontSize: 14, margin: '0 0 4px' } as const;
const h5 = { fontSize: 13, margin: '0 0 4px', fontWeight: 600 } as const;
const grid = {
  display: 'grid',
  gap: 16,
  gridTemplateColumns: 'repeat(auto-fit, minmax(340px, 1fr))',
  alignItems: 'start',
} as const;
const titleRow = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: '4px 12px',
  alignItems: 'baseline',
  justifyContent: 'space-between',
} as const;
const noShrink = { flexShrink: 0, whiteSpace: 'nowrap' } as const;

function LineBlock({
  title,
  view,
  testId,
  fileStem,
  yLabel,
  signed,
}: {
  title: string;
  view: LineView;
  testId: string;
  fileStem: string;
  yLabel: string;
  /** A cosine: fixed range -1..1 with a line at 0. */
  signed?: boolean;
}) {
  return (
    <div style={{ minWidth: 0 }}>
      <div style={titleRow}>
        <div style={h5}>{title}</div>
        <span style={noShrink}>
          <ChartExportButtons
            testId={testId}
            fileStem={fileStem}
            meta={{ title, legend: view.series, notes: [view.meaning] }}
          />
        </span>
      </div>
      <LineSeriesChart
        testId={testId}
        data={view.rows}
        xKey="epoch"
        xLabel="epoch"
        yLabel={yLabel}
        series={view.series}
        height={240}
        yDomain={signed ? [-1, 1] : undefined}
        referenceY={signed ? 0 : undefined}
        meaning={view.meaning}
      />
    </div>
  );
}

function ConflictHeatMap({
  d,
  view,
  fileStem,
}: {
  d: GroupingDiagnostics;
  view: ConflictView;
  fileStem: string;
}) {
  const [chosen, setChosen] = useState<number | null>(null);
  const selectId = useId();
  const epoch = heatmapEpoch(view, chosen);
  const map = useMemo(() => heatmapAt(d, view, epoch), [d, view, epoch]);
  const title = `Gradient conflict between the heads of ${d.id}, epoch ${epoch}`;
  return (
    <div style={{ minWidth: 0 }}>
      <div style={titleRow}>
        <div style={h5}>Gradient conflict between heads</div>
        <span style={{ ...noShrink, fontSize: 13 }}>
          <label htmlFor={selectId}>at </label>
          <select
            id={selectId}
            data-testid={`conflict-epoch-${d.id}`}
            value={epoch}
            style={{ width: 'auto' }}
            onChange={(e) => setChosen(Number(e.target.value))}
          >
            {epochOptions(view, d.bestEpoch).map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>{' '}
          {/* The scale bar is part of the drawing, so the file needs no legend of its own. */}
          <ChartExportButtons
            testId={`conflict-heatmap-${d.id}`}
            fileStem={fileStem}
            meta={{ title, legend: [], notes: [map.summary, map.meaning] }}
          />
        </span>
      </div>
      <p style={{ fontSize: 13, margin: '0 0 6px' }} data-testid={`conflict-summary-${d.id}`}>
        {map.summary}
      </p>
      <HeatMap
        testId={`conflict-heatmap-${d.id}`}
        label={`Gradient cosines between the heads of ${d.id} at epoch ${epoch}`}
        rowLabels={map.labels}
        colLabels={map.labels}
        cells={map.cells}
        scale={map.scale}
        meaning={map.meaning}
      />
    </div>
  );
}

function GroupingBlock({ d, fileStem }: { d: GroupingDiagnostics; fileStem: string }) {
  return (
    <section data-testid={`diagnostics-${d.id}`} aria-label={`Training diagnostics of ${d.id}`}>
      <h4 style={h4}>
        <code>{d.id}</code> <small style={{ fontWeight: 'normal', color: '#555' }}>({d.modelText})</small>
      </h4>
      <div style={grid}>
        {d.weights && (
          <LineBlock
            title={`Loss weight per head (${d.id})`}
            view={d.weights}
            testId={`weights-chart-${d.id}`}
            fileStem={fileStem}
            yLabel="loss weight"
          />
        )}
        {d.conflict && <ConflictHeatMap d={d} view={d.conflict} fileStem={fileStem} />}
        {d.conflict && (
          <LineBlock
            title={`Gradient cosine per pair over epochs (${d.id})`}
            view={d.conflict.lines}
            testId={`conflict-lines-${d.id}`}
            fileStem={fileStem}
            yLabel="gradient cosine"
            signed
          />
        )}
      </div>
    </section>
  );
}

export function TrainingDiagnostics({ results }: { results: ExperimentResults }) {
  const views = useMemo(() => diagnosticsViews(results), [results]);
  if (views.length === 0) return null;
  const seeds = results.rigor?.seeds ?? [];
  const firstSeed = seeds.length > 1 ? ` (first seed, ${seeds[0]}, of ${seeds.length})` : '';
  return (
    <div data-testid="training-diagnostics">
      <h3 style={h3}>Training diagnostics: loss weights and gradient conflict{firstSeed}</h3>
      <p style={{ fontSize: 13, color: '#555', margin: '0 0 8px' }}>
        For each grouping with several heads: how much each head&apos;s loss counted at each epoch, and
        whether the heads&apos; gradients on the shared parameters agree (cosine &gt; 0) or pull against each
        other (cosine &lt; 0), the mechanism behind negative transfer.
      </p>
      <div style={{ display: 'grid', gap: 20 }}>
        {views.map((d) => (
          <GroupingBlock key={d.id} d={d} fileStem={resultsFileStem(results)} />
        ))}
      </div>
    </div>
  );
}
