/**
 * Grouped bars per stream tier: each grouping's relative AP change against the baseline. A cell
 * whose value is undefined draws a small "n/a" at the zero line instead of a bar, and the caption
 * lists every undefined cell with its reason: an undefined uplift is never drawn as 0. Optional
 * per-tier notes (prepared by the caller, e.g. the simulator ceiling) add lines to the tooltip.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import {
  type TierUpliftRow,
  UNDEFINED_REASON_TEXT,
  type UndefinedCells,
  undefinedKey,
} from '../core/results/reports/series';
import { naOrBar } from './na-bar';
import { captionText, chartFrame } from './styles';
import { useChartTurn } from './chart-turn';
import { ChartWait } from './chart-wait';

export interface BarSeriesConfig {
  readonly key: string;
  readonly label: string;
  readonly color: string;
}

/** Tooltip additions for one tier, prepared by the caller: a line under the title, a suffix per bar. */
export interface TierNote {
  readonly line: string;
  /** Text after a bar's value, keyed by the bar's key; bars without one show none. */
  readonly perBar: Readonly<Record<string, string>>;
}

export interface TierBarChartProps {
  /** One row per tier, x = `tier` ('Tier 0'..'Tier 7'); `[key]` a number or null (undefined). */
  readonly rows: readonly TierUpliftRow[];
  readonly bars: readonly BarSeriesConfig[];
  readonly undefinedCells: readonly UndefinedCells[];
  /** The y axis label, with its unit. */
  readonly yLabel: string;
  /** What the bars mean, shown under the chart. */
  readonly meaning: string;
  readonly height?: number;
  readonly testId?: string;
  /** Text size in px (ticks, legend, labels); larger for presentation slides. Default 12. */
  readonly fontSize?: number;
  /** Leave out the caption (a slide writes its own, shorter one). */
  readonly hideCaption?: boolean;
  /** Extra tooltip text per tier, keyed by the row's `tier` ('Tier 0'..'Tier 7'). */
  readonly tierNotes?: Readonly<Record<string, TierNote>>;
}

const formatPct = (v: number): string => `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;

function TierTooltip({
  active,
  payload,
  bars,
  fontSize,
  notes,
}: TooltipContentProps & {
  bars: readonly BarSeriesConfig[];
  fontSize: number;
  notes?: Readonly<Record<string, TierNote>>;
}) {
  const row = payload?.[0]?.payload as TierUpliftRow | undefined;
  if (!active || !row) return null;
  const note = notes?.[row.tier];
  return (
    <div style={{ background: '#fff', border: '1px solid #ccc', padding: '6px 8px', fontSize }}>
      {/* Not the bare tier name, so the axis ticks stay the only "Tier n" texts in the chart. */}
      <div style={{ fontWeight: 600 }}>{`${row.tier}: AP change vs baseline`}</div>
      {note && <div style={{ color: '#555' }}>{note.line}</div>}
      {bars.map((b) => {
        const v = row[b.key];
        const extra = note?.perBar[b.key];
        return (
          <div key={b.key} style={{ color: b.color }}>
            {b.label}: {typeof v === 'number' ? formatPct(v) : 'n/a (undefined)'}
            {extra ? ` · ${extra}` : ''}
          </div>
        );
      })}
    </div>
  );
}

export function TierBarChart({
  rows,
  bars,
  undefinedCells,
  yLabel,
  meaning,
  height = 300,
  testId,
  fontSize = 12,
  hideCaption = false,
  tierNotes,
}: TierBarChartProps) {
  const turn = useChartTurn();
  const labelOf = (id: string) => bars.find((b) => b.key === id)?.label ?? id;
  if (!turn) return <ChartWait height={height} />;
  return (
    <figure data-testid={testId} style={{ ...chartFrame, margin: 0 }}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={rows as TierUpliftRow[]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e3e3" vertical={false} />
          {/* interval 0: every tier gets its tick, however narrow the chart. */}
          <XAxis dataKey="tier" interval={0} tick={{ fontSize }} />
          <YAxis
            tick={{ fontSize }}
            tickFormatter={(v: number) => `${v}%`}
            width={(64 * fontSize) / 12}
            // dy centres the rotated label on the axis; it scales with the label's length.
            label={{ value: yLabel, angle: -90, position: 'insideLeft', fontSize, dy: (80 * fontSize) / 12 }}
          />
          <ReferenceLine y={0} stroke="#888" />
          <Tooltip
            content={(p) => <TierTooltip {...p} bars={bars} fontSize={fontSize} notes={tierNotes} />}
          />
          {/* itemSorter null: the legend keeps the configured order (Recharts sorts by name by default). */}
          <Legend
            verticalAlign="top"
            itemSorter={null}
            iconSize={Math.round((14 * fontSize) / 12)}
            wrapperStyle={{ fontSize, paddingBottom: 4 }}
          />
          {bars.map((b) => (
            <Bar
              key={b.key}
              // An undefined cell sits at 0 only to place its "n/a" mark; the shape draws no bar there.
              dataKey={(row: TierUpliftRow) => (row[undefinedKey(b.key)] === true ? 0 : row[b.key])}
              name={b.label}
              fill={b.color}
              shape={naOrBar((p) => (p as TierUpliftRow)[undefinedKey(b.key)] === true, fontSize)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption style={captionText} hidden={hideCaption}>
        {meaning}
        {undefinedCells.length > 0 && (
          <>
            {' '}
            <span>n/a marks an undefined change (not zero):</span>
            <ul style={{ margin: '2px 0 0', paddingLeft: 18 }}>
              {undefinedCells.map((c) => (
                <li key={`${c.grouping}|${c.reason}`}>
                  {`${labelOf(c.grouping)}: ${c.tiers.join(', ')} (${UNDEFINED_REASON_TEXT[c.reason]})`}
                </li>
              ))}
            </ul>
          </>
        )}
      </figcaption>
    </figure>
  );
}
