import { GroupingPicker } from './GroupingPicker';
import { ModelSettings } from './ModelSettings';
import { RecipeSettings } from './RecipeSettings';
import { PresetBar } from './PresetBar';
import { RigorSettings } from './RigorSettings';
import { TrainSettings } from './TrainSettings';

/**
 * What to train: a preset to start from, the task groupings to compare (with their loss masks)
 * and the baseline, then the model and training settings, and the repeats and budget replay.
 * Every input is bounded by the field table's ranges; the store validates again.
 */
export function ExperimentPanel() {
  return (
    <div className="panel" data-testid="experiment-panel">
      <PresetBar />
      <h3>Task groupings</h3>
      <GroupingPicker />
      <h3>Settings</h3>
      <ModelSettings />
      <TrainSettings />
      <RecipeSettings />
      <RigorSettings />
    </div>
  );
}
