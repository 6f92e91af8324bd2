/**
 * Less-streamed and high-stream creators, per channel: each grouping's AP and its change against
 * the baseline on the segment's rows, with the segment's size for context. On simulated data
 * (results.headroom) the foot adds each segment's ceiling (the simulator truth's AP on the same
 * rows) and prevalence, and a small table under it each grouping's share of that headroom; the
 * body rows stay as they were.
 */
import { SOURCE_LABEL, type Source } from '../../core/data/schema';
import type { SegmentSummaryRow, SummarySegment } from '../../core/results/reports/series';
import { useAppStore } from '../../store';
import { apCellText, relCellText, SEGMENT_TITLE, segmentSizeText } from './format';
import { GroupingName } from './GroupingName';
import { CeilingFootRow, ShareTable } from './Table1';
import { note } from './styles';

export interface SegmentTableData {
  readonly segment: SummarySegment;
  readonly rows: readonly SegmentSummaryRow[];
}

export function SegmentTables({
  channel,
  segments,
}: {
  channel: Source;
  segments: readonly SegmentTableData[];
}) {
  // The tables always show the store's results (as GroupingName reads them); absent = loaded data.
  const headroom = useAppStore((s) => s.results?.headroom);
  const ceilings = headroom && segments.map((s) => ({ key: s.segment, c: headroom[channel][s.segment] }));
  return (
    <div className="table-scroll">
      <table data-testid={`segment-table-${channel}`} className="compact wide">
        <caption className="title">{SOURCE_LABEL[channel]}</caption>
        <thead>
          <tr>
            <th>Grouping</th>
            {segments.map((s) => (
              <th key={s.segment} className="group" colSpan={2}>
                {SEGMENT_TITLE[s.segment]}
              </th>
            ))}
          </tr>
          <tr>
            <th />
            {segments.map((s) => [
              <th key={`${s.segment}-ap`} className="num">
                AP
              </th>,
              <th key={`${s.segment}-rel`} className="num">
                vs baseline
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {(segments[0]?.rows ?? []).map((r, i) => (
            <tr key={r.id} className={r.isBaseline ? 'baseline' : undefined}>
              <td>
                <GroupingName id={r.id} label={r.label} isBaseline={r.isBaseline} />
              </td>
              {segments.map((s) => {
                const cell = s.rows[i];
                return [
                  <td key={`${s.segment}-ap`} className={cell.ap === null ? 'num na' : 'num'}>
                    {apCellText(cell.ap, cell.apReason)}
                  </td>,
                  <td key={`${s.segment}-rel`} className={cell.rel === null ? 'num na' : 'num'}>
                    {relCellText(cell.rel)}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
        {ceilings && (
          <tfoot>
            <CeilingFootRow
              testId={`segment-ceiling-row-${channel}`}
              title="Simulator truth (ceiling)"
              ceilings={ceilings}
              value="ceiling"
            />
            <CeilingFootRow
              testId={`segment-prevalence-row-${channel}`}
              title="Random ranking (prevalence)"
              ceilings={ceilings}
              value="prevalence"
            />
          </tfoot>
        )}
      </table>
      <p style={note}>
        {segments
          .map(
            (s) =>
              `${SEGMENT_TITLE[s.segment]}: ${segmentSizeText(s.rows[0]?.rows ?? 0, s.rows[0]?.positives ?? 0)}.`,
          )
          .join(' ')}
      </p>
      {ceilings && (
        <ShareTable
          testId={`segment-headroom-table-${channel}`}
          caption={`${SOURCE_LABEL[channel]}: share of headroom captured per creator segment`}
          columns={ceilings.map(({ key, c }) => ({ key, title: SEGMENT_TITLE[key], ceiling: c }))}
          rows={segments[0]?.rows ?? []}
          apOf={(r, c) =>
            segments.find((s) => s.segment === c.key)?.rows.find((x) => x.id === r.id)?.ap ?? null
          }
          cellTestId={(r, c) => `segment-share-${channel}-${c.key}-${r.id}`}
        />
      )}
    </div>
  );
}
