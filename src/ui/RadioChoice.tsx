/** A labelled row of radio buttons choosing one of a few values (a view switch, not a setting). */
export function RadioChoice<T extends string>({
  label,
  name,
  options,
  value,
  onChange,
  text,
  prefix,
}: {
  /** Accessible name of the group. */
  label: string;
  name: string;
  options: readonly T[];
  value: T;
  onChange: (v: T) => void;
  text: (v: T) => string;
  /** Visible words before the options. */
  prefix?: string;
}) {
  return (
    <div role="radiogroup" aria-label={label} style={{ fontSize: 13, marginBottom: 4 }}>
      {prefix && `${prefix} `}
      {options.map((o) => (
        <label key={o} style={{ marginRight: 12 }}>
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} />{' '}
          {text(o)}
        </label>
      ))}
    </div>
  );
}
