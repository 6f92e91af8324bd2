import type { LoadReport } from '../../worker/protocol';
import { reportText } from './load-view';
import { ProblemTable } from './ProblemTable';

/** What the load in use read: file, encoding, size, rows, time, and the rows it skipped. */
export function LoadReportView({ report }: { readonly report: LoadReport }) {
  return (
    <div data-testid="load-report" data-ms={report.ms} data-rows={report.rows} data-bytes={report.bytes}>
      <p>
        {reportText(report)}
        {report.url && (
          <>
            {' '}
            From <code>{report.url}</code>.
          </>
        )}
      </p>
      {report.skippedCount > 0 && (
        <details open>
          <summary>Skipped rows and why</summary>
          <ProblemTable
            problems={report.skipped}
            total={report.skippedProblemCount}
            testId="skipped-problems"
          />
        </details>
      )}
    </div>
  );
}
