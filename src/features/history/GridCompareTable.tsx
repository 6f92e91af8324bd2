/**
 * Ablation grids side by side (grid-compare-view.ts): per arm, each grid's change against its own
 * unchanged model per channel, with the grid's interval. Cells carry the change in data-change
 * (a fraction at full precision, 'n/a' when undefined or not trained).
 */
import { CHANNELS } from '../../core/metrics/segments';
import type { GridCompare } from './grid-compare-view';
import { SOURCE_LABEL } from '../../core/data/schema';
import { datasetNote } from './history-view';

export function GridCompareTable({ view }: { view: GridCompare }) {
  const note = datasetNote(view.columns.map((c) => c.run));
  return (
    <section aria-label="Compare ablation grids" className="panel history-compare" data-testid="grid-compare">
      <h3>Ablation grids side by side</h3>
      <p className="help">
        Each cell: the arm&apos;s change in AP on all test rows of the channel against the unchanged model of{' '}
        <em>its own</em> grid, (AP − full AP) / full AP, with that grid&apos;s interval:
      </p>
      <ul className="help small" data-testid="grid-compare-columns">
        {view.columns.map((c) => (
          <li key={c.run.id} data-run-id={c.run.id}>
            <strong>{c.run.name}</strong>: grid of <code>{c.target}</code>; full AP promotions{' '}
            {c.fullAp.promo}, ads {c.fullAp.ad}; {c.intervalText}.
          </li>
        ))}
      </ul>
      {view.targetNote && <p className="warn">{view.targetNote}</p>}
      {note && <p className="warn">{note}</p>}
      <div className="table-scroll">
        <table className="compact" data-testid="grid-compare-table">
          <thead>
            <tr>
              <th rowSpan={2}>Arm</th>
              <th rowSpan={2}>Change</th>
              {view.columns.map((c) => (
                <th key={c.run.id} colSpan={CHANNELS.length} className="compare-run" data-run-id={c.run.id}>
                  {c.run.name}
                </th>
              ))}
            </tr>
            <tr>
              {view.columns.flatMap((c) =>
                CHANNELS.map((ch) => (
                  <th key={`${c.run.id}-${ch}`} className="num">
                    {SOURCE_LABEL[ch]} vs full
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.arm} data-arm={row.arm}>
                <td>
                  <code>{row.arm}</code>
                </td>
                <td className="wrap">{row.change}</td>
                {row.cells.flatMap((cell) =>
                  CHANNELS.map((ch) => (
                    <td
                      key={`${cell.runId}-${ch}`}
                      className={cell.trained ? 'num' : 'num muted'}
                      data-testid="grid-compare-change"
                      data-run-id={cell.runId}
                      data-channel={ch}
                      data-change={cell.channels[ch].mean ?? 'n/a'}
                    >
                      {cell.channels[ch].text}
                    </td>
                  )),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
