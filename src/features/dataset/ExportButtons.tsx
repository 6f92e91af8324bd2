import type { ExportFormat } from '../../worker/protocol';
import { useAppStore } from '../../store';

const FORMATS: readonly { format: ExportFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'parquet', label: 'Parquet' },
  { format: 'jsonl', label: 'JSON Lines' },
];

/** Downloads the dataset in use in the impression file format (written in the worker). */
export function ExportButtons() {
  const exportDataset = useAppStore((s) => s.exportDataset);
  const ready = useAppStore((s) => s.datasetStatus === 'ready');
  return (
    <div className="actions">
      <span className="muted">Download this dataset as</span>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          disabled={!ready}
          onClick={() => exportDataset(f.format)}
          data-testid={`export-${f.format}`}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
