/**
 * The config slice: the experiment being edited. Every setter goes through the field table's
 * validation (core/config/normalize.ts), so the store never holds an out-of-range value.
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import { type ExperimentConfig, GROUPING_IDS, type GroupingId } from '../core/config/experiment';
import { getPath, normalizeWith } from '../core/config/normalize';
import { PRESETS } from '../core/config/presets';
import type { AppState, ConfigSlice } from './types';

/** The app opens on the quick preset: a run of every grouping that ends in about a minute. */
export const INITIAL_CONFIG: ExperimentConfig = PRESETS.quick;

/**
 * `candidate` with every field clamped to its range (invalid values fall back to `previous`).
 * The groupings are kept as chosen, even without the baseline: the UI says why it cannot start
 * rather than re-ticking a box the user just cleared.
 */
export function validConfig(candidate: ExperimentConfig, previous: ExperimentConfig): ExperimentConfig {
  // Invalid values fall back to `previous`; a change of data kind brings its own shape along.
  const base = candidate.data.kind === previous.data.kind ? previous : { ...previous, data: candidate.data };
  const { config } = normalizeWith((field) => getPath(candidate, field.path), base);
  const chosen = new Set(candidate.groupings);
  return { ...config, groupings: GROUPING_IDS.filter((id) => chosen.has(id)) };
}

export const createConfigSlice: StateCreator<AppState, [], [], ConfigSlice> = (set, get) => {
  const update = (change: (c: ExperimentConfig) => ExperimentConfig) => {
    const previous = get().config;
    const config = validConfig(change(previous), previous);
    set(config.data.kind === 'sim' ? { config, lastSim: config.data.sim } : { config });
  };
  return {
    config: INITIAL_CONFIG,
    lastSim: INITIAL_CONFIG.data.kind === 'sim' ? INITIAL_CONFIG.data.sim : DEFAULT_SIM_CONFIG,
    switchToSimulatedData: () => update((c) => ({ ...c, data: { kind: 'sim', sim: get().lastSim } })),
    setSeed: (seed) => update((c) => ({ ...c, seed })),
    setSim: (patch) =>
      update((c) => ({
        ...c,
        data: {
          kind: 'sim',
          sim: { ...(c.data.kind === 'sim' ? c.data.sim : get().lastSim), ...patch },
        },
      })),
    setModel: (patch) => update((c) => ({ ...c, model: { ...c.model, ...patch } })),
    setTrain: (patch) => update((c) => ({ ...c, train: { ...c.train, ...patch } })),
    setRigor: (patch) => update((c) => ({ ...c, rigor: { ...c.rigor, ...patch } })),
    toggleGrouping: (id: GroupingId, on: boolean) =>
      update((c) => ({ ...c, groupings: on ? [...c.groupings, id] : c.groupings.filter((g) => g !== id) })),
    setBaseline: (id) => update((c) => ({ ...c, baseline: id })),
    // Leaving a tuning study turns its search off, wherever the kind is picked (run step, share
    // popover), so a plain comparison never keeps a budget nobody sees.
    setStudy: (patch) =>
      update((c) => {
        const study = { ...c.study, ...patch };
        const leaves = c.study.kind === 'tuning' && study.kind !== 'tuning';
        return { ...c, study, rigor: leaves ? { ...c.rigor, tune: 0 } : c.rigor };
      }),
    setConfig: (config) => update(() => config),
  };
};
