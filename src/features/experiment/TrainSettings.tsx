import { fieldAt } from '../../core/config/field-lookup';
import { TASKS, type TaskId } from '../../core/data/schema';
import { useAppStore } from '../../store';
import { NumberField } from '../../ui/FieldInput';

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
/** Used when "natural" is unticked: the spec's source-balanced batches. */
const BALANCED = 0.5;

/** Optimiser, stopping, batch composition and per-task loss weights. */
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
      <fieldset className="field-grid field-span">
        <legend>Task weights λ (loss = Σ λ·masked BCE)</legend>
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
