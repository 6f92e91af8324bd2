/**
 * Table 1 with intervals: per grouping and channel the AP mean over seeds [95% interval], its
 * change against the baseline over seeds [95% interval], and the paired bootstrap's 95% interval
 * of the relative AP change with its p-value; on all test rows or the less-streamed creators'.
 * AP cells carry the full mean in `data-ap` for tests and tools. On simulated data the foot adds
 * the segment's ceiling (the simulator truth's AP on the same rows) and prevalence.
 */
import { RadioChoice } from '../../ui/RadioChoice';
import { useMemo, useState } from 'react';
import { SOURCE_LABEL } from '../../core/data/schema';
import type { ExperimentResults } from '../../core/results/results-types';
import {
  bootstrapCaption,
  RIGOR_SEGMENT_TITLE,
  type RigorApCell,
  rigorTable1Rows,
  seedsCaption,
} from '../../core/results/reports/rigor-series';
import { RIGOR_SEGMENTS, type RigorResults, type RigorSegment } from '../../core/results/rigor-types';
import { CHANNELS } from '../../core/metrics/segments';
import { useAppStore } from '../../store';
import { apDataAttr } from './format';
import { GroupingName } from './GroupingName';
import { CeilingFootRow } from './Table1';
import { note } from './styles';

const cellClass = (text: string) => (text === 'n/a' ? 'num na' : 'num');

function Cells({ cell }: { cell: RigorApCell }) {
  return (
    <>
      <td data-ap={apDataAttr(cell.ap.mean)} className={cellClass(cell.apText)}>
        {cell.apText}
      </td>
      <td className={cellClass(cell.relText)}>{cell.relText}</td>
      <td className={cellClass(cell.bootText)}>{cell.bootText}</td>
      <td className={cellClass(cell.pText)}>{cell.pText}</td>
    </>
  );
}

export function RigorTable1({ results, rigor }: { results: ExperimentResults; rigor: RigorResults }) {
  const [segment, setSegment] = useState<RigorSegment>('all');
  const rows = useMemo(() => rigorTable1Rows(results, rigor), [results, rigor]);
  const seeds = rigor.seeds.length;
  // The results shown are the store's (as GroupingName reads them); absent = loaded data.
  const headroom = useAppStore((s) => s.results?.headroom);
  const ceilings = headroom && CHANNELS.map((c) => ({ key: c, c: headroom[c][segment] }));
  return (
    <div>
      <RadioChoice
        label="Rows of Table 1 with intervals"
        name="rigor-table1-segment"
        options={RIGOR_SEGMENTS}
        value={segment}
        onChange={setSegment}
        text={(v) => RIGOR_SEGMENT_TITLE[v]}
      />
      <div className="table-scroll">
        <table data-testid="rigor-table1" data-segment={segment} className="compact wide">
          <caption>
            {RIGOR_SEGMENT_TITLE[segment]}: AP {seeds > 1 ? 'mean [95% interval over seeds]' : '(one seed)'}{' '}
            and its change relative to <code>{results.baseline}</code> on the same rows and seed.
          </caption>
          <thead>
            <tr>
              <th rowSpan={2}>Grouping</th>
              {CHANNELS.map((c) => (
                <th key={c} className="group" colSpan={4}>
                  {SOURCE_LABEL[c]}
                </th>
              ))}
            </tr>
            <tr>
              {CHANNELS.map((c) => [
                <th key={`${c}-ap`} className="num">
                  AP
                </th>,
                <th key={`${c}-rel`} className="num">
                  vs baseline
                </th>,
                <th key={`${c}-boot`} className="num">
                  bootstrap 95%
                </th>,
                <th key={`${c}-p`} className="num">
                  p
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-grouping={r.id} className={r.isBaseline ? 'baseline' : undefined}>
                <td>
                  <GroupingName id={r.id} label={r.label} isBaseline={r.isBaseline} />
                </td>
                {CHANNELS.map((c) => (
                  <Cells key={c} cell={r.cells[segment][c]} />
                ))}
              </tr>
            ))}
          </tbody>
          {ceilings && (
            <tfoot>
              <CeilingFootRow
                testId="rigor-ceiling-row"
                title="Simulator truth (ceiling)"
                ceilings={ceilings}
                value="ceiling"
                pad={3}
              />
              <CeilingFootRow
                testId="rigor-prevalence-row"
                title="Random ranking (prevalence)"
                ceilings={ceilings}
                value="prevalence"
                pad={3}
              />
            </tfoot>
          )}
        </table>
      </div>
      <p style={note} data-testid="rigor-table1-caption">
        {seedsCaption(rigor)} {bootstrapCaption(rigor)} n/a = undefined (no positive, no scoring head, or
        baseline undefined); — = the baseline itself.
        {ceilings &&
          " Ceiling: AP of the simulator's true p(stream) on the same rows, the same in every seed (simulated data only; absent for loaded files); n/a = undefined, not 0."}
      </p>
    </div>
  );
}
