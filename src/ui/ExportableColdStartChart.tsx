/**
 * A cold-start chart (AP against label budget) with its PNG and SVG buttons above it: a run's
 * own curves in the cold-start step, several runs' overlaid in History.
 */
import { ColdStartChart, type ColdStartChartProps } from '../charts/ColdStartChart';
import { ChartExportRow } from './ChartExportButtons';

interface Props extends ColdStartChartProps {
  readonly testId: string;
  readonly fileStem: string | (() => string);
  /** Lines under the exported chart (what the lines and error bars are). */
  readonly notes: readonly string[];
  /** The exported file's title, when it must say more than the chart's own (default: the title). */
  readonly exportTitle?: string;
}

export function ExportableColdStartChart({ fileStem, notes, exportTitle, ...chart }: Props) {
  return (
    <div style={{ minWidth: 0 }}>
      <ChartExportRow
        testId={chart.testId}
        fileStem={fileStem}
        meta={{ title: exportTitle ?? chart.title, legend: chart.series, notes }}
      />
      <ColdStartChart {...chart} />
    </div>
  );
}
