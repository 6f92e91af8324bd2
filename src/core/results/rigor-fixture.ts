/**
 * Test fixture: a hand-built rigor section (and a results object carrying it) for the rigor
 * series and component tests (not app code). Groupings: promo-mtl (baseline), joint-5task and
 * ads-stream; several cells are deliberately undefined (null) so views can be checked not to draw 0.
 */
import type { Source } from '../data/schema';
import { fixtureGrouping } from './results-fixture';
import { type ExperimentResults, type Metric, RESULTS_VERSION } from './results-types';
import type {
  Interval,
  PairedBootstrap,
  ReplayCell,
  ReplayMetric,
  ReplayTable,
  RigorResults,
  RigorSegment,
} from './rigor-types';
import { SEGMENT_IDS, type SegmentId } from '../metrics/segments';

/**
 * An interval over `n` seeds (n counts defined values: 0 when the mean is null). `values` repeats
 * the mean n times (or holds 3 nulls): enough for the schema, not consistent with lo/hi.
 */
export function iv(mean: Metric, lo: Metric = null, hi: Metric = null, n = 3): Interval {
  return mean === null
    ? { mean, lo, hi, n: 0, values: [null, null, null] }
    : { mean, lo, hi, n, values: Array.from({ length: n }, () => mean) };
}

const segs = (dflt: Interval, over: Partial<Record<SegmentId, Interval>> = {}): Record<SegmentId, Interval> =>
  Object.fromEntries(SEGMENT_IDS.map((s) => [s, over[s] ?? dflt])) as Record<SegmentId, Interval>;

const boot = (rel: Metric, relLo: Metric, relHi: Metric, p: Metric): PairedBootstrap => ({
  diff: rel === null ? null : rel / 10,
  rel,
  lo: relLo === null ? null : relLo / 10,
  hi: relHi === null ? null : relHi / 10,
  relLo,
  relHi,
  p,
  resamples: rel === null ? 0 : 1000,
});

const cell = (rel: Partial<Record<ReplayMetric, Interval>>, impressions = 30): ReplayCell => ({
  value: { i2s: iv(0.1), ecps: iv(2), ctr: iv(0.05), streams: iv(3) },
  rel: { i2s: iv(null), ecps: iv(null), ctr: iv(null), streams: iv(null), ...rel },
  impressions,
});

/** Relative i2s / eCPS changes of joint-5task per tier 0..7 (label replay); tier 7 undefined. */
export const JOINT_TIER_I2S: readonly Metric[] = [0.07, 0.2, 0.2, 0.27, 0.33, 0.6, 0.1, null];
export const JOINT_TIER_ECPS: readonly Metric[] = [-0.04, -0.1, -0.17, -0.2, -0.24, -0.38, -0.05, null];

/** A replay table; `scale` multiplies joint-5task's changes (the expected replay uses 0.5). */
function replay(scale: number): ReplayTable {
  const s = (x: Metric) => (x === null ? null : x * scale);
  const i = (m: Metric, half: number) =>
    iv(s(m), m === null ? null : s(m)! - half, m === null ? null : s(m)! + half);
  const zero = cell({ i2s: iv(0, 0, 0), ecps: iv(0, 0, 0), ctr: iv(0, 0, 0), streams: iv(0, 0, 0) });
  const joint = Object.fromEntries(
    SEGMENT_IDS.map((seg) => {
      const t = seg.startsWith('tier') ? Number(seg.slice(4)) : -1;
      return [
        seg,
        t >= 0 ? cell({ i2s: i(JOINT_TIER_I2S[t], 0.02), ecps: i(JOINT_TIER_ECPS[t], 0.01) }) : cell({}),
      ];
    }),
  ) as Record<SegmentId, ReplayCell>;
  joint.all = cell({ i2s: i(0.18, 0.08), ecps: i(-0.2, 0.1), ctr: i(0.09, 0.09), streams: i(0.18, 0.08) });
  joint['less-streamed'] = cell(
    { i2s: i(0.24, 0.1), ecps: i(-0.22, 0.1), ctr: i(0.1, 0.05), streams: i(0.27, 0.1) },
    12,
  );
  const ads = Object.fromEntries(SEGMENT_IDS.map((seg) => [seg, cell({ i2s: iv(0.1, null, null, 1) })]));
  return {
    'promo-mtl': Object.fromEntries(SEGMENT_IDS.map((seg) => [seg, zero])) as Record<SegmentId, ReplayCell>,
    'joint-5task': joint,
    'ads-stream': ads as Record<SegmentId, ReplayCell>,
  };
}

export interface RigorFixtureOptions {
  readonly seeds?: readonly number[];
  readonly bootstrapResamples?: number;
  /** Include an expected (simulated A/B) replay table. */
  readonly expected?: boolean;
}

/** The hand-built rigor section. */
export function rigorFixture(opts: RigorFixtureOptions = {}): RigorResults {
  const bootSegs = (all: PairedBootstrap, less: PairedBootstrap): Record<RigorSegment, PairedBootstrap> => ({
    all,
    'less-streamed': less,
  });
  const none = boot(null, null, null, null);
  return {
    seeds: opts.seeds ?? [7, 8, 9],
    varies: 'training',
    ap: {
      'promo-mtl': {
        promo: segs(iv(0.4, 0.38, 0.42), { 'less-streamed': iv(0.3, 0.28, 0.32) }),
        ad: segs(iv(0.1, 0.09, 0.11), { 'less-streamed': iv(0.05, 0.04, 0.06) }),
      },
      'joint-5task': {
        promo: segs(iv(0.42, 0.41, 0.43), { 'less-streamed': iv(0.33, 0.3, 0.36) }),
        ad: segs(iv(0.15, 0.14, 0.16), { 'less-streamed': iv(0.08, 0.07, 0.09) }),
      },
      'ads-stream': {
        promo: segs(iv(0.16, 0.1, 0.22)),
        ad: segs(iv(0.12, null, null, 1), { 'less-streamed': iv(null) }),
      },
    },
    apRel: {
      'promo-mtl': { promo: segs(iv(0, 0, 0)), ad: segs(iv(0, 0, 0)) },
      'joint-5task': {
        promo: segs(iv(0.05, 0.02, 0.08), { 'less-streamed': iv(0.1, 0.0, 0.2) }),
        ad: segs(iv(0.5, 0.4, 0.6), { 'less-streamed': iv(0.6, 0.3, 0.9) }),
      },
      'ads-stream': {
        promo: segs(iv(-0.6, -0.65, -0.55)),
        ad: segs(iv(0.2, null, null, 1), { 'less-streamed': iv(null) }),
      },
    },
    bootstrap: {
      'joint-5task': {
        promo: bootSegs(boot(0.05, 0.025, 0.075, 0.004), boot(0.1, -0.02, 0.22, 0.12)),
        ad: bootSegs(boot(0.5, 0.3, 0.7, 0.0002), boot(0.6, 0.1, 1.1, 0.03)),
      },
      'ads-stream': {
        promo: bootSegs(boot(-0.6, -0.7, -0.5, 0.001), boot(-0.5, -0.6, -0.4, 0.001)),
        ad: bootSegs(boot(0.2, -0.1, 0.5, 0.4), none),
      },
    },
    bootstrapResamples: opts.bootstrapResamples ?? 1000,
    replay: { buyShare: 0.3, label: replay(1), expected: opts.expected ? replay(0.5) : null },
    pr: {
      'promo-mtl': {
        promo: { recall: [0, 0.5, 1], precision: [1, 0.8, 0.4] },
        ad: { recall: [0, 1], precision: [1, 0.1] },
      },
      'joint-5task': {
        promo: { recall: [0, 0.25, 1], precision: [1, 0.9, 0.4] },
        ad: { recall: [0, 0.5, 1], precision: [1, 0.3, 0.1] },
      },
      'ads-stream': { promo: null, ad: { recall: [0, 1], precision: [0.5, 0.1] } },
    },
  };
}

/** A results object with the three groupings (promo-mtl baseline) and the rigor fixture. */
export function rigorFixtureResults(opts: RigorFixtureOptions = {}): ExperimentResults {
  const all = (promo: [Metric, Metric], ad: [Metric, Metric]): Record<Source, [Metric, Metric]> => ({
    promo,
    ad,
  });
  return {
    version: RESULTS_VERSION,
    createdAt: '2024-01-01T00:00:00.000Z',
    backend: 'cpu',
    config: { seed: 7, data: { kind: 'sim' } },
    dataset: {},
    baseline: 'promo-mtl',
    testRows: 100,
    groupings: [
      fixtureGrouping('promo-mtl', all([0.4, 0], [0.1, 0]), {}, { label: 'Promotions MTL' }),
      fixtureGrouping('joint-5task', all([0.42, 0.05], [0.15, 0.5]), {}, { label: 'Joint 5-task' }),
      fixtureGrouping('ads-stream', all([0.16, -0.6], [0.12, 0.2])),
    ],
    rigor: rigorFixture(opts),
  };
}
