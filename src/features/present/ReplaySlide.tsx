/** The budget replay as a slide: per-tier i2s change (label replay) and the less-streamed summary. */
import { useMemo } from 'react';
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { groupingColor } from '../../charts/palette';
import type { ExperimentResults } from '../../core/results/results-types';
import { replayTierRows } from '../../core/results/reports/rigor-series';
import { formatRel } from '../../core/results/reports/tables';
import { ChartBox } from './ChartBox';
import { note } from './styles';

export function ReplaySlide({ results, fontPx }: { results: ExperimentResults; fontPx: number }) {
  const rigor = results.rigor;
  const label = rigor?.replay.label;
  const series = useMemo(() => (label ? replayTierRows(results, label, 'i2s') : null), [results, label]);
  if (!rigor || !label || !series) return null;
  const bars = series.groupings.map((g) => ({ key: g.id, label: g.id, color: groupingColor(g.id) }));
  const seeds = rigor.seeds.length;
  const less = series.groupings
    .map((g) => {
      const cell = label[g.id]['less-streamed'].rel;
      return `${g.id} ${formatRel(cell.i2s.mean)} / ${formatRel(cell.ecps.mean)}`;
    })
    .join(' · ');
  return (
    <>
      <ChartBox>
        {(height) => (
          <IntervalBarChart
            testId="slide-chart-replay"
            rows={series.rows}
            bars={bars}
            yLabel="i2s change vs baseline (%)"
            meaning=""
            hideCaption
            height={height}
            fontSize={Math.round(fontPx * 0.8)}
          />
        )}
      </ChartBox>
      <p style={note}>
        Each model buys {Math.round(rigor.replay.buyShare * 100)}% of each show's ad test impressions (its
        highest scores). {seeds > 1 ? `Mean of ${seeds} seeds; error bars: 95% interval.` : 'One seed.'}{' '}
        Less-streamed i2s / eCPS: {less}.
      </p>
    </>
  );
}
