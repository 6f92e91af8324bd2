import { type DragEvent, useRef, useState } from 'react';
import type { LoadSource } from '../../worker/protocol';

/** Test ids of a picker's parts (the e2e journeys address each picker by its own). */
export interface SourcePickerIds {
  readonly dropZone: string;
  readonly open: string;
  readonly input: string;
  readonly url: string;
  readonly submit: string;
}

/**
 * A file to read, however it comes: the picker button, a drop onto the zone, or an https URL.
 * Used for impression files (LoadControls) and predictions files (AnalysePredictions).
 */
export function SourcePicker(props: {
  readonly accept: string;
  readonly busy: boolean;
  readonly onSource: (source: LoadSource) => void;
  readonly openLabel: string;
  readonly dropText: string;
  readonly dropLabel: string;
  readonly inputLabel?: string;
  readonly urlLabel: string;
  readonly urlPlaceholder: string;
  readonly submitLabel: string;
  readonly ids: SourcePickerIds;
}) {
  const { busy, onSource, ids } = props;
  const input = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) onSource({ kind: 'file', file });
  };
  return (
    <>
      <section
        aria-label={props.dropLabel}
        className={`drop-zone${over ? ' over' : ''}`}
        data-testid={ids.dropZone}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <button type="button" disabled={busy} onClick={() => input.current?.click()} data-testid={ids.open}>
          {props.openLabel}
        </button>
        <span className="muted">{props.dropText}</span>
        <input
          ref={input}
          type="file"
          accept={props.accept}
          hidden
          data-testid={ids.input}
          {...(props.inputLabel ? { 'aria-label': props.inputLabel } : {})}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) onSource({ kind: 'file', file });
            e.currentTarget.value = ''; // picking the same file again must read it again
          }}
        />
      </section>
      <form
        className="actions"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) onSource({ kind: 'url', url });
        }}
      >
        <label className="grow">
          <span className="sr-only">{props.urlLabel}</span>
          <input
            type="url"
            placeholder={props.urlPlaceholder}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            data-testid={ids.url}
          />
        </label>
        <button type="submit" disabled={busy || !url.trim()} data-testid={ids.submit}>
          {props.submitLabel}
        </button>
      </form>
    </>
  );
}
