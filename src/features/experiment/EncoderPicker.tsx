import { useId } from 'react';
import { ENCODER_KINDS, type EncoderKind, type GroupingId } from '../../core/config/experiment';
import { fieldAt } from '../../core/config/field-lookup';
import { useAppStore } from '../../store';
import { selectConfig } from '../../store/selectors';
import { ENCODER_TEXT, withEncoder } from './experiment-view';

/** A chosen grouping's encoder (shared bottom, MMoE or PLE), in its row of the grouping list. */
export function EncoderSelect({ id }: { readonly id: GroupingId }) {
  const config = useAppStore(selectConfig);
  const setConfig = useAppStore((s) => s.setConfig);
  const selectId = useId();
  const field = fieldAt(`encoders.${id}`);
  const value = config.encoders[id] ?? 'shared-bottom';
  return (
    <div style={{ display: 'flex', gap: 6, alignItems: 'baseline', fontSize: 13 }}>
      <label htmlFor={selectId}>Encoder</label>
      <select
        id={selectId}
        data-testid={`encoder-${id}`}
        value={value}
        title={`${field.help}: ${ENCODER_TEXT[value].what}`}
        onChange={(e) => setConfig(withEncoder(config, id, e.target.value as EncoderKind))}
      >
        {ENCODER_KINDS.map((k) => (
          <option key={k} value={k}>
            {ENCODER_TEXT[k].name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** One line per encoder: what it does. */
export function EncoderHelp() {
  return (
    <ul className="help" style={{ margin: '4px 0 0', paddingLeft: 18 }} data-testid="encoder-help">
      {ENCODER_KINDS.map((k) => (
        <li key={k}>
          <strong>{ENCODER_TEXT[k].name}</strong>: {ENCODER_TEXT[k].what}
        </li>
      ))}
    </ul>
  );
}
