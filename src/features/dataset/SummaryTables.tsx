import type { DatasetSummary } from '../../core/data/dataset-summary';
import { SOURCES, TIERS } from '../../core/data/schema';
import { count, dayRows, labelRows, tierBand } from './summary-view';

/** Rows per day and source, with each day's split (train, validation, test). */
export function DaysTable({ summary }: { readonly summary: DatasetSummary }) {
  return (
    <div className="table-scroll table-tall">
      <table className="compact" data-testid="dataset-days">
        <thead>
          <tr>
            <th scope="col">day</th>
            <th scope="col">split</th>
            <th scope="col">promo rows</th>
            <th scope="col">ad rows</th>
          </tr>
        </thead>
        <tbody>
          {dayRows(summary).map((r) => (
            <tr key={r.day} className={r.split ? `split-${r.split}` : ''}>
              <td>{r.label}</td>
              <td>{r.split ?? '—'}</td>
              <td className="num">{count(r.promo)}</td>
              <td className="num">{count(r.ad)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              all {summary.rowsByDay.length} days
            </th>
            <td className="num">{count(summary.rowsBySource.promo)}</td>
            <td className="num">{count(summary.rowsBySource.ad)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Positive rate per label and source: positives over the rows where the label was observed. */
export function LabelRatesTable({ summary }: { readonly summary: DatasetSummary }) {
  return (
    <div className="table-scroll">
      <table className="compact" data-testid="dataset-label-rates">
        <thead>
          <tr>
            <th scope="col">label</th>
            <th scope="col">heads it trains</th>
            <th scope="col">promo rows</th>
            <th scope="col">ad rows</th>
          </tr>
        </thead>
        <tbody>
          {labelRows(summary).map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.tasks}</td>
              <td className="num">{r.promo}</td>
              <td className="num">{r.ad}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows per stream tier 0..7 and source, tiers banded high / low / new. */
export function TiersTable({ summary }: { readonly summary: DatasetSummary }) {
  return (
    <div className="table-scroll">
      <table className="compact" data-testid="dataset-tiers">
        <thead>
          <tr>
            <th scope="col">rows</th>
            {TIERS.map((t) => (
              <th key={t} scope="col" className={`band-${tierBand(t)}`} title={`${tierBand(t)}-stream`}>
                tier {t}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SOURCES.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              {summary.rowsByTier[s].map((n, t) => (
                <td key={TIERS[t]} className="num">
                  {count(n)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
