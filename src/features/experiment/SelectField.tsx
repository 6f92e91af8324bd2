import { useId } from 'react';
import type { Field } from '../../core/config/fields';

/**
 * A labelled select bound to one 'enum' field of the field table: the options are the field's
 * values (so the form offers exactly what the URL codec accepts), named by `text`.
 */
export function SelectField<T extends string>({
  field,
  label,
  value,
  text,
  onChange,
  help,
  testId,
}: {
  readonly field: Field;
  readonly label: string;
  readonly value: T;
  readonly text: (v: T) => string;
  readonly onChange: (v: T) => void;
  /** Shown under the select (default: the field's help). */
  readonly help?: string;
  /** Default `field-<key>`, as the text fields. */
  readonly testId?: string;
}) {
  const id = useId();
  const values = (field.kind.type === 'enum' ? field.kind.values : []) as readonly T[];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId ?? `field-${field.key}`}
        value={value}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {text(v)}
          </option>
        ))}
      </select>
      <small id={`${id}-help`} className="field-help">
        {help ?? field.help}
      </small>
    </div>
  );
}
