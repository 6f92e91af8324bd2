/**
 * The cold start's slides: its title, AP against label budget for all test rows and for
 * less-streamed shows (a line per method, error bars over seeds, the ceiling when known), and
 * the numbers per budget and method with their intervals. Table cells carry data-method,
 * data-budget and data-ap (the mean AP on all test rows) like the panel's table.
 */
import { ColdStartChart } from '../../charts/ColdStartChart';
import {
  apOf,
  ceilingCells,
  coldStartChart,
  coldStartMeaning,
  coldStartTable,
  METHOD_STYLE,
  SEGMENT_TITLE,
} from '../../charts/cold-start-view';
import {
  COLD_START_METHODS,
  COLD_START_SEGMENTS,
  type ColdStartResults,
} from '../../core/results/cold-start-types';
import { formatApInterval } from '../../core/results/reports/rigor-tables';
import { ChartBox } from './ChartBox';
import type { DeckRun } from './deck';
import { SlideTable } from './SlideTables';
import { note, small } from './styles';
import { coldStartTitleFacts } from './title-facts';
import { TitleBlock } from './TitleBlock';

export function ColdStartTitle({ results, run }: { results: ColdStartResults; run: DeckRun }) {
  return <TitleBlock facts={coldStartTitleFacts(results, run)} />;
}

export function CurvesSlide({ results, fontPx }: { results: ColdStartResults; fontPx: number }) {
  return (
    <>
      <ChartBox>
        {(height) => (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1em' }}>
            {COLD_START_SEGMENTS.map((seg) => {
              const chart = coldStartChart(results, seg);
              return (
                <ColdStartChart
                  key={seg}
                  testId={`slide-chart-cold-start-${seg}`}
                  series={chart.series}
                  ticks={chart.ticks}
                  ceiling={chart.ceiling}
                  ceilingLabel="true-probability ceiling"
                  title={SEGMENT_TITLE[seg]}
                  xLabel={`share of ${results.task} training labels kept`}
                  yLabel="AP"
                  // The segment's title above the plot takes about two lines of the box.
                  height={Math.max(120, height - 2.5 * fontPx)}
                  fontSize={Math.round(fontPx * 0.7)}
                />
              );
            })}
          </div>
        )}
      </ChartBox>
      <p style={note}>{coldStartMeaning(results)}</p>
    </>
  );
}

/** Column heads short enough for three intervals side by side (the note says what each is). */
const SHORT = { scratch: 'From scratch', direct: 'Joint, direct', finetune: 'Joint, fine-tuned' } as const;

export function ColdStartTableSlide({ results }: { results: ColdStartResults }) {
  const rows = coldStartTable(results);
  const ceiling = ceilingCells(results)
    ?.map((c) => `${SEGMENT_TITLE[c.segment].toLowerCase()} ${c.text}`)
    .join('; ');
  const head = ['Budget', 'Labels kept', ...COLD_START_METHODS.map((m) => SHORT[m])];
  return (
    <>
      <SlideTable head={head} rows={rows.length} scale={0.85}>
        {rows.map((r) => (
          <tr key={r.budget} data-budget={r.budget}>
            <td>{r.budgetText}</td>
            <td className="num">{r.labelsText}</td>
            {COLD_START_METHODS.map((m) => {
              const all = apOf(results, m, r.budget, 'all');
              const less = apOf(results, m, r.budget, 'less-streamed');
              return (
                <td
                  key={m}
                  className="num"
                  data-method={m}
                  data-budget={r.budget}
                  data-ap={all.mean === null ? 'null' : String(all.mean)}
                >
                  {formatApInterval(all)}
                  <div style={small}>less-streamed {formatApInterval(less)}</div>
                </td>
              );
            })}
          </tr>
        ))}
      </SlideTable>
      <p style={note}>
        {COLD_START_METHODS.map((m) => `${SHORT[m]}: ${METHOD_STYLE[m].label.toLowerCase()}`).join('; ')}. AP
        of {results.task} on all its test rows (below: on less-streamed shows),{' '}
        {results.seeds.length > 1
          ? `mean over ${results.seeds.length} training seeds [95% t interval]; `
          : 'one training seed; '}
        labels kept: training rows whose label the budget kept (first seed); n/a: undefined AP (no positive
        test row), never 0.
        {ceiling && ` Ceiling (the simulator's true probabilities): ${ceiling}.`}
      </p>
    </>
  );
}
