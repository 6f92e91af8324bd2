/**
 * A heat map of prepared cells (rows x columns), in plain SVG: each cell is drawn in the colour
 * it is given, with its text printed in it and its title as the tooltip. A cell marked
 * `undefinedValue` is drawn hatched, so an undefined value never looks like a value (least of all
 * like 0). Under the grid, the colour scale as a gradient bar with its ticks, and the caption.
 */
import { useId } from 'react';
import { useChartTurn } from './chart-turn';
import { ChartWait } from './chart-wait';
import type { HeatMapCell, HeatMapScale } from './heatmap-types';
import { captionText, chartFrame } from './styles';

export type { HeatMapCell, HeatMapScale } from './heatmap-types';

export interface HeatMapProps {
  readonly rowLabels: readonly string[];
  readonly colLabels: readonly string[];
  /** cells[row][col]. */
  readonly cells: readonly (readonly HeatMapCell[])[];
  readonly scale: HeatMapScale;
  /** What the cells mean, shown under the chart. */
  readonly meaning: string;
  /** Accessible name of the figure. */
  readonly label: string;
  readonly testId?: string;
  readonly cellSize?: number;
  readonly fontSize?: number;
}

/** Rough text width in px (SVG text is not measured before it is drawn). */
const textWidth = (s: string, fontSize: number) => s.length * fontSize * 0.6;
const SIN45 = Math.SQRT1_2;

export function HeatMap({
  rowLabels,
  colLabels,
  cells,
  scale,
  meaning,
  label,
  testId,
  cellSize = 56,
  fontSize = 12,
}: HeatMapProps) {
  const turn = useChartTurn();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const left = Math.ceil(Math.max(0, ...rowLabels.map((l) => textWidth(l, fontSize)))) + 10;
  // Column labels are written at 45 degrees, so long task names fit over narrow cells.
  const top = Math.ceil(Math.max(0, ...colLabels.map((l) => textWidth(l, fontSize))) * SIN45) + 14;
  const gridW = colLabels.length * cellSize;
  const gridH = rowLabels.length * cellSize;
  const barTop = top + gridH + 16 + fontSize + 4;
  const barH = 12;
  const legendBottom = barTop + barH + 4 + fontSize + (scale.undefinedText ? 8 + 14 : 0);
  const width = Math.max(left + gridW + 24, left + 220);
  const height = legendBottom + 6;
  if (!turn) return <ChartWait height={height} />;
  const hatch = `hatch-${uid}`;
  const gradient = `scale-${uid}`;
  return (
    <figure data-testid={testId} style={{ ...chartFrame, margin: 0 }}>
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        style={{ maxWidth: '100%', height: 'auto', display: 'block', fontFamily: 'inherit' }}
      >
        <defs>
          <pattern
            id={hatch}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="6" stroke="#9A9A9A" strokeWidth="1.5" />
          </pattern>
          <linearGradient id={gradient} x1="0" x2="1" y1="0" y2="0">
            {scale.stops.map((s) => (
              <stop key={s.offset} offset={s.offset} stopColor={s.color} />
            ))}
          </linearGradient>
        </defs>
        {colLabels.map((c, j) => {
          const x = left + j * cellSize + cellSize / 2;
          return (
            <text
              key={c}
              x={x}
              y={top - 6}
              fontSize={fontSize}
              fill="#333"
              transform={`rotate(-45 ${x} ${top - 6})`}
            >
              {c}
            </text>
          );
        })}
        {rowLabels.map((r, i) => (
          <text
            key={r}
            x={left - 8}
            y={top + i * cellSize + cellSize / 2}
            fontSize={fontSize}
            fill="#333"
            textAnchor="end"
            dominantBaseline="central"
          >
            {r}
          </text>
        ))}
        {cells.map((row, i) =>
          row.map((cell, j) => {
            const x = left + j * cellSize;
            const y = top + i * cellSize;
            return (
              <g
                key={`${rowLabels[i]}|${colLabels[j]}`}
                data-undefined={cell.undefinedValue ? 'true' : undefined}
              >
                <title>{cell.title}</title>
                <rect x={x} y={y} width={cellSize} height={cellSize} fill={cell.fill} stroke="#FFFFFF" />
                {cell.undefinedValue && (
                  <rect
                    x={x}
                    y={y}
                    width={cellSize}
                    height={cellSize}
                    fill={`url(#${hatch})`}
                    stroke="#FFFFFF"
                  />
                )}
                <text
                  x={x + cellSize / 2}
                  y={y + cellSize / 2}
                  fontSize={fontSize}
                  fill={cell.textColor}
                  textAnchor="middle"
                  dominantBaseline="central"
                  style={{ fontVariantNumeric: 'tabular-nums' }}
                >
                  {cell.text}
                </text>
              </g>
            );
          }),
        )}
        <rect x={left} y={top} width={gridW} height={gridH} fill="none" stroke="#BBBBBB" />
        <text x={left} y={barTop - 6} fontSize={fontSize} fill="#333">
          {scale.title}
        </text>
        <rect x={left} y={barTop} width={gridW} height={barH} fill={`url(#${gradient})`} stroke="#BBBBBB" />
        {scale.ticks.map((t) => (
          <text
            key={t.label}
            x={left + t.offset * gridW}
            y={barTop + barH + 4 + fontSize}
            fontSize={fontSize}
            fill="#333"
            textAnchor={t.offset <= 0 ? 'start' : t.offset >= 1 ? 'end' : 'middle'}
          >
            {t.label}
          </text>
        ))}
        {scale.undefinedText && (
          <g>
            <rect
              x={left}
              y={legendBottom - 14}
              width={14}
              height={14}
              fill={scale.undefinedFill ?? '#E6E6E6'}
              stroke="#BBBBBB"
            />
            <rect x={left} y={legendBottom - 14} width={14} height={14} fill={`url(#${hatch})`} />
            <text
              x={left + 20}
              y={legendBottom - 7}
              fontSize={fontSize}
              fill="#333"
              dominantBaseline="central"
            >
              {scale.undefinedText}
            </text>
          </g>
        )}
      </svg>
      <figcaption style={captionText}>{meaning}</figcaption>
    </figure>
  );
}
