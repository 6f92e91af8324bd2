/**
 * Test fixture (not app code): the export and report sample (results-sample.ts) with the
 * headroom its simulated data implies, computed from the same simulated table and test rows.
 */
import { prepareData } from '../data/prepare';
import { simulate } from '../data/simulator';
import { computeHeadroom } from '../metrics/headroom';
import { SAMPLE_CONFIG, SAMPLE_SIM, sampleResults } from './results-sample';
import type { ExperimentResults } from './results-types';

let cached: ExperimentResults | null = null;

/** sampleResults() plus `headroom` (built once per test file). */
export function sampleHeadroomResults(): ExperimentResults {
  if (cached) return cached;
  // The same seed and settings as the sample, so the same table, split and tiers.
  const table = simulate(SAMPLE_SIM, SAMPLE_CONFIG.seed);
  const data = prepareData(table, SAMPLE_CONFIG);
  if (!table.truth) throw new Error('sampleHeadroomResults: the simulator kept no truth');
  const headroom = computeHeadroom({
    testRows: data.split.test,
    source: table.source,
    stream: table.labels.stream,
    tier: data.tiers.tier,
    lessStreamed: data.lessStreamed,
    pStream: table.truth.pStream,
  });
  cached = { ...sampleResults(), headroom };
  return cached;
}
