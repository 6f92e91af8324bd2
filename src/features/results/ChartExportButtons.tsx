/**
 * "PNG" and "SVG" for one chart: the plot found inside `containerId`'s element at click time
 * (Recharts draws it there), with the chart's title, legend and notes drawn around it.
 */
import { useState } from 'react';
import { type ChartExportMeta, chartSvg, findChartSvg, svgToPng } from '../../charts/export-chart';
import { fileSlug } from '../../charts/export-layout';
import { browserDownload } from '../../store/download';
import { smallButton } from './export-styles';
import { MIME } from './results-files';

export function ChartExportButtons({
  testId,
  fileStem,
  meta,
}: {
  /** data-testid of the chart's container. */
  testId: string;
  fileStem: string;
  meta: ChartExportMeta;
}) {
  const [error, setError] = useState<string | null>(null);
  const name = `${fileStem}-${fileSlug(meta.title)}`;

  const run = async (format: 'svg' | 'png') => {
    const plot = document.querySelector(`[data-testid="${testId}"]`);
    const svgEl = plot && findChartSvg(plot);
    if (!svgEl) return setError('The chart is not drawn yet.');
    try {
      const { svg, width, height } = chartSvg(svgEl, meta);
      const blob =
        format === 'svg' ? new Blob([svg], { type: MIME.svg }) : await svgToPng(svg, width, height);
      browserDownload(`${name}.${format}`, blob);
      setError(null);
    } catch (e) {
      setError(`Could not export: ${(e as Error).message}`);
    }
  };

  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
      <button
        type="button"
        style={smallButton}
        onClick={() => run('png')}
        data-testid={`${testId}-png`}
        title="Download as PNG (2x)"
      >
        PNG
      </button>
      <button
        type="button"
        style={smallButton}
        onClick={() => run('svg')}
        data-testid={`${testId}-svg`}
        title="Download as SVG"
      >
        SVG
      </button>
      {error && <span style={{ fontSize: 12, color: '#b42318' }}>{error}</span>}
    </span>
  );
}
