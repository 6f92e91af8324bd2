/** The two tier-uplift charts (promotions, ads), from series prepared in core. */
import { useMemo } from 'react';
import { groupingColor } from '../../charts/palette';
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { TierBarChart } from '../../charts/TierBarChart';
import { apTierRows } from '../../core/metrics/rigor-series';
import type { Source } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/metrics/results-types';
import { tierUpliftSeries } from '../../core/metrics/series';
import { undefinedNotes } from '../../core/metrics/undefined-notes';
import { ChartExportButtons } from './ChartExportButtons';
import { CHANNEL_TITLE } from './format';
import { resultsFileStem } from './results-files';

const CHANNEL_ROWS = { promo: 'promotion', ad: 'ad' } as const;
const TEST_ID = { promo: 'tier-chart-promo', ad: 'tier-chart-ad' } as const;

function TierChart({ results, channel }: { results: ExperimentResults; channel: Source }) {
  const series = useMemo(() => tierUpliftSeries(results, channel), [results, channel]);
  const bars = series.groupings.map((g) => ({ key: g.id, label: g.id, color: groupingColor(g.id) }));
  const seeds = results.rigor?.seeds.length ?? 1;
  const title = `${CHANNEL_TITLE[channel]}: AP change by stream tier`;
  const meaning =
    `Each bar: a grouping's AP on the tier's ${CHANNEL_ROWS[channel]} test rows relative to ` +
    `${results.baseline} on the same rows, in %; 0 = as good as the baseline, which is not drawn. ` +
    'Left = most streamed shows, right = least.';
  const notes = [meaning, ...undefinedNotes(series).map((n) => `n/a (undefined, not zero) for ${n}`)];
  return (
    <section style={{ minWidth: 0, flex: '1 1 520px' }}>
      <div style={{ display: 'flex', gap: 12, alignItems: 'baseline', justifyContent: 'space-between' }}>
        <h3 style={{ fontSize: 15, margin: '0 0 4px' }}>{title}</h3>
        <ChartExportButtons
          testId={TEST_ID[channel]}
          fileStem={resultsFileStem(results)}
          meta={{ title, legend: bars, notes }}
        />
      </div>
      {seeds > 1 && results.rigor ? (
        <IntervalBarChart
          testId={TEST_ID[channel]}
          rows={apTierRows(results, results.rigor, channel).rows}
          bars={bars}
          yLabel="AP change vs baseline (%)"
          meaning={`${meaning} Bars: mean over the ${seeds} training seeds; error bars: 95% Student-t interval over the seeds.`}
        />
      ) : (
        <TierBarChart
          testId={TEST_ID[channel]}
          rows={series.rows}
          bars={bars}
          undefinedCells={series.undefinedCells}
          yLabel="AP change vs baseline (%)"
          meaning={meaning}
        />
      )}
    </section>
  );
}

export function TierCharts({ results }: { results: ExperimentResults }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
      <TierChart results={results} channel="promo" />
      <TierChart results={results} channel="ad" />
    </div>
  );
}
