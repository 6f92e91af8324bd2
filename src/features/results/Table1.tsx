/**
 * The paper's Table 1 for this run: AP on all promotion and all ad test rows and the relative
 * change against the baseline. AP cells carry the full value in `data-ap` for tests and tools.
 */
import type { Metric } from '../../core/metrics/results-types';
import type { Table1Row, UndefinedReason } from '../../core/metrics/series';
import { apCellText, apDataAttr, relCellText } from './format';
import { GroupingName } from './GroupingName';
import { baselineRow, table, tableScroll, td, tdLeft, th, thLeft, undefinedCell } from './styles';

function ApCell({ ap, reason }: { ap: Metric; reason: UndefinedReason | null }) {
  return (
    <td data-ap={apDataAttr(ap)} style={ap === null ? { ...td, ...undefinedCell } : td}>
      {apCellText(ap, reason)}
    </td>
  );
}

function RelCell({ rel }: { rel: Metric }) {
  return <td style={rel === null ? { ...td, ...undefinedCell } : td}>{relCellText(rel)}</td>;
}

export function Table1({ rows, baseline }: { rows: readonly Table1Row[]; baseline: string }) {
  return (
    <div style={tableScroll}>
      <table data-testid="results-table" style={table}>
        <caption style={{ textAlign: 'left', fontSize: 13, color: '#555', paddingBottom: 4 }}>
          AP on all test rows of each channel; change relative to <code>{baseline}</code> on the same rows.
        </caption>
        <thead>
          <tr>
            <th style={thLeft}>Grouping</th>
            <th style={th}>Promotions AP</th>
            <th style={th}>vs baseline</th>
            <th style={th}>Ads AP</th>
            <th style={th}>vs baseline</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-grouping={r.id} style={r.isBaseline ? baselineRow : undefined}>
              <td style={tdLeft}>
                <GroupingName id={r.id} label={r.label} isBaseline={r.isBaseline} />
              </td>
              <ApCell ap={r.promoAp} reason={r.promoApReason} />
              <RelCell rel={r.promoRel} />
              <ApCell ap={r.adAp} reason={r.adApReason} />
              <RelCell rel={r.adRel} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
