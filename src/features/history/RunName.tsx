import { useRef, useState } from 'react';
import type { RunRecord } from '../../store/history-record';

interface NameProps {
  readonly run: RunRecord;
  readonly editing: boolean;
  readonly done: () => void;
  readonly onRename: (name: string) => void;
}

/** The name, or a text box while renaming: Enter or leaving the box keeps it, Escape does not. */
export function RunName({ run, editing, done, onRename }: NameProps) {
  const [draft, setDraft] = useState(run.name);
  // Enter or Escape settles the edit once; the blur that follows as the box goes must not redo it.
  const settled = useRef(false);
  if (!editing) return <strong data-testid="history-name">{run.name}</strong>;
  const settle = (keep: boolean) => {
    if (settled.current) return;
    settled.current = true;
    if (keep && draft.trim() !== '' && draft !== run.name) onRename(draft);
    done();
  };
  return (
    <input
      type="text"
      className="history-name-input"
      aria-label="Run name"
      data-testid="history-name-input"
      value={draft}
      // biome-ignore lint/a11y/noAutofocus: the user just asked to rename this run
      autoFocus
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => settle(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') settle(true);
        if (e.key === 'Escape') settle(false);
      }}
    />
  );
}
