/**
 * The budget replay (Table 2 analogue): each model buys the same share of every show's ad test
 * impressions, its highest-scored ones, and i2s / eCPS / CTR / #streams over what it bought are
 * compared with the baseline's. A table for all and less-streamed creators (scored by the logged
 * labels, and by the simulator's true probabilities when present), then per-tier i2s and CPS
 * changes as interval bars.
 */
import { BuyShareControl } from './BuyShareControl';
import { RadioChoice } from '../../ui/RadioChoice';
import { useMemo, useState } from 'react';
import { IntervalBarChart } from '../../charts/IntervalBarChart';
import { groupingColor } from '../../charts/palette';
import type { ExperimentResults } from '../../core/results/results-types';
import {
  REPLAY_METRIC_NAME,
  RIGOR_SEGMENT_TITLE,
  replayTableView,
  replayTierMeaning,
  replayTierRows,
  seedsCaption,
} from '../../core/results/reports/rigor-series';
import {
  REPLAY_METRICS,
  RIGOR_SEGMENTS,
  type ReplayTable,
  type RigorResults,
} from '../../core/results/rigor-types';
import { GroupingName } from './GroupingName';
import { note } from './styles';

const h3 = { fontSize: 15, margin: '0 0 4px' } as const;
const h4 = { fontSize: 14, margin: '8px 0 4px' } as const;
type Scoring = 'label' | 'expected';
const SCORING_TEXT = { label: 'scored by logged labels', expected: 'scored by true probabilities' } as const;

function OutcomeTable({
  results,
  replay,
  testId,
  title,
}: {
  results: ExperimentResults;
  replay: ReplayTable;
  testId: string;
  title: string;
}) {
  const view = useMemo(() => replayTableView(results, replay), [results, replay]);
  return (
    <div className="table-scroll">
      <table data-testid={testId} className="compact wide">
        <caption>
          {title}: change relative to <code>{results.baseline}</code> (bought per model:{' '}
          {view.bought.all.toLocaleString('en-US')} impressions in all,{' '}
          {view.bought['less-streamed'].toLocaleString('en-US')} in less-streamed).
        </caption>
        <thead>
          <tr>
            <th rowSpan={2}>Grouping</th>
            {RIGOR_SEGMENTS.map((s) => (
              <th key={s} className="group" colSpan={REPLAY_METRICS.length}>
                {RIGOR_SEGMENT_TITLE[s]}
              </th>
            ))}
          </tr>
          <tr>
            {RIGOR_SEGMENTS.flatMap((s) =>
              REPLAY_METRICS.map((m) => (
                <th key={`${s}-${m}`} className="num">
                  {REPLAY_METRIC_NAME[m]}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr key={r.id} data-grouping={r.id}>
              <td>
                <GroupingName id={r.id} label={r.label} isBaseline={false} />
              </td>
              {RIGOR_SEGMENTS.flatMap((s) =>
                REPLAY_METRICS.map((m) => {
                  const c = r.cells[s][m];
                  return (
                    <td key={`${s}-${m}`} className={c.rel.mean === null ? 'num na' : 'num'}>
                      {c.text}
                    </td>
                  );
                }),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {view.missing.length > 0 && (
        <p style={note}>
          Not in the replay (no head scores ads): {view.missing.map((g) => g.id).join(', ')}.
        </p>
      )}
    </div>
  );
}

function TierCharts({
  results,
  rigor,
  replay,
}: {
  results: ExperimentResults;
  rigor: RigorResults;
  replay: ReplayTable;
}) {
  const charts = useMemo(
    () =>
      (['i2s', 'ecps'] as const).map((metric) => {
        const { rows, groupings } = replayTierRows(results, replay, metric);
        return {
          metric,
          rows,
          bars: groupings.map((g) => ({ key: g.id, label: g.label, color: groupingColor(g.id) })),
        };
      }),
    [results, replay],
  );
  return (
    <div style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))' }}>
      {charts.map((c) => (
        <div key={c.metric}>
          <h4 style={h4}>{c.metric === 'i2s' ? 'i2s change per tier' : 'CPS change per tier'}</h4>
          <IntervalBarChart
            rows={c.rows}
            bars={c.bars}
            yLabel={c.metric === 'i2s' ? 'i2s change (%)' : 'CPS change (%)'}
            meaning={replayTierMeaning(c.metric, rigor, results.baseline)}
            testId={c.metric === 'i2s' ? 'replay-tier-i2s' : 'replay-tier-cps'}
          />
        </div>
      ))}
    </div>
  );
}

export function ReplayPanel({ results, rigor }: { results: ExperimentResults; rigor: RigorResults }) {
  const [scoring, setScoring] = useState<Scoring>('label');
  const { expected } = rigor.replay;
  const q = `${+(rigor.replay.buyShare * 100).toFixed(2)}%`;
  const shown = scoring === 'expected' && expected ? expected : rigor.replay.label;
  return (
    <div data-testid="replay-panel">
      <h3 style={h3}>Budget replay (Table 2 analogue)</h3>
      <p style={{ fontSize: 13, color: '#555', margin: '0 0 6px' }} data-testid="replay-rule">
        Buy share q = <strong>{q}</strong>: within each show's ad test impressions, every model buys the {q}{' '}
        it scores highest with its ad scoring head, and i2s (streams per impression), eCPS (cost per stream,
        lower is better), CTR and #streams over what it bought are compared with{' '}
        <code>{results.baseline}</code>'s on the same seed. {seedsCaption(rigor)} Every model buys as many
        impressions per show, so the #streams change equals the i2s change. An offline stand-in for an A/B
        test: it cannot show what a model would buy outside the logged impressions.
      </p>
      <BuyShareControl shown={rigor.replay.buyShare} />
      <div style={{ display: 'grid', gap: 12 }}>
        <OutcomeTable
          results={results}
          replay={rigor.replay.label}
          testId="replay-table"
          title="Scored by logged labels"
        />
        {expected && (
          <OutcomeTable
            results={results}
            replay={expected}
            testId="replay-table-expected"
            title="Simulated A/B, the same purchases scored by the simulator's true p(stream) and p(click)"
          />
        )}
      </div>
      {expected && (
        <RadioChoice
          label="Per-tier charts scoring"
          name="replay-tier-scoring"
          prefix="Per-tier charts:"
          options={['label', 'expected'] as const}
          value={scoring}
          onChange={setScoring}
          text={(v) => SCORING_TEXT[v]}
        />
      )}
      <p style={note}>Per-tier changes below are {SCORING_TEXT[expected ? scoring : 'label']}.</p>
      <TierCharts results={results} rigor={rigor} replay={shown} />
    </div>
  );
}
