import { PRESETS, type PresetId } from '../../core/config/presets';
import { useAppStore } from '../../store';
import { selectConfig } from '../../store/selectors';
import { activePreset, withPresetData } from './experiment-view';

const PRESET_TEXT: Record<PresetId, { name: string; what: string }> = {
  quick: {
    name: 'Quick (smoke test)',
    what:
      'tiny data, small model, one seed, 2 epochs: checks that everything runs in about a minute; ' +
      'its differences between groupings are noise, not findings',
  },
  paper: { name: 'Paper', what: 'default data and model: the full comparison (several minutes)' },
};

/** Buttons that replace the whole config (data, seed, groupings, model, training) with a preset. */
export function PresetBar() {
  const config = useAppStore(selectConfig);
  const active = activePreset(config);
  const setConfig = useAppStore((s) => s.setConfig);
  return (
    <div className="preset-bar">
      {(Object.keys(PRESETS) as PresetId[]).map((id) => (
        <button
          key={id}
          type="button"
          data-testid={`preset-${id}`}
          aria-pressed={active === id}
          className={active === id ? 'active' : ''}
          onClick={() => setConfig(withPresetData(PRESETS[id], config))}
          title={PRESET_TEXT[id].what}
        >
          {PRESET_TEXT[id].name}
        </button>
      ))}
      <small className="muted">
        {active ? `${PRESET_TEXT[active].name}: ${PRESET_TEXT[active].what}` : 'Custom settings'}. A preset
        sets the simulated dataset too; a loaded file stays in use.
      </small>
    </div>
  );
}
