/**
 * Live training curves: the loss per task of the grouping being trained, and every grouping's
 * validation AP per epoch. The curves are prepared in core (series.ts); the charts only draw.
 */
import { memo, useDeferredValue, useMemo } from 'react';
import { LineSeriesChart } from '../../charts/LineSeriesChart';
import { CHANNEL_DASH, groupingColor, TASK_COLORS } from '../../charts/palette';
import { SOURCE_LABEL } from '../../core/data/schema';
import { lossChartSeries, valApChartSeries } from '../../core/results/reports/series';
import { resultsFileStem } from '../../core/results/study-files';
import { useAppStore } from '../../store';
import { selectAllValApSeries, selectLossSeries } from '../../store/selectors';
import { ChartExportRow } from '../../ui/ChartExportButtons';
import { groupingLabel } from './format';
import { useThrottled } from './use-throttled';

/**
 * How often the live loss curve may redraw (ms): see use-throttled.ts. A redraw measured 25-90 ms
 * of main-thread work on the 2-core machine (render, commit and Recharts' own store), which at
 * once a second took 3-9% of a core from training; every 2 s halves that.
 */
const LOSS_REDRAW_MS = 2000;
/** A live chart is exported as it is drawn at the click, so its files are named for that moment. */
const liveStem = () => `${resultsFileStem({ createdAt: new Date().toISOString() })}-live`;

// memo: the run panel re-renders on every progress event; these charts only when their data moves.
const LossChart = memo(function LossChart({ grouping }: { grouping: string }) {
  const selector = useMemo(() => selectLossSeries(grouping), [grouping]);
  const points = useThrottled(useAppStore(selector), LOSS_REDRAW_MS, grouping);
  const { rows, tasks } = useMemo(() => lossChartSeries(points), [points]);
  const series = useMemo(() => tasks.map((t) => ({ key: t, label: t, color: TASK_COLORS[t] })), [tasks]);
  const title = `Loss per task: ${groupingLabel(grouping)}`;
  const note =
    'Training loss of each head (masked binary cross-entropy, nats per labelled row) by training step.';
  return (
    <>
      <ChartExportRow
        testId="loss-chart"
        fileStem={liveStem}
        meta={{ title, legend: series, notes: [note] }}
      />
      <LineSeriesChart
        testId="loss-chart"
        data={rows}
        xKey="step"
        xLabel="training step"
        yLabel="loss (nats)"
        series={series}
        emptyText="waiting for the first loss reading…"
      />
    </>
  );
});

const ValApChart = memo(function ValApChart({ groupings }: { groupings: readonly string[] }) {
  // Deferred: a store update renders synchronously in one task; the redraw of a dozen lines may
  // instead render in slices that yield to the browser.
  const byGrouping = useDeferredValue(useAppStore(selectAllValApSeries));
  const { rows, series } = useMemo(() => valApChartSeries(groupings, byGrouping), [groupings, byGrouping]);
  const lines = useMemo(
    () =>
      series.map((s) => ({
        key: s.key,
        label: `${s.grouping} (${SOURCE_LABEL[s.channel].toLowerCase()})`,
        color: groupingColor(s.grouping),
        dash: CHANNEL_DASH[s.channel],
      })),
    [series],
  );
  const note = 'Validation AP of each grouping after each epoch; solid: promotions, dashed: ads.';
  return (
    <>
      <ChartExportRow
        testId="val-ap-chart"
        fileStem={liveStem}
        meta={{ title: 'Validation AP per epoch', legend: lines, notes: [note] }}
      />
      <LineSeriesChart
        testId="val-ap-chart"
        data={rows}
        xKey="epoch"
        xLabel="epoch"
        yLabel="validation AP"
        series={lines}
        emptyText="validation AP appears after each epoch"
      />
    </>
  );
});

const panel = { minWidth: 0, flex: '1 1 420px' } as const;

export function LiveCharts({ active, groupings }: { active: string | null; groupings: readonly string[] }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      <section style={panel}>
        <h3 style={{ fontSize: 14, margin: '0 0 4px' }}>
          Loss per task{active ? `: ${groupingLabel(active)}` : ''}
        </h3>
        {active ? (
          <LossChart grouping={active} />
        ) : (
          <p style={{ fontSize: 13 }}>Start a run to see its loss.</p>
        )}
      </section>
      <section style={panel}>
        <h3 style={{ fontSize: 14, margin: '0 0 4px' }}>
          Validation AP per epoch (solid: promotions, dashed: ads)
        </h3>
        <ValApChart groupings={groupings} />
      </section>
    </div>
  );
}
