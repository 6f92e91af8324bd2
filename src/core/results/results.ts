/**
 * The pure builder of the versioned results object (docs/results-format.md), and its JSON codec.
 */
import { scoringHead } from '../config/groupings';
import type { Source } from '../data/schema';
import { averagePrecision } from '../metrics/average-precision';
import { computeHeadroom } from '../metrics/headroom';
import {
  type ExperimentResults,
  type GroupingResult,
  type Metric,
  RESULTS_VERSION,
  type ResultsInput,
  type SegmentResult,
  toMetric,
} from './results-types';
import { CHANNELS, SEGMENT_IDS, type SegmentId, segmentPositions } from '../metrics/segments';
import { relativeChange } from '../metrics/uplift';

export * from './results-types';
export { formatTable1, formatTierTable } from './reports/tables';

type SegApMap = Record<Source, Record<SegmentId, number | undefined>>;

/**
 * Builds the results object: per grouping, per channel and segment, the AP of the channel's
 * scoring head (scoringHead: promotions use promo_stream, else ad_stream; ads the reverse) on the
 * channel's test rows in that segment, and its relative change against the baseline grouping on
 * the same rows. With `truth` (simulated data) it adds `headroom`: per channel and segment the AP
 * of the true p(stream) on those same rows (computeHeadroom, on the same segment split). Pure:
 * same input, same output.
 *
 * @throws Error when the baseline is not among the groupings, ids repeat, a scoring head has no
 *   scores, a score array is not aligned with testRows, or bestEpoch is outside the history.
 */
export function buildResults(input: ResultsInput): ExperimentResults {
  const { testRows, groupings } = input;
  const m = testRows.length;
  const ids = groupings.map((g) => g.grouping.id);
  if (new Set(ids).size !== ids.length)
    throw new Error(`buildResults: repeated grouping id in ${ids.join(', ')}`);
  if (!ids.includes(input.baseline))
    throw new Error(`buildResults: baseline '${input.baseline}' was not run`);

  // Labels gathered to test positions, so they align with the scores and the segment positions.
  const testStream = new Uint8Array(m);
  for (let k = 0; k < m; k++) testStream[k] = input.stream[testRows[k]];
  const seg = segmentPositions(testRows, input);

  const counts = {} as Record<Source, Record<SegmentId, { rows: number; positives: number }>>;
  for (const c of CHANNELS) {
    counts[c] = {} as Record<SegmentId, { rows: number; positives: number }>;
    for (const s of SEGMENT_IDS) {
      let rows = 0;
      let positives = 0;
      for (const k of seg[c][s]) {
        if (testStream[k] === 0 || testStream[k] === 1) rows++;
        positives += testStream[k] === 1 ? 1 : 0;
      }
      counts[c][s] = { rows, positives };
    }
  }

  const aps = groupings.map((run): SegApMap => {
    const out = {} as SegApMap;
    for (const c of CHANNELS) {
      out[c] = {} as Record<SegmentId, number | undefined>;
      const head = scoringHead(run.grouping, c);
      const scores = head === undefined ? undefined : run.scores[head];
      if (head !== undefined && scores === undefined) {
        throw new Error(`buildResults: ${run.grouping.id} has no test scores for its ${head} head`);
      }
      if (scores !== undefined && scores.length !== m) {
        throw new Error(
          `buildResults: ${run.grouping.id}/${head} has ${scores.length} scores for ${m} test rows`,
        );
      }
      for (const s of SEGMENT_IDS) out[c][s] = scores && averagePrecision(scores, testStream, seg[c][s]);
    }
    return out;
  });
  const base = aps[ids.indexOf(input.baseline)];

  const results = groupings.map((run, gi): GroupingResult => {
    const g = run.grouping;
    const segments = {} as Record<Source, Record<SegmentId, SegmentResult>>;
    for (const c of CHANNELS) {
      segments[c] = {} as Record<SegmentId, SegmentResult>;
      for (const s of SEGMENT_IDS) {
        const ap = aps[gi][c][s];
        segments[c][s] = { ap: toMetric(ap), rel: toMetric(relativeChange(ap, base[c][s])), ...counts[c][s] };
      }
    }
    const n = run.history.length;
    if (
      run.bestEpoch !== undefined &&
      !(Number.isInteger(run.bestEpoch) && run.bestEpoch >= 1 && run.bestEpoch <= n)
    ) {
      throw new Error(`buildResults: ${g.id} bestEpoch ${run.bestEpoch} is outside 1..${n}`);
    }
    return {
      id: g.id,
      label: g.label,
      trainsOn: [...g.trainsOn],
      heads: [...g.heads],
      scoringHeads: { promo: scoringHead(g, 'promo') ?? null, ad: scoringHead(g, 'ad') ?? null },
      promoAp: segments.promo.all.ap,
      adAp: segments.ad.all.ap,
      promoRel: segments.promo.all.rel,
      adRel: segments.ad.all.rel,
      segments,
      history: run.history.map((e, i) => ({
        epoch: i + 1,
        trainLoss: mapMetrics(e.trainLoss),
        valAp: mapMetrics(e.valAp),
        valApByTask: mapMetrics(e.valApByTask),
        ms: e.ms,
        ...(e.taskWeights && { taskWeights: { ...e.taskWeights } }),
        ...(e.gradCosine && { gradCosine: e.gradCosine.map((x) => ({ ...x })) }),
      })),
      bestEpoch: run.bestEpoch ?? null,
      trainMs: run.trainMs,
      ...(run.encoder && { encoder: run.encoder }),
      ...(run.balancing && { balancing: run.balancing }),
    };
  });

  return {
    version: RESULTS_VERSION,
    createdAt: input.createdAt,
    backend: input.backend,
    config: input.config,
    dataset: input.dataset,
    baseline: input.baseline,
    testRows: m,
    groupings: results,
    ...(input.truth && {
      headroom: computeHeadroom({ ...input, pStream: input.truth.pStream }, seg),
    }),
  };
}

function mapMetrics<K extends string>(
  rec: Readonly<Partial<Record<K, number | undefined>>>,
): Partial<Record<K, Metric>> {
  const out: Partial<Record<K, Metric>> = {};
  for (const k of Object.keys(rec) as K[]) out[k] = toMetric(rec[k]);
  return out;
}

/** The results as JSON text (2-space indent). Non-finite numbers in pass-through fields become null. */
export function resultsToJson(results: ExperimentResults): string {
  return JSON.stringify(results, null, 2);
}

/**
 * Parses results JSON, checking the version so a reader never misreads another layout.
 * @throws Error when the text is not a results object of RESULTS_VERSION.
 */
export function parseResults(text: string): ExperimentResults {
  const obj: unknown = JSON.parse(text);
  if (typeof obj !== 'object' || obj === null || !Array.isArray((obj as { groupings?: unknown }).groupings)) {
    throw new Error('parseResults: not a results object');
  }
  const version = (obj as { version?: unknown }).version;
  if (version !== RESULTS_VERSION)
    throw new Error(`parseResults: unsupported results version ${String(version)}`);
  return obj as ExperimentResults;
}
