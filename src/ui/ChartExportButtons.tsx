/**
 * "PNG" and "SVG" for one chart: the plot found inside `testId`'s element at click time (a
 * Recharts chart, or a plain SVG figure such as the heat map), with the chart's title, legend
 * and notes drawn around it.
 */
import { useState } from 'react';
import { type ChartExportMeta, chartSvg, findChartSvg, svgToPng } from '../charts/export-chart';
import { fileSlug } from '../charts/export-layout';
import { browserDownload } from '../store/download';
import { smallButton } from './export-styles';
import { MIME } from '../core/results/study-files';

const FORMATS = [
  { format: 'png', title: 'Download as PNG (2x)' },
  { format: 'svg', title: 'Download as SVG' },
] as const;

interface Props {
  /** data-testid of the chart's container. */
  readonly testId: string;
  /** The file name's stem, or a function giving it at click time (live charts have no run time yet). */
  readonly fileStem: string | (() => string);
  readonly meta: ChartExportMeta;
}

/** The buttons on a row of their own, at the right above a chart. */
export function ChartExportRow(props: Props) {
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <ChartExportButtons {...props} />
    </div>
  );
}

export function ChartExportButtons({ testId, fileStem, meta }: Props) {
  const [error, setError] = useState<string | null>(null);

  const run = async (format: 'svg' | 'png') => {
    const plot = document.querySelector(`[data-testid="${testId}"]`);
    const svgEl = plot && findChartSvg(plot);
    if (!svgEl) return setError('The chart is not drawn yet.');
    try {
      const { svg, width, height } = chartSvg(svgEl, meta);
      const blob =
        format === 'svg' ? new Blob([svg], { type: MIME.svg }) : await svgToPng(svg, width, height);
      const stem = typeof fileStem === 'string' ? fileStem : fileStem();
      browserDownload(`${stem}-${fileSlug(meta.title)}.${format}`, blob);
      setError(null);
    } catch (e) {
      setError(`Could not export: ${(e as Error).message}`);
    }
  };

  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          style={smallButton}
          onClick={() => run(f.format)}
          data-testid={`${testId}-${f.format}`}
          title={f.title}
        >
          {f.format.toUpperCase()}
        </button>
      ))}
      {error && <span style={{ fontSize: 12, color: '#b42318' }}>{error}</span>}
    </span>
  );
}
