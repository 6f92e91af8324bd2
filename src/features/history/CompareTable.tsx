import type { CompareRow } from '../../core/metrics/compare';
import type { RunRecord } from '../../store/history-record';
import { SOURCE_LABEL } from '../../core/data/schema';
import { apText, deltaText, relText, segmentName } from './history-view';

interface Props {
  readonly runs: readonly RunRecord[];
  readonly referenceId: string;
  /** The reference is the pinned baseline (else a stand-in). */
  readonly pinned: boolean;
  readonly rows: readonly CompareRow[];
}

/**
 * Every run's AP side by side; each other run also shows its change against the reference run
 * on the same grouping, channel and segment. Cells carry full-precision values in data-*.
 */
export function CompareTable({ runs, referenceId, pinned, rows }: Props) {
  const isRef = (id: string) => id === referenceId;
  return (
    <div className="table-scroll">
      <table className="compact" data-testid="compare-table">
        <thead>
          <tr>
            <th rowSpan={2}>Grouping</th>
            <th rowSpan={2}>Channel</th>
            <th rowSpan={2}>Test rows</th>
            {runs.map((r) => (
              <th key={r.id} colSpan={isRef(r.id) ? 1 : 3} data-run-id={r.id} className="compare-run">
                {r.name}
                {isRef(r.id) && (
                  <small className="muted">{pinned ? ' (pinned baseline)' : ' (reference)'}</small>
                )}
              </th>
            ))}
          </tr>
          <tr>
            {runs.flatMap((r) =>
              isRef(r.id)
                ? [
                    <th key={r.id} className="num">
                      AP
                    </th>,
                  ]
                : [
                    <th key={`${r.id}-ap`} className="num">
                      AP
                    </th>,
                    <th key={`${r.id}-d`} className="num">
                      Δ AP
                    </th>,
                    <th key={`${r.id}-r`} className="num">
                      rel
                    </th>,
                  ],
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              key={`${row.grouping}/${row.channel}/${row.segment}`}
              data-grouping={row.grouping}
              data-channel={row.channel}
              data-segment={row.segment}
            >
              <td>{i === 0 || rows[i - 1].grouping !== row.grouping ? <code>{row.grouping}</code> : null}</td>
              <td>{SOURCE_LABEL[row.channel]}</td>
              <td>{segmentName(row.segment)}</td>
              {row.cells.flatMap((c) => {
                const ap = (
                  <td
                    key={`${c.runId}-ap`}
                    className="num"
                    data-testid="compare-ap"
                    data-run-id={c.runId}
                    data-ap={c.ap ?? 'n/a'}
                  >
                    {c.trained ? apText(c.ap) : 'not trained'}
                  </td>
                );
                if (isRef(c.runId)) return [ap];
                return [
                  ap,
                  <td
                    key={`${c.runId}-d`}
                    className="num"
                    data-testid="compare-delta"
                    data-run-id={c.runId}
                    data-delta={c.delta ?? 'n/a'}
                  >
                    {deltaText(c.delta)}
                  </td>,
                  <td
                    key={`${c.runId}-r`}
                    className="num"
                    data-testid="compare-rel"
                    data-run-id={c.runId}
                    data-rel={c.rel ?? 'n/a'}
                  >
                    {relText(c.rel)}
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
