/**
 * Test fixture (not app code): History records of one study of each kind
 * (core/results/study-fixture.ts), with fixed ids, names and times, newest first: for the deck's
 * unit tests and for e2e/deck.spec.ts, which stores them in IndexedDB.
 */
import {
  ablationFixture,
  coldStartFixture,
  comparisonFixture,
  STUDY_FIXTURE_CONFIG,
} from '../core/results/study-fixture';
import type { StudyResults } from '../core/results/study-results';
import { buildRunRecord, type RunRecord } from './history-record';

function record(id: string, name: string, at: string, study: StudyResults): RunRecord {
  const built = buildRunRecord(study, {
    config: STUDY_FIXTURE_CONFIG,
    backend: 'wasm',
    fingerprint: null,
    now: new Date(at),
  });
  return { ...built, id, name };
}

/** A cold start (newest), an ablation grid and a comparison (oldest). */
export function deckFixtureRecords(): RunRecord[] {
  return [
    record('run-cold', 'Cold start of ad_stream', '2026-03-03T10:00:00.000Z', coldStartFixture()),
    record('run-grid', 'Grid of joint-5task', '2026-03-02T10:00:00.000Z', ablationFixture()),
    record('run-cmp', 'Joint vs promotions', '2026-03-01T10:00:00.000Z', comparisonFixture()),
  ];
}
