import { fieldAt } from '../../core/config/field-lookup';
import { useAppStore } from '../../store';
import { ListField, NumberField } from '../../ui/FieldInput';

const EMB = fieldAt('model.embeddingDim');
const ENCODER = fieldAt('model.encoderUnits');
const TOWER = fieldAt('model.towerUnits');

/** The shared-bottom model's sizes: embedding width, shared encoder and per-head tower widths. */
export function ModelSettings() {
  const model = useAppStore((s) => s.config.model);
  const setModel = useAppStore((s) => s.setModel);
  return (
    <fieldset className="field-grid">
      <legend>Model</legend>
      <NumberField
        field={EMB}
        label="Embedding dim"
        value={model.embeddingDim}
        onCommit={(embeddingDim) => setModel({ embeddingDim })}
      />
      <ListField
        field={ENCODER}
        label="Encoder widths"
        value={model.encoderUnits}
        onCommit={(encoderUnits) => setModel({ encoderUnits })}
      />
      <ListField
        field={TOWER}
        label="Tower widths (per head)"
        value={model.towerUnits}
        onCommit={(towerUnits) => setModel({ towerUnits })}
      />
    </fieldset>
  );
}
