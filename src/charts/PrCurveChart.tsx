/**
 * Precision-recall curves: recall on x (0..1), precision on y (0..1), one line per series, drawn
 * as steps the way average precision sums them (each precision holds from the previous recall
 * level up to its own). An optional dashed line marks the positive rate, the precision of a
 * random ranking. The caption shows `meaning`.
 */
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

export interface PrPoint {
  readonly recall: number;
  readonly precision: number;
}

export interface PrCurveSeries {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  /** Recall ascending. */
  readonly points: readonly PrPoint[];
}

export interface PrCurveChartProps {
  readonly series: readonly PrCurveSeries[];
  /** What the curves are, shown under the chart. */
  readonly meaning: string;
  /** Positive rate of the rows (precision of a random ranking); no line when null or absent. */
  readonly baseRate?: number | null;
  /** 'stepBefore' (default, matches AP) or 'linear'. */
  readonly curve?: 'stepBefore' | 'linear';
  readonly testId?: string;
  readonly height?: number;
  /** Shown in place of the chart when there is no curve. */
  readonly emptyText?: string;
}

const FONT = 12;
const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];

export function PrCurveChart({
  series,
  meaning,
  baseRate = null,
  curve = 'stepBefore',
  testId,
  height = 280,
  emptyText = 'no precision-recall curve',
}: PrCurveChartProps) {
  const turn = useChartTurn();
  if (series.length === 0) {
    return (
      <figure data-testid={testId} style={{ ...chartFrame, margin: 0 }}>
        <div style={{ ...emptyChart, height }}>{emptyText}</div>
        <figcaption style={captionText}>{meaning}</figcaption>
      </figure>
    );
  }
  if (!turn) return <ChartWait height={height} />;
  return (
    <figure data-testid={testId} style={{ ...chartFrame, margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" />
          <XAxis
            dataKey="recall"
            type="number"
            domain={[0, 1]}
            ticks={ticks}
            tick={{ fontSize: FONT }}
            label={{ value: 'recall', position: 'insideBottom', offset: -12, fontSize: FONT }}
          />
          <YAxis
            type="number"
            domain={[0, 1]}
            ticks={ticks}
            tick={{ fontSize: FONT }}
            width={48}
            label={{ value: 'precision', angle: -90, position: 'insideLeft', fontSize: FONT, dy: 30 }}
          />
          {baseRate !== null && (
            <ReferenceLine
              y={baseRate}
              stroke="#888"
              strokeDasharray="4 4"
              label={{ value: 'positive rate', position: 'insideTopRight', fontSize: FONT - 1, fill: '#666' }}
            />
          )}
          <Tooltip
            formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : 'n/a')}
            labelFormatter={(x) => `recall ${typeof x === 'number' ? x.toFixed(3) : String(x)}`}
            contentStyle={{ fontSize: FONT }}
          />
          {/* itemSorter null: the legend keeps the configured order (Recharts sorts by name by default). */}
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize: FONT, paddingBottom: 4 }} />
          {series.map((s) => (
            <Line
              key={s.key}
              data={s.points as PrPoint[]}
              dataKey="precision"
              name={s.label}
              type={curve}
              stroke={s.color}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption style={captionText}>{meaning}</figcaption>
    </figure>
  );
}
