/**
 * Grouped bars with error bars: per x category and configured key, a mean (in percent) and an
 * optional [lo, hi] interval drawn as a whisker. A null mean draws a small "n/a" at the zero line
 * instead of a bar (an undefined value is never drawn as 0); a defined mean without an interval
 * draws its bar without a whisker. The caption shows `meaning`, which says what the error bars are.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { naOrBar } from './na-bar';
import { captionText, chartFrame } from './styles';
import { useChartTurn } from './chart-turn';
import { ChartWait } from './chart-wait';

/** One value, in percent: mean and 95% interval bounds; null = undefined (mean) or no interval (lo/hi). */
export interface IntervalValue {
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** One x category (e.g. 'Tier 0'): per bar key its value; a missing key counts as undefined. */
export type IntervalRow = {
  readonly x: string;
  readonly values: Readonly<Record<string, IntervalValue>>;
};

export interface IntervalBarConfig {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

export interface IntervalBarChartProps {
  readonly rows: readonly IntervalRow[];
  readonly bars: readonly IntervalBarConfig[];
  /** The y axis label, with its unit. */
  readonly yLabel: string;
  /** What the bars and the error bars mean, shown under the chart. */
  readonly meaning: string;
  readonly testId?: string;
  readonly height?: number;
  /** Text size in px (ticks, legend, labels); larger for presentation slides. Default 12. */
  readonly fontSize?: number;
  /** Leave out the caption (a slide writes its own, shorter one). */
  readonly hideCaption?: boolean;
}

const FONT = 12;

/** A percentage with sign and 1 decimal: '+4.5%', '-2.0%'. */
const pct = (v: number): string => `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;

/** 'mean [lo, hi]', 'mean' without an interval, or 'n/a (undefined)'. */
export function intervalText(v: IntervalValue | undefined): string {
  if (!v || v.mean === null) return 'n/a (undefined)';
  return v.lo === null || v.hi === null ? pct(v.mean) : `${pct(v.mean)} [${pct(v.lo)}, ${pct(v.hi)}]`;
}

const meanOf = (row: { values: IntervalRow['values'] }, key: string): number | null =>
  row.values[key]?.mean ?? null;

/** The whisker as Recharts wants it: [mean - lo, hi - mean], or null (no whisker). */
function errorOf(row: { values: IntervalRow['values'] }, key: string): [number, number] | null {
  const v = row.values[key];
  if (!v || v.mean === null || v.lo === null || v.hi === null) return null;
  return [v.mean - v.lo, v.hi - v.mean];
}

function IntervalTooltip({
  active,
  payload,
  bars,
}: TooltipContentProps & { bars: readonly IntervalBarConfig[] }) {
  const row = payload?.[0]?.payload as IntervalRow | undefined;
  if (!active || !row) return null;
  return (
    <div style={{ background: '#fff', border: '1px solid #ccc', padding: '6px 8px', fontSize: FONT }}>
      {/* Not the bare category, so the axis ticks stay the only such texts in the chart. */}
      <div style={{ fontWeight: 600 }}>{`${row.x}: mean [95% interval]`}</div>
      {bars.map((b) => (
        <div key={b.key} style={{ color: b.color }}>
          {b.label}: {intervalText(row.values[b.key])}
        </div>
      ))}
    </div>
  );
}

export function IntervalBarChart({
  rows,
  bars,
  yLabel,
  meaning,
  testId,
  height = 300,
  fontSize = FONT,
  hideCaption = false,
}: IntervalBarChartProps) {
  const turn = useChartTurn();
  const undefinedCount = rows.reduce((n, r) => n + bars.filter((b) => meanOf(r, b.key) === null).length, 0);
  const noInterval = rows.some((r) =>
    bars.some((b) => meanOf(r, b.key) !== null && errorOf(r, b.key) === null),
  );
  if (!turn) return <ChartWait height={height} />;
  return (
    <figure data-testid={testId} style={{ ...chartFrame, margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows as IntervalRow[]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" vertical={false} />
          <XAxis dataKey="x" interval={0} tick={{ fontSize }} />
          <YAxis
            tick={{ fontSize }}
            tickFormatter={(v: number) => `${v}%`}
            width={64}
            // Room above the top tick for an "n/a" mark at 0 when every value is negative.
            padding={{ top: 14 }}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize, dy: 80 }}
          />
          <ReferenceLine y={0} stroke="#888" />
          <Tooltip content={(p) => <IntervalTooltip {...p} bars={bars} />} />
          {/* itemSorter null: the legend keeps the configured order (Recharts sorts by name by default). */}
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize, paddingBottom: 4 }} />
          {bars.map((b) => (
            <Bar
              key={b.key}
              // An undefined value sits at 0 only to place its "n/a" mark; the shape draws no bar there.
              dataKey={(row: IntervalRow) => meanOf(row, b.key) ?? 0}
              name={b.label}
              fill={b.color}
              shape={naOrBar((p) => meanOf(p as IntervalRow, b.key) === null, fontSize)}
              isAnimationActive={false}
            >
              {/* Recharts calls this with the raw row (axis domain) and with the bar item, which spreads the row. */}
              <ErrorBar
                dataKey={(row: IntervalRow) => errorOf(row, b.key)}
                width={4}
                stroke="#222"
                strokeWidth={1.2}
                isAnimationActive={false}
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
      {!hideCaption && (
        <figcaption style={captionText}>
          {meaning}
          {noInterval && ' A bar without an error bar has no interval (fewer than 2 defined values).'}
          {undefinedCount > 0 && ' n/a marks an undefined value (not zero).'}
        </figcaption>
      )}
    </figure>
  );
}
