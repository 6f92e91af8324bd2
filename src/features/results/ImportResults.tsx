/**
 * "Import results (JSON)": reads a results file, validates it against the documented format and
 * shows it in place of the current results; a refused file lists its problems (field + why).
 */
import { type ChangeEvent, useRef, useState } from 'react';
import { parseResultsJson } from '../../core/metrics/results-io';
import type { ExperimentResults } from '../../core/metrics/results-types';
import { useAppStore } from '../../store';
import { selectResults } from '../../store/selectors';
import { button, errorBox, status, toolbar } from './export-styles';

type ImportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ok'; readonly file: string; readonly results: ExperimentResults }
  | { readonly kind: 'failed'; readonly file: string; readonly errors: readonly string[] };

export function ImportResults() {
  const importResults = useAppStore((s) => s.importResults);
  const shown = useAppStore(selectResults);
  // A running experiment would replace imported results when it ends; import after it instead.
  const running = useAppStore((s) => s.runStatus === 'running' || s.runStatus === 'cancelling');
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again must fire change again
    if (!file) return;
    const parsed = parseResultsJson(await file.text());
    if (!parsed.ok) return setState({ kind: 'failed', file: file.name, errors: parsed.errors });
    importResults(parsed.results);
    setState({ kind: 'ok', file: file.name, results: parsed.results });
  };

  return (
    <div style={{ display: 'grid', gap: 6 }}>
      <div style={toolbar}>
        <button type="button" style={button} disabled={running} onClick={() => input.current?.click()}>
          Import results (JSON)
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={onFile}
          data-testid="import-results-input"
          aria-label="Results JSON file to import"
        />
        {/* Only while they are still the results shown: a run that ends later replaces them. */}
        {state.kind === 'ok' && state.results === shown && (
          <span style={status} data-testid="import-status">
            Showing the imported {state.file} ({state.results.groupings.length} groupings).
          </span>
        )}
        {running && <span style={status}>Import is available when the run ends.</span>}
      </div>
      {state.kind === 'failed' && (
        <div role="alert" style={errorBox} data-testid="import-errors">
          <strong>{state.file} was not imported:</strong> it is not a valid results file (format version 1).
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {state.errors.map((err) => (
              <li key={err}>{err}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
