import { useId, useState } from 'react';
import {
  type Draft,
  draftMessage,
  readListDraft,
  readNumberDraft,
  rangeText,
  stepOf,
  valueText,
} from '../core/config/field-lookup';
import type { Field } from '../core/config/fields';

/* Shared form inputs (src/ui: used by several features, which may not import each other). */
interface DraftProps<T> {
  readonly field: Field;
  readonly label: string;
  readonly value: T;
  readonly onCommit: (value: T) => void;
  /** Also show a slider over the field's range (numbers only). */
  readonly slider?: boolean;
  readonly disabled?: boolean;
}

/**
 * A labelled text box bound to one config field. While the user types, the text is a draft:
 * a valid in-range value is committed at once; an out-of-range one only when the user leaves the
 * box (Enter or blur), clamped; an unusable one never (the box goes back to the stored value).
 */
function DraftInput<T>(props: DraftProps<T> & { readonly read: (f: Field, t: string) => Draft<T> }) {
  const { field, label, value, onCommit, read, disabled } = props;
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const state = draft === null ? null : read(field, draft);
  const message = state && draftMessage(state);
  const change = (text: string) => {
    setDraft(text);
    const d = read(field, text);
    if (d.state === 'ok') onCommit(d.value);
  };
  const settle = () => {
    if (state?.state === 'clamped') onCommit(state.value);
    setDraft(null);
  };
  const isNumber = typeof value === 'number';
  const kind = field.kind;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-inputs">
        <input
          id={id}
          type="text"
          inputMode={isNumber ? 'decimal' : 'text'}
          data-testid={`field-${field.key}`}
          value={draft ?? valueText(value)}
          disabled={disabled}
          aria-invalid={message ? true : undefined}
          aria-describedby={`${id}-help`}
          onChange={(e) => change(e.target.value)}
          onBlur={settle}
          onKeyDown={(e) => e.key === 'Enter' && settle()}
        />
        {props.slider && isNumber && 'min' in kind && (
          <input
            type="range"
            aria-label={`${label} slider`}
            min={kind.min}
            max={kind.max}
            step={stepOf(kind)}
            value={value}
            disabled={disabled}
            onChange={(e) => {
              const d = read(field, e.target.value);
              if (d.state !== 'invalid') onCommit(d.value);
            }}
          />
        )}
      </div>
      <small id={`${id}-help`} className="field-help">
        {field.help} ({rangeText(kind)})
      </small>
      {message && (
        <small className="field-error" role="alert">
          {message}
        </small>
      )}
    </div>
  );
}

/** A number field ('int', 'float' or the number of a 'float-or'), bounded by its range. */
export function NumberField(props: DraftProps<number>) {
  return <DraftInput {...props} read={readNumberDraft} />;
}

/** A comma-separated list of widths ('int-list'), e.g. "128, 64". */
export function ListField(props: DraftProps<readonly number[]>) {
  return <DraftInput {...props} read={readListDraft} />;
}
