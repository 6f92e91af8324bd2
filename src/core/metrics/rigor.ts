/**
 * Builds the rigor section of a results object from every seed's test scores: AP intervals over
 * seeds, the paired bootstrap against the baseline, the budget replay (labels, and the simulator's
 * truth when present) and the first seed's precision-recall curves. Pure: same input, same output.
 */
import type { Grouping } from '../config/experiment';
import { scoringHead } from '../config/groupings';
import { createRng } from '../data/rng';
import type { Source, TaskId } from '../data/schema';
import { runSteps } from '../data/steps';
import type { TruthColumns } from '../data/table';
import { pairedBootstrap } from './bootstrap';
import { replayBuys, replayTotals } from './budget-replay';
import { replayTable } from './budget-replay-table';
import { meanInterval } from './intervals';
import { prCurve } from './pr-curve';
import type { ExperimentResults } from '../results/results-types';
import type {
  Interval,
  PairedBootstrap,
  PrCurve,
  ReplayResults,
  ReplayTotals,
  RigorResults,
  RigorSegment,
} from '../results/rigor-types';
import { RIGOR_SEGMENTS } from '../results/rigor-types';
import { CHANNELS, SEGMENT_IDS, type SegmentId, segmentPositions } from './segments';

type Scores = Readonly<Partial<Record<TaskId, Float32Array>>>;

export interface RigorInput {
  readonly seeds: readonly number[];
  /** Each seed's results (built by buildResults on the same test rows), in seed order. */
  readonly perSeedResults: readonly ExperimentResults[];
  /**
   * Each seed's test scores per arm id, aligned with testRows (the row-level parts: bootstrap,
   * replay, curves). With data redrawn per repeat, only the first repeat's: the others scored
   * other rows.
   */
  readonly perSeedScores: readonly ReadonlyMap<string, Scores>[];
  /** What varies between the repeats (default 'training': the same data). */
  readonly varies?: RigorResults['varies'];
  readonly groupings: readonly Pick<Grouping, 'id' | 'heads'>[];
  readonly baseline: string;
  readonly testRows: Int32Array;
  /** Per input row. */
  readonly source: Uint8Array;
  readonly stream: Uint8Array;
  readonly click: Uint8Array;
  readonly show: Int32Array;
  readonly cost: Float64Array | null;
  readonly tier: ArrayLike<number>;
  readonly lessStreamed: Uint8Array;
  readonly truth?: TruthColumns;
  readonly buyShare: number;
  readonly bootstrapResamples: number;
  /** Seeds the bootstrap's resampling (the config's seed). */
  readonly seed: number;
}

type PerChannel<T> = Record<Source, Record<SegmentId, T>>;

function intervalsOf(
  input: RigorInput,
  id: string,
  pick: (r: ExperimentResults, g: number, c: Source, s: SegmentId) => number | null,
): PerChannel<Interval> {
  const out = {} as PerChannel<Interval>;
  for (const c of CHANNELS) {
    out[c] = {} as Record<SegmentId, Interval>;
    for (const s of SEGMENT_IDS)
      out[c][s] = meanInterval(
        input.perSeedResults.map((r) =>
          pick(
            r,
            r.groupings.findIndex((g) => g.id === id),
            c,
            s,
          ),
        ),
      );
  }
  return out;
}

/** Where rigorSteps is: the phase it is about to compute and the share of that phase done. */
export interface RigorStep {
  readonly phase: 'intervals' | 'bootstrap' | 'replay' | 'curves';
  /** In [0, 1): the share of the phase's units done before this one. */
  readonly fraction: number;
}

/**
 * The rigor section, computed in steps: the generator yields before each unit of work (the
 * intervals; one grouping x channel of the bootstrap; the replay; the curves), so an async driver
 * can report progress, yield to the message loop and stop between units (ml/studies), and
 * buildRigor runs it straight through. Same input, same output, whichever drives it.
 */
export function* rigorSteps(input: RigorInput): Generator<RigorStep, RigorResults, void> {
  const { testRows, perSeedScores, baseline } = input;
  const m = testRows.length;
  const testStream = new Uint8Array(m);
  for (let k = 0; k < m; k++) testStream[k] = input.stream[testRows[k]];
  const seg = segmentPositions(testRows, input);
  const scoresOf = (seed: number, id: string, head: TaskId | undefined) =>
    head === undefined ? undefined : perSeedScores[seed].get(id)?.[head];
  const headOf = (id: string, c: Source) => {
    const g = input.groupings.find((x) => x.id === id);
    return g ? scoringHead(g, c) : undefined;
  };

  yield { phase: 'intervals', fraction: 0 };
  const ap: Record<string, PerChannel<Interval>> = {};
  const apRel: Record<string, PerChannel<Interval>> = {};
  for (const g of input.groupings) {
    ap[g.id] = intervalsOf(input, g.id, (r, gi, c, s) => r.groupings[gi]?.segments[c][s].ap ?? null);
    apRel[g.id] = intervalsOf(input, g.id, (r, gi, c, s) => r.groupings[gi]?.segments[c][s].rel ?? null);
  }

  const bootstrap: Record<string, Record<Source, Record<RigorSegment, PairedBootstrap>>> = {};
  const rng = createRng(input.seed).fork('bootstrap');
  const compared = input.groupings.filter((g) => g.id !== baseline);
  for (const [gi, g] of compared.entries()) {
    bootstrap[g.id] = {} as Record<Source, Record<RigorSegment, PairedBootstrap>>;
    for (const [ci, c] of CHANNELS.entries()) {
      yield {
        phase: 'bootstrap',
        fraction: (gi * CHANNELS.length + ci) / (compared.length * CHANNELS.length),
      };
      const model = perSeedScores.map((_, r) => scoresOf(r, g.id, headOf(g.id, c)));
      const base = perSeedScores.map((_, r) => scoresOf(r, baseline, headOf(baseline, c)));
      const segments = Object.fromEntries(RIGOR_SEGMENTS.map((s) => [s, seg[c][s]])) as Record<
        RigorSegment,
        Int32Array
      >;
      bootstrap[g.id][c] =
        model.every((x) => x) && base.every((x) => x)
          ? pairedBootstrap({
              labels: testStream,
              universe: seg[c].all,
              segments,
              model: model as Float32Array[],
              baseline: base as Float32Array[],
              resamples: input.bootstrapResamples,
              rng: rng.fork(`${g.id}:${c}`),
            })
          : (Object.fromEntries(RIGOR_SEGMENTS.map((s) => [s, NO_BOOTSTRAP])) as Record<
              RigorSegment,
              PairedBootstrap
            >);
    }
  }

  yield { phase: 'replay', fraction: 0 };
  const replay = buildReplay(input);

  yield { phase: 'curves', fraction: 0 };
  const pr: Record<string, Record<Source, PrCurve | null>> = {};
  for (const g of input.groupings) {
    pr[g.id] = { promo: null, ad: null };
    for (const c of CHANNELS) {
      const scores = scoresOf(0, g.id, headOf(g.id, c));
      pr[g.id][c] = scores ? prCurve(scores, testStream, seg[c].all) : null;
    }
  }

  return {
    seeds: [...input.seeds],
    varies: input.varies ?? 'training',
    ap,
    apRel,
    bootstrap,
    bootstrapResamples: input.bootstrapResamples,
    replay,
    pr,
  };
}

/** The rigor section in one go (rigorSteps run straight through). */
export function buildRigor(input: RigorInput): RigorResults {
  return runSteps(rigorSteps(input));
}

/**
 * The budget replay of every seed's ad scores at input.buyShare: each grouping's purchases per
 * seed, their totals by labels (and by the simulator's truth when present), then the tables over
 * seeds. Separate from buildRigor so a new buy share can be replayed without retraining.
 */
export function buildReplay(
  input: Pick<
    RigorInput,
    | 'perSeedScores'
    | 'groupings'
    | 'baseline'
    | 'testRows'
    | 'source'
    | 'stream'
    | 'click'
    | 'show'
    | 'cost'
    | 'tier'
    | 'lessStreamed'
    | 'truth'
    | 'buyShare'
  >,
): ReplayResults {
  type BySeed = Record<string, Record<SegmentId, ReplayTotals>>;
  const label: BySeed[] = [];
  const expected: BySeed[] = [];
  for (const scoresById of input.perSeedScores) {
    const l: BySeed = {};
    const e: BySeed = {};
    for (const g of input.groupings) {
      const head = scoringHead(g, 'ad');
      const scores = head === undefined ? undefined : scoresById.get(g.id)?.[head];
      if (!scores) continue;
      const { testRows, source, show, buyShare } = input;
      const bought = replayBuys({ testRows, source, show, scores, buyShare });
      const totals = replayTotals({ ...input, bought });
      l[g.id] = totals.label;
      if (totals.expected) e[g.id] = totals.expected;
    }
    label.push(l);
    expected.push(e);
  }
  return {
    buyShare: input.buyShare,
    label: replayTable(label, input.baseline),
    expected: input.truth ? replayTable(expected, input.baseline) : null,
  };
}

const NO_BOOTSTRAP: PairedBootstrap = {
  diff: null,
  rel: null,
  lo: null,
  hi: null,
  relLo: null,
  relHi: null,
  p: null,
  resamples: 0,
};
