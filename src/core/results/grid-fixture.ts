/**
 * Test fixture (not app code): an ablation grid of joint-5task, valid against the schema, made
 * from the rigor fixture's three groupings renamed as arms: promo-mtl is full (the unchanged
 * target), joint-5task is no-anc and ads-stream is drop-user, with their intervals and bootstrap.
 */
import { PRESETS } from '../config/presets';
import type { ExperimentResults } from './results-types';
import { type RigorFixtureOptions, rigorFixtureResults } from './rigor-fixture';

const RENAME: readonly [string, string][] = [
  ['promo-mtl', 'full'],
  ['joint-5task', 'no-anc'],
  ['ads-stream', 'drop-user'],
];

export function sampleGrid(opts: RigorFixtureOptions = {}): ExperimentResults {
  let text = JSON.stringify(rigorFixtureResults(opts));
  for (const [from, to] of RENAME) text = text.replaceAll(`"${from}"`, `"${to}"`);
  return {
    ...(JSON.parse(text) as ExperimentResults),
    createdAt: '2026-02-03T04:05:06.000Z',
    config: { ...PRESETS.quick, seed: 7 },
    ablation: {
      target: 'joint-5task',
      arms: [
        { id: 'full', change: 'as configured' },
        { id: 'no-anc', change: 'ancillary heads off' },
        { id: 'drop-user', change: 'user features dropped' },
      ],
      skipped: [{ change: 'natural sampling', reason: 'one source' }],
    },
  };
}
