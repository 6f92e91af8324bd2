import { fieldAt } from '../../core/config/field-lookup';
import { useAppStore } from '../../store';
import { ListField, NumberField } from '../../ui/FieldInput';
import { expertFieldsShown } from './experiment-view';

const EMB = fieldAt('model.embeddingDim');
const ENCODER = fieldAt('model.encoderUnits');
const TOWER = fieldAt('model.towerUnits');
const EXPERTS = fieldAt('model.experts');
const TASK_EXPERTS = fieldAt('model.taskExperts');
const EXPERT_UNITS = fieldAt('model.expertUnits');

/**
 * The model's sizes: embedding width, shared-bottom encoder and per-head tower widths, and, when
 * a chosen grouping uses MMoE or PLE, the number and widths of the experts.
 */
export function ModelSettings() {
  const model = useAppStore((s) => s.config.model);
  const groupings = useAppStore((s) => s.config.groupings);
  const encoders = useAppStore((s) => s.config.encoders);
  const setModel = useAppStore((s) => s.setModel);
  const shown = expertFieldsShown({ groupings, encoders });
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
        label="Encoder widths (shared bottom)"
        value={model.encoderUnits}
        onCommit={(encoderUnits) => setModel({ encoderUnits })}
      />
      <ListField
        field={TOWER}
        label="Tower widths (per head)"
        value={model.towerUnits}
        onCommit={(towerUnits) => setModel({ towerUnits })}
      />
      {shown.experts && (
        <fieldset className="field-grid field-span" data-testid="expert-settings">
          <legend>Experts (MMoE, PLE)</legend>
          <NumberField
            field={EXPERTS}
            label={shown.taskExperts ? 'Shared experts (MMoE; PLE per level)' : 'Experts'}
            value={model.experts}
            onCommit={(experts) => setModel({ experts })}
          />
          {shown.taskExperts && (
            <NumberField
              field={TASK_EXPERTS}
              label="Experts per head (PLE, per level)"
              value={model.taskExperts}
              onCommit={(taskExperts) => setModel({ taskExperts })}
            />
          )}
          <ListField
            field={EXPERT_UNITS}
            label="Expert widths"
            value={model.expertUnits}
            onCommit={(expertUnits) => setModel({ expertUnits })}
          />
          <p className="help field-span">
            Each expert is an MLP of these widths; a gate per head (a softmax over the experts it may use)
            mixes their outputs into that head&apos;s tower.
            {shown.taskExperts &&
              ' PLE stacks one level per width: each level has the shared experts plus each head’s own, and its shared mix feeds the next level.'}
          </p>
        </fieldset>
      )}
    </fieldset>
  );
}
