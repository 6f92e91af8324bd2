/**
 * Downloads of the shown results: the metrics CSV, the results JSON (importable back), and the
 * Markdown report, which can also go straight to the clipboard for a review document.
 */
import { useState } from 'react';
import { markdownReport } from '../../core/metrics/markdown-report';
import { resultsToCsv, resultsToJson } from '../../core/metrics/results-io';
import type { ExperimentResults } from '../../core/metrics/results-types';
import { browserDownload } from '../../store/download';
import { button, status, toolbar } from './export-styles';
import { MIME, pageBase, resultsFileStem } from './results-files';

const reportOf = (results: ExperimentResults): string =>
  markdownReport(results, { pageBase: pageBase(location), generatedAt: new Date().toISOString() });

/** The three downloads: extension, button text, test id, and the file's text. */
const FILES: readonly {
  ext: keyof typeof MIME;
  label: string;
  testId: string;
  text: (r: ExperimentResults) => string;
}[] = [
  { ext: 'csv', label: 'Download CSV', testId: 'export-results-csv', text: resultsToCsv },
  { ext: 'json', label: 'Download JSON', testId: 'export-results-json', text: resultsToJson },
  { ext: 'md', label: 'Download report (.md)', testId: 'export-report-md', text: reportOf },
];

export function ExportBar({ results }: { results: ExperimentResults }) {
  const [copy, setCopy] = useState<string | null>(null);
  const stem = resultsFileStem(results);
  const download = (ext: keyof typeof MIME, text: string) =>
    browserDownload(`${stem}.${ext}`, new Blob([text], { type: MIME[ext] }));

  const copyReport = async () => {
    try {
      await navigator.clipboard.writeText(reportOf(results));
      setCopy('Report copied as Markdown.');
    } catch (e) {
      // Clipboard access can be refused (no permission, page not focused): the download still works.
      setCopy(`Could not copy (${(e as Error).message}); use Download report instead.`);
    }
  };

  return (
    <div style={toolbar} data-testid="export-bar">
      <span style={status}>Export:</span>
      {FILES.map((f) => (
        <button
          key={f.ext}
          type="button"
          style={button}
          onClick={() => download(f.ext, f.text(results))}
          data-testid={f.testId}
        >
          {f.label}
        </button>
      ))}
      <button type="button" style={button} onClick={copyReport} data-testid="copy-report">
        Copy report
      </button>
      {copy && (
        <span style={status} role="status">
          {copy}
        </span>
      )}
    </div>
  );
}
