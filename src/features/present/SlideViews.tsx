/** The title, tier-chart and share-link slides. */
import { Fragment, useMemo } from 'react';
import { groupingColor } from '../../charts/palette';
import { TierBarChart } from '../../charts/TierBarChart';
import type { Source } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/results/results-types';
import { tierUpliftSeries } from '../../core/results/reports/series';
import { undefinedNotes } from '../../core/results/reports/undefined-notes';
import { ChartBox } from './ChartBox';
import { type DeckRun, reproduceNote, shareLinkOf } from './deck';
import { titleFacts } from './slides';
import { note } from './styles';

const nowrap = { whiteSpace: 'nowrap' } as const;

export function TitleSlide({ results }: { results: ExperimentResults }) {
  const f = titleFacts(results);
  return (
    <div style={{ display: 'grid', gap: '0.9em', maxWidth: '52em' }}>
      <div style={{ fontSize: '2.1em', fontWeight: 700, lineHeight: 1.15 }}>
        Does training on promotions help podcast ads at cold start?
      </div>
      <div style={{ fontSize: '1.05em' }}>
        <strong>Compared:</strong> {f.others.length} task groupings against the baseline{' '}
        <span style={nowrap}>{f.baseline}</span>:{' '}
        {f.others.map((id, i) => (
          // The separator stays outside the no-wrap span: lines may break after a comma, never in an id.
          <Fragment key={id}>
            {i > 0 && ', '}
            <span style={nowrap}>{id}</span>
          </Fragment>
        ))}
      </div>
      <div style={{ fontSize: '1.05em' }}>
        <strong>Data:</strong> {f.data}
      </div>
      <div style={{ fontSize: '1.05em' }}>
        <strong>Run:</strong> {f.run}
      </div>
      <div style={note}>
        Multi-task models after Verma et al., WSDM 2026 · Average precision (AP) per channel and tier
      </div>
    </div>
  );
}

/** The tier chart fills what the slide leaves it: measured, then drawn at that height. */
export function TierSlide({
  results,
  channel,
  fontPx,
}: {
  results: ExperimentResults;
  channel: Source;
  fontPx: number;
}) {
  const series = useMemo(() => tierUpliftSeries(results, channel), [results, channel]);
  const bars = series.groupings.map((g) => ({ key: g.id, label: g.id, color: groupingColor(g.id) }));
  const notes = undefinedNotes(series);
  return (
    <>
      <ChartBox>
        {(height) => (
          <TierBarChart
            testId={`slide-chart-${channel}`}
            rows={series.rows}
            bars={bars}
            undefinedCells={series.undefinedCells}
            yLabel="AP change vs baseline (%)"
            meaning=""
            hideCaption
            height={height}
            fontSize={Math.round(fontPx * 0.8)}
          />
        )}
      </ChartBox>
      <p style={note}>
        Each bar: AP on the tier's test rows relative to {results.baseline} on the same rows. Tier 0 = most
        streamed shows, tier 7 = least.
        {notes.length > 0 && ` n/a = undefined (not zero): ${notes.join('; ')}.`}
      </p>
    </>
  );
}

/** The app's address without its query: the base of every share link. */
export const appBase = (): string => `${location.origin}${location.pathname}`;

export function ShareSlide({ run }: { run: DeckRun }) {
  const { link, dataNote } = shareLinkOf(run, appBase());
  return (
    <div style={{ display: 'grid', gap: '0.8em' }}>
      <div>Open this link to set up the same experiment and train it again:</div>
      <a
        href={link}
        data-testid="slide-share-link"
        style={{
          fontSize: '1.15em',
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          wordBreak: 'break-all',
          color: '#2457c5',
          padding: '0.5em 0.7em',
          border: '2px solid #c5cbd6',
          borderRadius: 8,
        }}
      >
        {link}
      </a>
      <div style={note}>
        {reproduceNote(run)}
        {dataNote ? ` ${dataNote}` : ''}
      </div>
    </div>
  );
}
