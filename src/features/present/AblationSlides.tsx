/**
 * The ablation grid's slides: its title, the arms table (per channel, each arm's AP change
 * against the unchanged target with its 95% interval over seeds, and the paired bootstrap's
 * interval and p-value) and the changes as bars with error bars.
 */
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { TASK_COLORS } from '../../charts/palette';
import { FULL_ARM } from '../../core/config/ablation';
import { ablationChart, ablationRows, chartMeaning } from '../../core/results/reports/ablation-table';
import { SOURCE_LABEL } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/results/results-types';
import { CHANNELS } from '../../core/metrics/segments';
import { ChartBox } from './ChartBox';
import type { DeckRun } from './deck';
import { SlideTable } from './SlideTables';
import { note, relColor, small } from './styles';
import { ablationTitleFacts } from './title-facts';
import { TitleBlock } from './TitleBlock';

const BARS = CHANNELS.map((c) => ({
  key: c,
  label: SOURCE_LABEL[c],
  color: TASK_COLORS[c === 'promo' ? 'promo_stream' : 'ad_stream'],
}));

const seedsOf = (results: ExperimentResults) => results.rigor?.seeds.length ?? 1;

export function AblationTitle({ results, run }: { results: ExperimentResults; run: DeckRun }) {
  return <TitleBlock facts={ablationTitleFacts(results, run)} />;
}

export function ArmsSlide({ results }: { results: ExperimentResults }) {
  const rows = ablationRows(results);
  // The bar heights (percent) colour the changes: gains green, losses red.
  const chart = new Map(ablationChart(results).rows.map((r) => [r.x, r.values]));
  const head = CHANNELS.map((c) => `${SOURCE_LABEL[c]}: vs ${FULL_ARM}`);
  return (
    <>
      <SlideTable head={['Arm: what it changes', ...head]} rows={rows.length}>
        {rows.map((r) => (
          <tr key={r.id} data-arm={r.id} className={r.isFull ? 'baseline' : undefined}>
            <td>
              <code style={{ fontSize: '0.95em' }}>{r.id}</code>
              {r.isFull && (
                <strong style={{ ...small, marginLeft: '0.5em', color: '#2457c5' }}>REFERENCE</strong>
              )}
              <div style={small}>{r.change}</div>
            </td>
            {CHANNELS.map((c) => {
              const x = r.cells[c];
              const mean = chart.get(r.id)?.[c]?.mean ?? null;
              return (
                <td key={c} className="num">
                  <div
                    data-channel={c}
                    style={{ color: relColor(mean === null ? null : mean / 100), fontWeight: 600 }}
                  >
                    {r.isFull ? `AP ${x.apText}` : x.relText}
                  </div>
                  {!r.isFull && (
                    <div style={small}>
                      bootstrap {x.bootText} · p {x.pText}
                    </div>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </SlideTable>
      <p style={note}>
        AP on all test rows of each channel. vs {FULL_ARM}: change of the arm's AP against the unchanged
        target on the same rows and seed,{' '}
        {seedsOf(results) > 1 ? `mean over ${seedsOf(results)} seeds [95% t interval]; ` : 'one seed; '}
        bootstrap: 95% paired bootstrap interval of that change, p its two-sided p-value (n/a: off or
        undefined).
      </p>
    </>
  );
}

export function AblationChartSlide({ results, fontPx }: { results: ExperimentResults; fontPx: number }) {
  const chart = ablationChart(results);
  const resamples = results.rigor?.bootstrapResamples ?? 0;
  return (
    <>
      <ChartBox>
        {(height) => (
          <IntervalBarChart
            testId="slide-chart-ablation"
            rows={chart.rows}
            bars={BARS}
            yLabel={`AP change vs ${FULL_ARM} (%)`}
            meaning=""
            hideCaption
            height={height}
            fontSize={Math.round(fontPx * 0.8)}
          />
        )}
      </ChartBox>
      <p style={note}>{chartMeaning(chart.interval, resamples, seedsOf(results))}</p>
    </>
  );
}
