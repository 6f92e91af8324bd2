/**
 * Precision-recall curves of the first training seed, one chart per channel, one line per
 * grouping (scored by the grouping's scoring head for that channel).
 */
import { useMemo } from 'react';
import { groupingColor } from '../../charts/palette';
import { PrCurveChart } from '../../charts/PrCurveChart';
import { SOURCE_LABEL, SOURCE_NOUN } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/results/results-types';
import { prChartSeries } from '../../core/results/reports/rigor-series';
import type { RigorResults } from '../../core/results/rigor-types';
import { CHANNELS } from '../../core/metrics/segments';

const h3 = { fontSize: 15, margin: '0 0 4px' } as const;
const h4 = { fontSize: 14, margin: '8px 0 4px' } as const;

export function PrCurves({ results, rigor }: { results: ExperimentResults; rigor: RigorResults }) {
  const charts = useMemo(
    () =>
      CHANNELS.map((c) => {
        const { series, missing, baseRate } = prChartSeries(results, rigor, c);
        const rate =
          baseRate === null
            ? ''
            : ` Dashed line: the positive rate (${(baseRate * 100).toFixed(2)}%), the precision of a random ranking.`;
        const none =
          missing.length === 0
            ? ''
            : ` No curve (no scoring head or no positive): ${missing.map((g) => g.id).join(', ')}.`;
        return {
          channel: c,
          baseRate,
          series: series.map((s) => ({
            key: s.id,
            label: s.label,
            color: groupingColor(s.id),
            points: s.points,
          })),
          meaning: `Precision against recall on all ${SOURCE_NOUN[c]} test rows, each grouping ranked by its ${SOURCE_NOUN[c]} scoring head, first training seed (${rigor.seeds[0]}); drawn as steps, the way AP sums them (thinned to about 200 points).${rate}${none}`,
        };
      }),
    [results, rigor],
  );
  return (
    <div>
      <h3 style={h3}>Precision-recall curves</h3>
      <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
        {charts.map((c) => (
          <div key={c.channel}>
            <h4 style={h4}>{SOURCE_LABEL[c.channel]}</h4>
            <PrCurveChart
              series={c.series}
              baseRate={c.baseRate}
              meaning={c.meaning}
              testId={c.channel === 'promo' ? 'pr-promo' : 'pr-ad'}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
