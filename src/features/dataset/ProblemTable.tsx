import type { RowProblem } from '../../core/data/table-builder';
import { problemCells, problemsShownText } from './load-view';

/** Row problems as a table (row, column, value, reason) with how many there are in all. */
export function ProblemTable(props: {
  readonly problems: readonly RowProblem[];
  readonly total: number;
  readonly testId: string;
}) {
  const { problems, total, testId } = props;
  return (
    <>
      <div className="table-scroll">
        <table className="compact" data-testid={testId}>
          <thead>
            <tr>
              <th>Row</th>
              <th>Column</th>
              <th>Value</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p) => {
              const [row, column, value, reason] = problemCells(p);
              return (
                <tr key={`${p.row}-${p.column}-${p.reason}`}>
                  <td>{row}</td>
                  <td>{column}</td>
                  <td className="value-cell">{value}</td>
                  <td>{reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">{problemsShownText(problems.length, total)}</p>
    </>
  );
}
