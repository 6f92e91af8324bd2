/** Test fixture (not app code): saved studies of every kind, a minute apart, oldest first. */
import { PRESETS } from '../../core/config/presets';
import type { ColdStartResults } from '../../core/results/cold-start-types';
import { sampleGrid } from '../../core/results/grid-fixture';
import type { ExperimentResults } from '../../core/results/results-types';
import { sampleResults } from '../../store/history-fixture';
import { buildRunRecord, type RecordOf, recordOfResults } from '../../store/history-record';

let minute = 0;
const now = () => new Date(Date.UTC(2026, 0, 1, 0, ++minute));

export const comparisonRecord = (results: ExperimentResults = sampleResults()) =>
  recordOfResults(results, { fingerprint: 'aaaaaaaa11', now: now() }) as RecordOf<'comparison'>;

export const gridRecord = (results: ExperimentResults = sampleGrid()) =>
  recordOfResults(results, { fingerprint: 'aaaaaaaa11', now: now() }) as RecordOf<'ablation'>;

export const coldStartRecord = (results: ColdStartResults, fingerprint = 'aaaaaaaa11') =>
  buildRunRecord(
    { kind: 'cold-start', results },
    { config: PRESETS.quick, backend: 'wasm', fingerprint, now: now() },
  ) as RecordOf<'cold-start'>;
