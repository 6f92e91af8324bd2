/**
 * "Import results (JSON)": reads a study file of any kind (a comparison's or a grid's results,
 * old files included, or a study envelope such as a cold start's), validates it against the
 * documented format and shows it in the view of its kind; it can then be saved to History. A
 * refused file lists its problems (field + why).
 */
import { type ChangeEvent, useRef, useState } from 'react';
import { parseStudyJson, type StudyFile } from '../../core/results/study-io';
import { STUDY_LABEL } from '../../core/results/study-results';
import { useAppStore } from '../../store';
import { selectBusy } from '../../store/selectors';
import { saveMetaOf } from '../../store/history-record';
import type { AppState } from '../../store/types';
import { button, errorBox, status, toolbar } from '../../ui/export-styles';

type ImportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'ok'; readonly file: string; readonly study: StudyFile; readonly saved: boolean }
  | { readonly kind: 'failed'; readonly file: string; readonly errors: readonly string[] };

/** The results the view of a study's kind shows now. */
const shownOf = (s: AppState, study: StudyFile): unknown =>
  study.kind === 'comparison' || study.kind === 'tuning'
    ? s.results
    : study.kind === 'ablation'
      ? s.ablationResults
      : s.coldStartResults;

/** '(6 groupings)', '(13 arms) in step 5', '(ad_stream, 3 budgets) in step 6'. */
function whatText(study: StudyFile): string {
  if (study.kind === 'cold-start')
    return `${STUDY_LABEL[study.kind].toLowerCase()} (${study.results.task}, ${study.results.budgets.length} budgets), shown in step 6`;
  const n = study.results.groupings.length;
  if (study.kind === 'tuning')
    return `tuning (${study.results.tuning?.trials ?? 'n/a'} recipes, ${n} groupings)`;
  return study.kind === 'ablation' ? `ablation grid (${n} arms), shown in step 5` : `(${n} groupings)`;
}

function SaveButton({ study, saved, onSaved }: { study: StudyFile; saved: boolean; onSaved: () => void }) {
  const saveStudy = useAppStore((s) => s.saveStudy);
  // A failed save is kept as the history's unsaved run, with the reason and a retry shown there.
  const failed = useAppStore((s) => s.unsavedRun?.results === study.results);
  const meta = saveMetaOf(study);
  if (saved)
    return (
      <span style={status} data-testid="import-saved">
        {failed ? 'Not saved: the History step says why.' : 'Saved to History.'}
      </span>
    );
  if (!meta)
    return (
      <span style={status} data-testid="import-save-unavailable">
        This file does not say how the study was run (no config), so it cannot be saved to History.
      </span>
    );
  const save = async () => {
    await saveStudy(study, meta);
    onSaved();
  };
  return (
    <button type="button" style={button} data-testid="import-save" onClick={() => void save()}>
      Save to History
    </button>
  );
}

export function ImportResults() {
  const importStudy = useAppStore((s) => s.importStudy);
  // A running study would replace imported results when it ends; import after it instead.
  const running = useAppStore(selectBusy);
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const stillShown = useAppStore(
    (s) => state.kind === 'ok' && shownOf(s, state.study) === state.study.results,
  );
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // picking the same file again must fire change again
    if (!file) return;
    const parsed = parseStudyJson(await file.text());
    if (!parsed.ok) return setState({ kind: 'failed', file: file.name, errors: parsed.errors });
    importStudy(parsed.file);
    setState({ kind: 'ok', file: file.name, study: parsed.file, saved: false });
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
        {state.kind === 'ok' && stillShown && (
          <>
            <span style={status} data-testid="import-status" data-kind={state.study.kind}>
              Showing the imported {state.file} {whatText(state.study)}.
            </span>
            <SaveButton
              study={state.study}
              saved={state.saved}
              onSaved={() => setState({ ...state, saved: true })}
            />
          </>
        )}
        {running && <span style={status}>Import is available when the run ends.</span>}
      </div>
      {state.kind === 'failed' && (
        <div role="alert" style={errorBox} data-testid="import-errors">
          <strong>{state.file} was not imported:</strong> it is not a valid results file (format version 1) or
          study file.
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
