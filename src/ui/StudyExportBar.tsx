/**
 * Downloads of a shown study, any kind: its CSV, its JSON (which imports back), and its Markdown
 * report, which can also go straight to the clipboard for a review document.
 */
import { useState } from 'react';
import { metaOf, type StudyFile, studyToJson } from '../core/results/study-io';
import { studyToCsv } from '../core/results/study-csv';
import { MIME, pageBase, resultsFileStem } from '../core/results/study-files';
import { studyMarkdown } from '../core/results/reports/study-report';
import type { StudyKind } from '../core/results/study-results';
import { browserDownload } from '../store/download';
import { button, status, toolbar } from './export-styles';

const reportOf = (file: StudyFile): string =>
  studyMarkdown(file, { pageBase: pageBase(location), generatedAt: new Date().toISOString() });

type Ext = 'csv' | 'json' | 'md';

/** Test ids per kind (the comparison's are the ones its exports always had). */
const IDS: Readonly<Record<StudyKind, Record<Ext | 'copy', string>>> = {
  comparison: {
    csv: 'export-results-csv',
    json: 'export-results-json',
    md: 'export-report-md',
    copy: 'copy-report',
  },
  ablation: {
    csv: 'export-ablation-csv',
    json: 'export-ablation-json',
    md: 'export-ablation-md',
    copy: 'copy-ablation-report',
  },
  tuning: {
    csv: 'export-tuning-csv',
    json: 'export-tuning-json',
    md: 'export-tuning-md',
    copy: 'copy-tuning-report',
  },
  'cold-start': {
    csv: 'export-cold-start-csv',
    json: 'export-cold-start-json',
    md: 'export-cold-start-md',
    copy: 'copy-cold-start-report',
  },
};

/** The three downloads: extension, button text and the file's text. */
const FILES: readonly { ext: Ext; label: string; text: (f: StudyFile) => string }[] = [
  { ext: 'csv', label: 'Download CSV', text: studyToCsv },
  { ext: 'json', label: 'Download JSON', text: studyToJson },
  { ext: 'md', label: 'Download report (.md)', text: reportOf },
];

export function StudyExportBar({ file }: { file: StudyFile }) {
  const [copy, setCopy] = useState<string | null>(null);
  const ids = IDS[file.kind];
  const stem = resultsFileStem({ createdAt: metaOf(file)?.createdAt ?? '' }, file.kind);
  const download = (ext: Ext, text: string) =>
    browserDownload(`${stem}.${ext}`, new Blob([text], { type: MIME[ext] }));

  const copyReport = async () => {
    try {
      await navigator.clipboard.writeText(reportOf(file));
      setCopy('Report copied as Markdown.');
    } catch (e) {
      // Clipboard access can be refused (no permission, page not focused): the download still works.
      setCopy(`Could not copy (${(e as Error).message}); use Download report instead.`);
    }
  };

  return (
    <div style={toolbar} data-testid={file.kind === 'comparison' ? 'export-bar' : `export-bar-${file.kind}`}>
      <span style={status}>Export:</span>
      {FILES.map((f) => (
        <button
          key={f.ext}
          type="button"
          style={button}
          onClick={() => download(f.ext, f.text(file))}
          data-testid={ids[f.ext]}
        >
          {f.label}
        </button>
      ))}
      <button type="button" style={button} onClick={copyReport} data-testid={ids.copy}>
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
