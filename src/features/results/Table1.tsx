/**
 * The paper's Table 1 for this run: AP on all promotion and all ad test rows and the relative
 * change against the baseline. AP cells carry the full value in `data-ap` for tests and tools.
 * On simulated data (results.headroom) the table's foot adds the simulator truth's AP (the
 * ceiling) and the prevalence (the floor), and a small table under it each grouping's share of
 * that headroom; the body rows stay the paper's, so readers of `tbody tr` see the same table.
 */
import { SOURCE_LABEL } from '../../core/data/schema';
import { CHANNELS } from '../../core/metrics/segments';
import { capturedShare, HEADROOM_NOTE } from '../../core/metrics/headroom';
import type { Metric, SegmentCeiling } from '../../core/results/results-types';
import type { Table1Row, UndefinedReason } from '../../core/results/reports/series';
import { useAppStore } from '../../store';
import {
  apCellText,
  apDataAttr,
  ceilingCellText,
  prevalenceCellText,
  relCellText,
  SHARE_READING,
  shareCellText,
} from './format';
import { GroupingName } from './GroupingName';
import { note } from './styles';

function ApCell({ ap, reason }: { ap: Metric; reason: UndefinedReason | null }) {
  return (
    <td data-ap={apDataAttr(ap)} className={ap === null ? 'num na' : 'num'}>
      {apCellText(ap, reason)}
    </td>
  );
}

function RelCell({ rel }: { rel: Metric }) {
  return <td className={rel === null ? 'num na' : 'num'}>{relCellText(rel)}</td>;
}

/**
 * A foot row (in a tfoot, which tables.css sets apart from the groupings' rows; never `data-ap`,
 * which marks model APs): the ceiling's AP or the prevalence under each AP column, then one
 * empty cell spanning the `pad` columns after it ("vs baseline" and the like, which a ceiling has
 * no value for).
 */
export function CeilingFootRow({
  testId,
  title,
  ceilings,
  value,
  pad = 1,
}: {
  testId: string;
  title: string;
  ceilings: readonly { key: string; c: SegmentCeiling }[];
  value: 'ceiling' | 'prevalence';
  pad?: number;
}) {
  return (
    <tr data-testid={testId}>
      <td>{title}</td>
      {ceilings.map(({ key, c }) => {
        const v = value === 'ceiling' ? c.ap : c.prevalence;
        return [
          <td
            key={`${key}-v`}
            data-testid={`${testId}-${key}`}
            data-value={apDataAttr(v)}
            className={v === null ? 'num na' : 'num'}
          >
            {value === 'ceiling' ? ceilingCellText(c) : prevalenceCellText(c)}
          </td>,
          <td key={`${key}-pad`} colSpan={pad} />,
        ];
      })}
    </tr>
  );
}

export interface ShareColumn {
  readonly key: string;
  readonly title: string;
  readonly ceiling: SegmentCeiling;
}

/**
 * Each grouping's captured share of headroom, (AP - prevalence) / (ceiling - prevalence), per
 * column; `apOf(row, column)` is the grouping's AP on that column's rows (the Table 1 cell).
 */
export function ShareTable<R extends { id: string; label: string; isBaseline: boolean }>({
  testId,
  caption,
  columns,
  rows,
  apOf,
  cellTestId,
}: {
  testId: string;
  caption: string;
  columns: readonly ShareColumn[];
  rows: readonly R[];
  apOf: (row: R, column: ShareColumn) => Metric;
  cellTestId: (row: R, column: ShareColumn) => string;
}) {
  return (
    <div className="table-scroll" style={{ marginTop: 8 }}>
      <table data-testid={testId} className="compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th>Grouping</th>
            {columns.map((c) => (
              <th key={c.key} className="num">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-grouping={r.id} className={r.isBaseline ? 'baseline' : undefined}>
              <td>
                <GroupingName id={r.id} label={r.label} isBaseline={r.isBaseline} />
              </td>
              {columns.map((c) => {
                const ap = apOf(r, c);
                const share = capturedShare(ap, c.ceiling);
                return (
                  <td
                    key={c.key}
                    data-testid={cellTestId(r, c)}
                    data-share={share === null ? 'n/a' : String(share)}
                    className={share === null ? 'num na' : 'num'}
                  >
                    {shareCellText(share, ap, c.ceiling)}
                  </td>
                );
              })}
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

export function Table1({ rows, baseline }: { rows: readonly Table1Row[]; baseline: string }) {
  // The table always shows the store's results (as GroupingName reads them); absent = loaded data.
  const headroom = useAppStore((s) => s.results?.headroom);
  const all = headroom && CHANNELS.map((c) => ({ key: c, title: SOURCE_LABEL[c], ceiling: headroom[c].all }));
  return (
    <div className="table-scroll">
      <table data-testid="results-table" className="compact wide">
        <caption>
          AP on all test rows of each channel; change relative to <code>{baseline}</code> on the same rows.
          {all &&
            " Foot: the simulator's true p(stream) on the same rows (the ceiling) and the prevalence (the floor)."}
        </caption>
        <thead>
          <tr>
            <th>Grouping</th>
            <th className="num">Promotions AP</th>
            <th className="num">vs baseline</th>
            <th className="num">Ads AP</th>
            <th className="num">vs baseline</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-grouping={r.id} className={r.isBaseline ? 'baseline' : undefined}>
              <td>
                <GroupingName id={r.id} label={r.label} isBaseline={r.isBaseline} />
              </td>
              <ApCell ap={r.promoAp} reason={r.promoApReason} />
              <RelCell rel={r.promoRel} />
              <ApCell ap={r.adAp} reason={r.adApReason} />
              <RelCell rel={r.adRel} />
            </tr>
          ))}
        </tbody>
        {all && (
          <tfoot>
            <CeilingFootRow
              testId="ceiling-row"
              title="Simulator truth (ceiling)"
              ceilings={all.map((c) => ({ key: c.key, c: c.ceiling }))}
              value="ceiling"
            />
            <CeilingFootRow
              testId="prevalence-row"
              title="Random ranking (prevalence)"
              ceilings={all.map((c) => ({ key: c.key, c: c.ceiling }))}
              value="prevalence"
            />
          </tfoot>
        )}
      </table>
      {all && (
        <ShareTable
          testId="headroom-table"
          caption="Share of headroom captured on all test rows of each channel"
          columns={all}
          rows={rows}
          apOf={(r, c) => (c.key === 'promo' ? r.promoAp : r.adAp)}
          cellTestId={(r, c) => `headroom-share-${r.id}-${c.key}`}
        />
      )}
    </div>
  );
}
