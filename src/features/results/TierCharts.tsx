/**
 * The two tier-uplift charts (promotions, ads), from series prepared in core. On simulated data
 * (results.headroom) each chart's tooltip names the tier's ceiling and each grouping's captured
 * share, and a small table under the chart lists them for every tier; the bars stay the relative
 * change, so the chart's scale never mixes two quantities.
 */
import { useMemo } from 'react';
import { groupingColor } from '../../charts/palette';
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { TierBarChart } from '../../charts/TierBarChart';
import { apTierRows } from '../../core/results/reports/rigor-series';
import type { Source } from '../../core/data/schema';
import { formatShare, HEADROOM_NOTE } from '../../core/metrics/headroom';
import {
  type TierHeadroomView,
  tierHeadroom,
  tierHeadroomNotes,
} from '../../core/results/reports/headroom-series';
import type { ExperimentResults, Metric } from '../../core/results/results-types';
import { tierLabel, tierUpliftSeries } from '../../core/results/reports/series';
import { SOURCE_LABEL, SOURCE_NOUN, TIERS } from '../../core/data/schema';
import { undefinedNotes } from '../../core/results/reports/undefined-notes';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { ceilingCellText, prevalenceCellText, SHARE_READING } from './format';
import { GroupingName } from './GroupingName';
import { resultsFileStem } from '../../core/results/study-files';
import { note } from './styles';

const TEST_ID = { promo: 'tier-chart-promo', ad: 'tier-chart-ad' } as const;

/** A compact cell: an undefined value reads 'n/a' (undefined, not 0), its reason in the title. */
function Cell({ text, testId, share }: { text: string; testId?: string; share?: Metric }) {
  const undef = text.startsWith('n/a');
  return (
    <td
      data-testid={testId}
      data-share={share === undefined ? undefined : share === null ? 'n/a' : String(share)}
      title={undef ? text : undefined}
      className={undef ? 'num na' : 'num'}
    >
      {undef ? 'n/a' : text}
    </td>
  );
}

/**
 * Per tier, the ceiling, the prevalence and each grouping's captured share, as a table outside
 * the chart's figure (so the figure's own texts, and its exports, stay the chart's).
 */
function TierHeadroomTable({
  view,
  channel,
  baseline,
  seeds,
}: {
  view: TierHeadroomView;
  channel: Source;
  baseline: string;
  seeds: number;
}) {
  const from = view.overSeeds ? `, from its mean AP over the ${seeds} seeds` : '';
  return (
    <div className="table-scroll" style={{ marginTop: 6 }}>
      <table data-testid={`tier-headroom-${channel}`} className="compact small wide">
        <caption>
          Headroom per tier: the simulator truth's AP (ceiling), the prevalence, and each grouping's share of
          the gap between them{from}.
        </caption>
        <thead>
          <tr>
            <th />
            {TIERS.map((t) => (
              <th key={t} className="num">
                {tierLabel(t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid={`tier-ceiling-row-${channel}`}>
            <td>Simulator truth (ceiling AP)</td>
            {view.ceiling.map((c, t) => (
              <Cell key={TIERS[t]} text={ceilingCellText(c)} />
            ))}
          </tr>
          <tr>
            <td>Random ranking (prevalence)</td>
            {view.ceiling.map((c, t) => (
              <Cell key={TIERS[t]} text={prevalenceCellText(c)} />
            ))}
          </tr>
          {view.rows.map((r) => (
            <tr key={r.id} data-grouping={r.id}>
              <td>
                <GroupingName id={r.id} label={r.id} isBaseline={r.id === baseline} />
              </td>
              {r.share.map((v, t) => (
                <Cell
                  key={TIERS[t]}
                  text={v === null ? 'n/a — undefined (no AP, ceiling or headroom)' : formatShare(v)}
                  testId={`tier-share-${channel}-${t}-${r.id}`}
                  share={v}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p style={note}>
        {HEADROOM_NOTE} {SHARE_READING}
      </p>
    </div>
  );
}

function TierChart({ results, channel }: { results: ExperimentResults; channel: Source }) {
  const series = useMemo(() => tierUpliftSeries(results, channel), [results, channel]);
  const headroom = useMemo(() => tierHeadroom(results, channel), [results, channel]);
  const tierNotes = useMemo(() => tierHeadroomNotes(results, channel) ?? undefined, [results, channel]);
  const bars = series.groupings.map((g) => ({ key: g.id, label: g.id, color: groupingColor(g.id) }));
  const seeds = results.rigor?.seeds.length ?? 1;
  const title = `${SOURCE_LABEL[channel]}: AP change by stream tier`;
  const meaning =
    `Each bar: a grouping's AP on the tier's ${SOURCE_NOUN[channel]} test rows relative to ` +
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
          tierNotes={tierNotes}
        />
      )}
      {headroom && (
        <TierHeadroomTable view={headroom} channel={channel} baseline={results.baseline} seeds={seeds} />
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
