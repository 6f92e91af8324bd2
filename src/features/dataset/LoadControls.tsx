import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { SourcePicker } from './SourcePicker';

const ACCEPT = '.csv,.jsonl,.ndjson,.parquet,.pq';

/** The built-in samples in public/samples, written by `npm run samples` from the simulator. */
const SAMPLES = [
  { label: 'Sample CSV', file: 'impressions-small.csv' },
  { label: 'Sample Parquet', file: 'impressions-small.parquet' },
  { label: 'Sample JSON Lines', file: 'impressions-small.jsonl' },
] as const;

const sampleUrl = (file: string) => new URL(`${import.meta.env.BASE_URL}samples/${file}`, location.href).href;

/**
 * The ways to bring a file: the picker, drag and drop onto the zone, an https URL, or one of the
 * built-in samples (loaded by URL, so the link can be shared).
 */
export function LoadControls() {
  const loadFile = useAppStore((s) => s.loadFile);
  const loadUrl = useAppStore((s) => s.loadUrl);
  const busy = useAppStore((s) => s.loadStatus === 'loading' || s.runStatus === 'running');

  // A file dropped beside the zone must not make the browser navigate away to show it.
  useEffect(() => {
    const stop = (e: Event) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  return (
    <div className="load-controls">
      <SourcePicker
        accept={ACCEPT}
        busy={busy}
        onSource={(source) => (source.kind === 'file' ? loadFile(source.file) : loadUrl(source.url))}
        openLabel="Open file…"
        dropText="or drop a CSV, JSON Lines or Parquet file here"
        dropLabel="Drop a file here"
        urlLabel="Dataset URL"
        urlPlaceholder="https://… (the server must allow cross-origin requests)"
        submitLabel="Load URL"
        ids={{
          dropZone: 'drop-zone',
          open: 'open-file',
          input: 'file-input',
          url: 'data-url',
          submit: 'load-url',
        }}
      />
      <div className="actions">
        <span className="muted">Samples written by the simulator:</span>
        {SAMPLES.map((s) => (
          <button key={s.file} type="button" disabled={busy} onClick={() => loadUrl(sampleUrl(s.file))}>
            {s.label}
          </button>
        ))}
      </div>
    </div>
  );
}
