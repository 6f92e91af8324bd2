/**
 * AP against label budget: one line per series over budgets drawn as evenly spaced categories
 * (tick i at x = i; each series' points may sit slightly off the tick so error bars do not
 * overlap). A point's [lo, hi] is drawn as an error bar when present; an undefined point (null
 * mean) is not drawn: "n/a" is written at the zero line in its place. An optional ceiling is a
 * dashed grey reference line. Every dot carries data-series, data-budget and data-ap (and
 * data-lo, data-hi) for tests and tools, and a native tooltip with its numbers.
 */
import {
  CartesianGrid,
  type DotItemDotProps,
  ErrorBar,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { useChartTurn } from './chart-turn';
import { ChartWait } from './chart-wait';
import { type BudgetSeries, pointText, type Row, rowsOf } from './cold-start-rows';
import { captionText, chartFrame } from './styles';

export interface ColdStartChartProps {
  readonly series: readonly BudgetSeries[];
  /** One tick per budget category. */
  readonly ticks: readonly { readonly x: number; readonly label: string }[];
  /** A reference value drawn as a dashed line (null: none). */
  readonly ceiling: number | null;
  readonly ceilingLabel?: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly testId?: string;
  readonly height?: number;
  /** Text size in px (ticks, legend, labels); larger for presentation slides. Default 12. */
  readonly fontSize?: number;
}

const FONT = 12;
const CEILING_COLOR = '#777';

export function ColdStartChart({
  series,
  ticks,
  ceiling,
  ceilingLabel = 'ceiling',
  title,
  xLabel,
  yLabel,
  testId,
  height = 280,
  fontSize = FONT,
}: ColdStartChartProps) {
  const turn = useChartTurn();
  const labelAt = (x: number) => ticks.find((t) => t.x === Math.round(x))?.label ?? '';
  const undefinedRows = series.flatMap((s) => rowsOf(s).filter((r) => r.y === null));
  // Said only where some points have an interval and others not (the caller explains "none at all").
  const defined = series.flatMap((s) => s.points.filter((p) => p.mean !== null));
  const withInterval = defined.filter((p) => p.lo !== null && p.hi !== null).length;
  const noInterval = withInterval > 0 && withInterval < defined.length;
  if (!turn) return <ChartWait height={height} />;

  const dot = (props: DotItemDotProps) => {
    const row = props.payload as Row;
    const { cx, cy } = props;
    if (row.y === null || cx === undefined || cy === undefined) return <g key={props.index} />;
    const p = row.point;
    return (
      <circle
        key={`${row.series.key}-${p.budget}`}
        cx={cx}
        cy={cy}
        r={4}
        fill={row.series.color}
        stroke="#fff"
        strokeWidth={1}
        data-series={row.series.key}
        data-budget={p.budget}
        data-ap={p.mean === null ? 'null' : String(p.mean)}
        data-lo={p.lo === null ? 'null' : String(p.lo)}
        data-hi={p.hi === null ? 'null' : String(p.hi)}
      >
        <title>{pointText(row.series, p, labelAt(p.x))}</title>
      </circle>
    );
  };
  /** "n/a" at the zero line where a series' value is undefined. */
  const naMark = (props: DotItemDotProps) => {
    const row = props.payload as Row;
    const { cx, cy } = props;
    if (cx === undefined || cy === undefined) return <g key={props.index} />;
    return (
      <text
        key={`na-${row.series.key}-${row.point.budget}`}
        x={cx}
        y={cy - 3}
        fontSize={Math.round(fontSize * 0.85)}
        fill={row.series.color}
        textAnchor="middle"
        data-series={row.series.key}
        data-budget={row.point.budget}
        data-ap="null"
      >
        n/a
        <title>{pointText(row.series, row.point, labelAt(row.point.x))}</title>
      </text>
    );
  };

  return (
    <figure
      data-testid={testId}
      data-ceiling={ceiling === null ? 'null' : String(ceiling)}
      style={{ ...chartFrame, margin: 0 }}
    >
      <div style={{ fontSize: fontSize + 1, fontWeight: 600, margin: '0 0 4px' }}>{title}</div>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" vertical={false} />
          <XAxis
            dataKey="x"
            type="number"
            domain={[-0.5, Math.max(0, ticks.length - 1) + 0.5]}
            ticks={ticks.map((t) => t.x)}
            tickFormatter={(v: number) => labelAt(v)}
            interval={0}
            tick={{ fontSize }}
            label={{ value: xLabel, position: 'insideBottom', offset: -12, fontSize }}
          />
          <YAxis
            type="number"
            domain={[0, 'auto']}
            tick={{ fontSize }}
            tickFormatter={(v: number) => String(Number(v.toPrecision(3)))}
            width={56}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize, dy: 30 }}
          />
          {/* itemSorter null: the legend keeps the configured order (Recharts sorts by name by default). */}
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize, paddingBottom: 4 }} />
          {ceiling !== null && (
            <ReferenceLine
              y={ceiling}
              stroke={CEILING_COLOR}
              strokeDasharray="5 4"
              ifOverflow="extendDomain"
              label={{ value: ceilingLabel, position: 'insideTopRight', fontSize, fill: CEILING_COLOR }}
            />
          )}
          {series.map((s) => (
            <Line
              key={s.key}
              data={rowsOf(s)}
              dataKey="y"
              name={s.label}
              stroke={s.color}
              strokeDasharray={s.dash}
              strokeWidth={2}
              dot={dot}
              activeDot={false}
              connectNulls={false}
              isAnimationActive={false}
            >
              <ErrorBar
                dataKey={(row: Row) => row.err}
                width={4}
                stroke={s.color}
                strokeWidth={1.5}
                isAnimationActive={false}
              />
            </Line>
          ))}
          {undefinedRows.length > 0 && (
            <Line
              key="n/a"
              data={undefinedRows.map((r) => ({ ...r, y: 0 }))}
              dataKey="y"
              name="n/a"
              stroke="none"
              legendType="none"
              dot={naMark}
              activeDot={false}
              isAnimationActive={false}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
      {(noInterval || undefinedRows.length > 0) && (
        <figcaption style={captionText}>
          {noInterval && 'A point without an error bar has no interval (fewer than 2 defined values). '}
          {undefinedRows.length > 0 && 'n/a marks an undefined AP (no positive test row), not zero.'}
        </figcaption>
      )}
    </figure>
  );
}
