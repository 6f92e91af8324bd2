import type { ConfigDiffRow } from '../../core/metrics/compare';
import type { RunRecord } from '../../store/history-record';

/** Only the configuration fields that differ between the compared runs, one column per run. */
export function ConfigDiffTable({
  runs,
  diff,
}: {
  runs: readonly RunRecord[];
  diff: readonly ConfigDiffRow[];
}) {
  if (diff.length === 0)
    return (
      <p className="muted" data-testid="config-diff-none">
        The runs' configurations are identical (data source, groupings, model, training and simulator).
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="compact" data-testid="config-diff">
        <thead>
          <tr>
            <th>Field</th>
            {runs.map((r) => (
              <th key={r.id}>{r.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
            <tr key={d.key} data-key={d.key}>
              <td>
                <code>{d.key}</code> <span className="muted small">{d.label}</span>
              </td>
              {d.values.map((v, i) => (
                <td key={runs[i].id}>{v}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
