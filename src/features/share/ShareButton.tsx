import { useId, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { selectBackend, selectConfig } from '../../store/selectors';
import { STUDY_KINDS, type StudyKind } from '../../core/config/experiment';
import { shareUrl } from '../../core/config/share-link';
import { STUDY_LABEL } from '../../core/results/study-results';
import { dataNote, studyNote } from './share-view';
import './share.css';

type CopyState = 'idle' | 'copied' | 'refused';

/** Copies `text`; false where the browser refuses (no permission, no secure context, no API). */
async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Share: the config as a link (never the results), copied to the clipboard and shown, with the
 * options to start the run on open and to pin the backend in use (the same backend and seed give
 * the same numbers). Where copying is refused, the link is selected for copying by hand.
 */
export function ShareButton() {
  const config = useAppStore(selectConfig);
  const backend = useAppStore(selectBackend)?.backend ?? null;
  const setStudy = useAppStore((s) => s.setStudy);
  const [open, setOpen] = useState(false);
  const [autorun, setAutorun] = useState(false);
  const [pin, setPin] = useState(false);
  const [carryFp, setCarryFp] = useState(true);
  // The shown results' fingerprint fits the link only when they were run with this config.
  const shown = useAppStore((s) => s.results);
  const fingerprint =
    shown?.reproduction && JSON.stringify(shown.config) === JSON.stringify(config)
      ? shown.reproduction
      : null;
  const [copy, setCopy] = useState<CopyState>('idle');
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const base = `${location.origin}${location.pathname}`;
  const link = shareUrl(base, config, {
    autorun,
    backend: pin ? backend : null,
    fingerprint: carryFp ? fingerprint : null,
  });
  const note = dataNote(config);

  const copyLink = async (text: string) => {
    const ok = await copyText(text);
    setCopy(ok ? 'copied' : 'refused');
    if (!ok) field.current?.select();
  };
  const change = (apply: () => void) => {
    apply();
    setCopy('idle'); // the link changed: what was copied is no longer it
  };

  return (
    <div className="share">
      <button
        type="button"
        className="share-toggle"
        data-testid="share-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => {
          setOpen(!open);
          if (!open) void copyLink(link);
        }}
      >
        Share
      </button>
      {open && (
        <section className="share-panel" id={id} aria-label="Share this configuration">
          <label htmlFor={`${id}-link`}>Link to this configuration (results are not in it):</label>
          <input
            id={`${id}-link`}
            ref={field}
            type="text"
            readOnly
            value={link}
            data-testid="share-link"
            onFocus={(e) => e.currentTarget.select()}
          />
          <label>
            <input
              type="checkbox"
              data-testid="share-autorun"
              checked={autorun}
              onChange={(e) => change(() => setAutorun(e.target.checked))}
            />
            Start the run when the link is opened (<code>autorun=1</code>)
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="share-pin-backend"
              checked={pin && backend !== null}
              disabled={backend === null}
              onChange={(e) => change(() => setPin(e.target.checked))}
            />
            Pin the backend ({backend ?? 'not chosen yet'}): the same backend gives the same numbers
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="share-fingerprint"
              checked={carryFp && fingerprint !== null}
              disabled={fingerprint === null}
              onChange={(e) => change(() => setCarryFp(e.target.checked))}
            />
            {fingerprint
              ? `Carry this run's prediction fingerprint (fp=${fingerprint.predictions}): the receiver sees whether their run reproduces it`
              : 'Carry a prediction fingerprint (run this configuration first)'}
          </label>
          <label>
            The link runs{' '}
            <select
              data-testid="share-study"
              value={config.study.kind}
              onChange={(e) => change(() => setStudy({ kind: e.target.value as StudyKind }))}
            >
              {STUDY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {STUDY_LABEL[k].toLowerCase()}
                </option>
              ))}
            </select>
          </label>
          <p className="muted" data-testid="share-study-note">
            {studyNote(config)}
          </p>
          <p className={note.warn ? 'warn' : 'muted'} data-testid="share-data-note">
            {note.text}
          </p>
          <div className="share-row">
            <button type="button" data-testid="share-copy" onClick={() => void copyLink(link)}>
              Copy link
            </button>
            <span role="status" data-testid="share-copy-status" data-state={copy}>
              {copy === 'copied' && 'Copied.'}
              {copy === 'refused' && 'The browser refused to copy: the link is selected, copy it by hand.'}
            </span>
          </div>
        </section>
      )}
    </div>
  );
}
