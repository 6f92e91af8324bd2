/** Test fixture (not app code): a finished run's results as the worker sends them. */
import { PRESETS } from '../core/config/presets';
import { fixtureGrouping } from '../core/results/results-fixture';
import type { ExperimentResults } from '../core/results/results-types';

export const sampleConfig = { ...PRESETS.quick, seed: 7, groupings: ['promo-mtl', 'joint-5task'] as const };

/** Two groupings on wasm, trained in 1.2 s and 3.4 s. */
export function sampleResults(over: Partial<ExperimentResults> = {}): ExperimentResults {
  const promo = fixtureGrouping('promo-mtl', { promo: [0.1, 0], ad: [0.05, 0] });
  const joint = fixtureGrouping('joint-5task', { promo: [0.12, 0.2], ad: [0.06, 0.2] });
  return {
    version: 1,
    createdAt: '2026-03-01T12:30:00.000Z',
    backend: 'wasm',
    config: sampleConfig,
    dataset: null,
    baseline: 'promo-mtl',
    testRows: 100,
    groupings: [
      { ...promo, trainMs: 1200 },
      { ...joint, trainMs: 3400 },
    ],
    ...over,
  };
}
