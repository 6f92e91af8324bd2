import { BALANCING_KINDS } from '../../core/config/experiment';
import { fieldAt } from '../../core/config/field-lookup';
import { TASKS, type TaskId } from '../../core/data/schema';
import { useAppStore } from '../../store';
import { NumberField } from '../../ui/FieldInput';
import { BALANCING_TEXT } from './experiment-view';
import { SelectField } from './SelectField';

type NumericKey = 'learningRate' | 'batchSize' | 'maxEpochs' | 'patience' | 'lossReadEvery';

const NUMERIC = (
  [
    ['learningRate', 'Learning rate'],
    ['batchSize', 'Batch size'],
    ['maxEpochs', 'Max epochs'],
    ['patience', 'Patience (epochs)'],
    ['lossReadEvery', 'Loss read-back every N steps'],
  ] as const satisfies readonly (readonly [NumericKey, string])[]
).map(([key, label]) => ({ key, label, field: fieldAt(`train.${key}`) }));
const WEIGHTS = TASKS.map((task) => ({ task, field: fieldAt(`train.taskWeights.${task}`) }));
const PROMO_SHARE = fieldAt('train.promoShare');
const BALANCING = fieldAt('train.balancing');
const GRADNORM_ALPHA = fieldAt('train.gradnormAlpha');
const DIAG_BATCHES = fieldAt('train.diagnosticBatches');
/** Used when "natural" is unticked: the spec's source-balanced batches. */
const BALANCED = 0.5;

/** Optimiser, stopping, batch composition, how the heads' losses are combined, and the λ weights. */
export function TrainSettings() {
  const train = useAppStore((s) => s.config.train);
  const setTrain = useAppStore((s) => s.setTrain);
  const natural = train.promoShare === 'natural';
  const setWeight = (task: TaskId, w: number) =>
    setTrain({ taskWeights: { ...train.taskWeights, [task]: w } });
  return (
    <fieldset className="field-grid">
      <legend>Training</legend>
      {NUMERIC.map(({ key, label, field }) => (
        <NumberField
          key={key}
          field={field}
          label={label}
          value={train[key]}
          onCommit={(v) => setTrain({ [key]: v })}
        />
      ))}
      <div className="field-span">
        <label className="inline">
          <input
            type="checkbox"
            data-testid="promo-share-natural"
            checked={natural}
            onChange={(e) => setTrain({ promoShare: e.target.checked ? 'natural' : BALANCED })}
          />
          Natural batches (as in the data) for groupings that train on both sources
        </label>
        {!natural && (
          <div className="field-narrow">
            <NumberField
              field={PROMO_SHARE}
              label="Promo share per batch"
              value={train.promoShare as number}
              onCommit={(promoShare) => setTrain({ promoShare })}
              slider
            />
          </div>
        )}
      </div>
      <fieldset className="field-grid field-span" data-testid="balancing-settings">
        <legend>Loss balancing</legend>
        <SelectField
          field={BALANCING}
          label="Balancing"
          value={train.balancing}
          text={(b) => BALANCING_TEXT[b].name}
          onChange={(balancing) => setTrain({ balancing })}
        />
        {train.balancing === 'gradnorm' && (
          <NumberField
            field={GRADNORM_ALPHA}
            label="GradNorm α"
            value={train.gradnormAlpha}
            onCommit={(gradnormAlpha) => setTrain({ gradnormAlpha })}
          />
        )}
        <NumberField
          field={DIAG_BATCHES}
          label="Gradient-conflict batches per epoch"
          value={train.diagnosticBatches}
          onCommit={(diagnosticBatches) => setTrain({ diagnosticBatches })}
        />
        <ul className="help field-span" style={{ margin: 0, paddingLeft: 18 }} data-testid="balancing-help">
          {BALANCING_KINDS.map((b) => (
            <li key={b} style={b === train.balancing ? { fontWeight: 600 } : undefined}>
              {BALANCING_TEXT[b].name}: {BALANCING_TEXT[b].what}
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="field-grid field-span">
        <legend>
          Task weights λ (loss = Σ λ·masked BCE
          {train.balancing === 'uncertainty' || train.balancing === 'gradnorm'
            ? `; ${BALANCING_TEXT[train.balancing].name} learns a factor that multiplies each λ`
            : ''}
          )
        </legend>
        {WEIGHTS.map(({ task, field }) => (
          <NumberField
            key={task}
            field={field}
            label={task}
            value={train.taskWeights[task]}
            onCommit={(w) => setWeight(task, w)}
          />
        ))}
      </fieldset>
    </fieldset>
  );
}
