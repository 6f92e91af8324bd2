import { fieldAt } from '../../core/config/field-lookup';
import { useAppStore } from '../../store';
import { NumberField } from '../../ui/FieldInput';
import { SelectField } from './SelectField';

const WIDTH = fieldAt('model.embeddingWidth');
const INIT = fieldAt('model.embeddingInit');
const SCALE = fieldAt('model.embeddingScale');
const DROPOUT = fieldAt('model.dropout');
const SCHEDULE = fieldAt('train.lrSchedule');
const WD_EMB = fieldAt('train.weightDecayEmbeddings');
const WD_DENSE = fieldAt('train.weightDecayDense');
const MIN_COUNT = fieldAt('train.minCount');

const WIDTH_TEXT = {
  fixed: 'Fixed (the embedding dim)',
  'fourth-root': 'Fourth root of the vocabulary',
} as const;
const INIT_TEXT = { normal: 'Normal N(0, scale²)', uniform: 'Uniform U(−scale, scale)' } as const;
const SCHEDULE_TEXT = { constant: 'Constant', cosine: 'Cosine decay to 0' } as const;

/**
 * The rest of the training recipe (docs/experiments.md): how embeddings start and how wide they
 * are, dropout, the learning-rate schedule, weight decay and the vocabulary min count. Every
 * grouping trains with the same recipe; a tuning study gives each the same search instead.
 */
export function RecipeSettings() {
  const model = useAppStore((s) => s.config.model);
  const train = useAppStore((s) => s.config.train);
  const setModel = useAppStore((s) => s.setModel);
  const setTrain = useAppStore((s) => s.setTrain);
  return (
    <fieldset className="field-grid" data-testid="recipe-settings">
      <legend>Recipe</legend>
      <SelectField
        field={WIDTH}
        label="Embedding width rule"
        value={model.embeddingWidth}
        text={(w) => WIDTH_TEXT[w]}
        onChange={(embeddingWidth) => setModel({ embeddingWidth })}
      />
      <SelectField
        field={INIT}
        label="Embedding initialisation"
        value={model.embeddingInit}
        text={(i) => INIT_TEXT[i]}
        onChange={(embeddingInit) => setModel({ embeddingInit })}
      />
      <NumberField
        field={SCALE}
        label="Embedding init scale"
        value={model.embeddingScale}
        onCommit={(embeddingScale) => setModel({ embeddingScale })}
      />
      <NumberField
        field={DROPOUT}
        label="Dropout (towers' input)"
        value={model.dropout}
        onCommit={(dropout) => setModel({ dropout })}
      />
      <SelectField
        field={SCHEDULE}
        label="Learning-rate schedule"
        value={train.lrSchedule}
        text={(s) => SCHEDULE_TEXT[s]}
        onChange={(lrSchedule) => setTrain({ lrSchedule })}
      />
      <NumberField
        field={WD_EMB}
        label="Weight decay, embeddings"
        value={train.weightDecayEmbeddings}
        onCommit={(weightDecayEmbeddings) => setTrain({ weightDecayEmbeddings })}
      />
      <NumberField
        field={WD_DENSE}
        label="Weight decay, dense kernels"
        value={train.weightDecayDense}
        onCommit={(weightDecayDense) => setTrain({ weightDecayDense })}
      />
      <NumberField
        field={MIN_COUNT}
        label="Vocabulary min count"
        value={train.minCount}
        onCommit={(minCount) => setTrain({ minCount })}
      />
    </fieldset>
  );
}
