import { type DragEvent, useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';

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
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [over, setOver] = useState(false);

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

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) loadFile(file);
  };
  return (
    <div className="load-controls">
      <section
        aria-label="Drop a file here"
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <button type="button" disabled={busy} onClick={() => input.current?.click()} data-testid="open-file">
          Open file…
        </button>
        <span className="muted">or drop a CSV, JSON Lines or Parquet file here</span>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) loadFile(file);
            e.currentTarget.value = ''; // picking the same file again must load it again
          }}
        />
      </section>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) loadUrl(url);
        }}
      >
        <label className="grow">
          <span className="sr-only">Dataset URL</span>
          <input
            type="url"
            placeholder="https://… (the server must allow cross-origin requests)"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            data-testid="data-url"
          />
        </label>
        <button type="submit" disabled={busy || !url.trim()} data-testid="load-url">
          Load URL
        </button>
      </form>
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
