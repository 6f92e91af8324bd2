/**
 * A line chart of prepared rows: one line per configured series key, x from `xKey`. It draws
 * what it is given (nulls are gaps, never zeros) and does no aggregation or downsampling.
 * Optionally a caption under it and a horizontal reference line (e.g. at 0).
 */
import { memo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { captionText, chartFrame, emptyChart } from './styles';
import { useChartTurn } from './chart-turn';
import { ChartWait } from './chart-wait';

export interface LineSeriesConfig {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  /** SVG dash pattern, e.g. '6 3'; solid when absent. */
  readonly dash?: string;
}

export interface LineSeriesChartProps {
  readonly data: readonly object[];
  readonly xKey: string;
  readonly xLabel: string;
  /** The y axis label, with its unit (e.g. 'loss (nats)'). */
  readonly yLabel: string;
  readonly series: readonly LineSeriesConfig[];
  readonly height?: number;
  /** Fixed y range, e.g. [0, 1] for AP; automatic when absent. */
  readonly yDomain?: readonly [number, number];
  readonly testId?: string;
  /** Shown in place of the chart while there is nothing to draw. */
  readonly emptyText?: string;
  /** What the lines mean, shown under the chart (none when absent). */
  readonly meaning?: string;
  /** A grey horizontal line at this y (e.g. 0 for a signed quantity). */
  readonly referenceY?: number;
}

const formatValue = (v: unknown): string => (typeof v === 'number' ? v.toFixed(4) : 'n/a');

/**
 * Memoised: a live chart's parent re-renders on every progress event while its (throttled,
 * memoised) data stays the same, and re-rendering a Recharts tree with equal props still costs its
 * whole render, commit and internal store update on the main thread that training shares.
 */
export const LineSeriesChart = memo(function LineSeriesChart({
  data,
  xKey,
  xLabel,
  yLabel,
  series,
  height = 260,
  yDomain,
  testId,
  emptyText = 'no data yet',
  meaning,
  referenceY,
}: LineSeriesChartProps) {
  const turn = useChartTurn();
  if (data.length === 0 || series.length === 0) {
    return (
      <div data-testid={testId} style={{ ...emptyChart, height }}>
        {emptyText}
      </div>
    );
  }
  if (!turn) return <ChartWait height={height} />;
  return (
    <div data-testid={testId} style={chartFrame}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data as object[]} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" />
          <XAxis
            dataKey={xKey}
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            tick={{ fontSize: 12 }}
            label={{ value: xLabel, position: 'insideBottom', offset: -12, fontSize: 12 }}
          />
          <YAxis
            domain={yDomain ? [yDomain[0], yDomain[1]] : ['auto', 'auto']}
            tick={{ fontSize: 12 }}
            tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
            width={56}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize: 12, dy: 40 }}
          />
          {referenceY !== undefined && <ReferenceLine y={referenceY} stroke="#888" />}
          <Tooltip
            formatter={formatValue}
            labelFormatter={(x) => `${xLabel} ${String(x)}`}
            contentStyle={{ fontSize: 12 }}
          />
          {/* itemSorter null: the legend keeps the configured order (Recharts sorts by name by default). */}
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize: 12, paddingBottom: 4 }} />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeDasharray={s.dash}
              strokeWidth={2}
              dot={data.length <= 30}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      {meaning && <p style={captionText}>{meaning}</p>}
    </div>
  );
});
