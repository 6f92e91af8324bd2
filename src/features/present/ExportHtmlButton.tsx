/** A button that exports runs as one standalone HTML file, saying so while it works or when it fails. */
import { type CSSProperties, useState } from 'react';
import type { DeckRun } from './deck';
import { exportDeckHtml } from './export-deck';

export function ExportHtmlButton({
  runs,
  label,
  testId,
  style,
}: {
  runs: readonly DeckRun[];
  label: string;
  testId: string;
  style?: CSSProperties;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await exportDeckHtml(runs);
    } catch (e) {
      setError(`Could not export: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        style={style}
        onClick={() => void run()}
        disabled={busy || runs.length === 0}
        data-testid={testId}
        title="One .html file: slides, tables, charts as SVG and the share links; no scripts, nothing loaded from the network"
      >
        {busy ? 'Exporting…' : label}
      </button>
      {error && (
        <span role="alert" className="error" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </>
  );
}
