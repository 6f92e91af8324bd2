/**
 * Live training curves: the loss per task of the grouping being trained, and every grouping's
 * validation AP per epoch. The curves are prepared in core (series.ts); the charts only draw.
 */
import { useMemo } from 'react';
import { LineSeriesChart } from '../../charts/LineSeriesChart';
import { CHANNEL_DASH, groupingColor, TASK_COLORS } from '../../charts/palette';
import { lossChartSeries, valApChartSeries } from '../../core/metrics/series';
import { useAppStore } from '../../store';
import { selectLossSeries } from '../../store/selectors';
import { groupingLabel } from './format';
import { selectAllValApSeries } from '../../store/selectors';

const CHANNEL_NAME = { promo: 'promotions', ad: 'ads' } as const;

function LossChart({ grouping }: { grouping: string }) {
  const selector = useMemo(() => selectLossSeries(grouping), [grouping]);
  const points = useAppStore(selector);
  const { rows, tasks } = useMemo(() => lossChartSeries(points), [points]);
  const series = tasks.map((t) => ({ key: t, label: t, color: TASK_COLORS[t] }));
  return (
    <LineSeriesChart
      testId="loss-chart"
      data={rows}
      xKey="step"
      xLabel="training step"
      yLabel="loss (nats)"
      series={series}
      emptyText="waiting for the first loss reading…"
    />
  );
}

function ValApChart({ groupings }: { groupings: readonly string[] }) {
  const byGrouping = useAppStore(selectAllValApSeries);
  const { rows, series } = useMemo(() => valApChartSeries(groupings, byGrouping), [groupings, byGrouping]);
  const lines = series.map((s) => ({
    key: s.key,
    label: `${s.grouping} (${CHANNEL_NAME[s.channel]})`,
    color: groupingColor(s.grouping),
    dash: CHANNEL_DASH[s.channel],
  }));
  return (
    <LineSeriesChart
      testId="val-ap-chart"
      data={rows}
      xKey="epoch"
      xLabel="epoch"
      yLabel="validation AP"
      series={lines}
      emptyText="validation AP appears after each epoch"
    />
  );
}

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
