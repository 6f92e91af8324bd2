import type { DatasetSummary } from '../../core/data/dataset-summary';
import { DaysTable, LabelRatesTable, TiersTable } from './SummaryTables';
import { featureGroups, tierHowText } from './summary-view';

/** Everything the dataset summary says, warnings first so they cannot be missed. */
export function DatasetSummaryView({ summary }: { readonly summary: DatasetSummary }) {
  return (
    <div className="summary" data-testid="dataset-summary">
      {summary.warnings.length > 0 && (
        <div className="warn" role="status" data-testid="dataset-warnings">
          <strong>Warnings</strong>
          <ul>
            {summary.warnings.map((w) => (
              <li key={w.message}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      <h4>Rows per day and source</h4>
      <DaysTable summary={summary} />
      <h4>Label rates</h4>
      <LabelRatesTable summary={summary} />
      <h4>Rows per stream tier</h4>
      <p className="help">
        A <strong>tier</strong> ranks a show by how much it is streamed: 0 = most streamed, 7 = least. Tiers
        0–2 are high-stream, 3–5 low-stream, 6–7 new or near-zero. Results are broken down by tier to show
        where the long tail gains. {tierHowText(summary.tiers)}
      </p>
      <TiersTable summary={summary} />
      <h4>Feature columns</h4>
      <dl className="features">
        {featureGroups(summary).map((g) => (
          <div key={g.group}>
            <dt>{g.title}</dt>
            <dd>
              {g.columns.length === 0
                ? '—'
                : g.columns.map((c) => (
                    <span key={c.name} className="chip" title={`${c.kind} input`}>
                      {c.name} <small>{c.kind}</small>
                    </span>
                  ))}
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted" data-testid="dataset-ignored">
        Ignored columns: {summary.ignoredColumns.length ? summary.ignoredColumns.join(', ') : 'none'}.
      </p>
    </div>
  );
}
