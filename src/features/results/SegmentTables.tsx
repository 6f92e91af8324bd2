/**
 * Less-streamed and high-stream creators, per channel: each grouping's AP and its change against
 * the baseline on the segment's rows, with the segment's size for context.
 */
import type { Source } from '../../core/data/schema';
import type { SegmentSummaryRow, SummarySegment } from '../../core/metrics/series';
import { apCellText, CHANNEL_TITLE, relCellText, SEGMENT_TITLE, segmentSizeText } from './format';
import { GroupingName } from './GroupingName';
import { baselineRow, note, table, tableScroll, td, tdLeft, th, thLeft, undefinedCell } from './styles';

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
  return (
    <div style={tableScroll}>
      <table data-testid={`segment-table-${channel}`} style={table}>
        <caption style={{ textAlign: 'left', fontSize: 14, fontWeight: 600, paddingBottom: 4 }}>
          {CHANNEL_TITLE[channel]}
        </caption>
        <thead>
          <tr>
            <th style={thLeft}>Grouping</th>
            {segments.map((s) => (
              <th key={s.segment} style={th} colSpan={2}>
                {SEGMENT_TITLE[s.segment]}
              </th>
            ))}
          </tr>
          <tr>
            <th style={thLeft} />
            {segments.map((s) => [
              <th key={`${s.segment}-ap`} style={th}>
                AP
              </th>,
              <th key={`${s.segment}-rel`} style={th}>
                vs baseline
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {(segments[0]?.rows ?? []).map((r, i) => (
            <tr key={r.id} style={r.isBaseline ? baselineRow : undefined}>
              <td style={tdLeft}>
                <GroupingName id={r.id} label={r.label} isBaseline={r.isBaseline} />
              </td>
              {segments.map((s) => {
                const cell = s.rows[i];
                return [
                  <td key={`${s.segment}-ap`} style={cell.ap === null ? { ...td, ...undefinedCell } : td}>
                    {apCellText(cell.ap, cell.apReason)}
                  </td>,
                  <td key={`${s.segment}-rel`} style={cell.rel === null ? { ...td, ...undefinedCell } : td}>
                    {relCellText(cell.rel)}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p style={note}>
        {segments
          .map(
            (s) =>
              `${SEGMENT_TITLE[s.segment]}: ${segmentSizeText(s.rows[0]?.rows ?? 0, s.rows[0]?.positives ?? 0)}.`,
          )
          .join(' ')}
      </p>
    </div>
  );
}
