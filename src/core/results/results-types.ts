/**
 * Types of the versioned results object (docs/results-format.md). Every metric that can be
 * undefined is `number | null`, so the in-memory object IS its JSON form. The schema
 * (results-schema.ts) must match them field for field: results-schema-check.ts fails tsc if not.
 */
import type { BalancingKind, EncoderKind, Grouping } from '../config/experiment';
import type { Source, TaskId } from '../data/schema';
import type { TruthColumns } from '../data/table';
import type { ColdStartResults } from './cold-start-types';
import type { Metric } from './metric';
import type { RigorResults } from './rigor-types';
import type { TuningResults } from './tuning-schema';
import type { Reproduction } from './prediction-fingerprint';
import type { SegmentId } from '../metrics/segments';

export { type Metric, toMetric } from './metric';

export const RESULTS_VERSION = 1;

/** The heads whose validation AP drives early stopping and model selection. */
export type StreamHead = 'promo_stream' | 'ad_stream';
/** A channel: validation AP is reported per channel, scored by that channel's scoring head. */
export type Channel = Source;

/** One training epoch as the trainer reports it. */
export interface EpochInput {
  /** Mean masked BCE per task over the epoch's training batches (nats per labelled row). */
  readonly trainLoss: Readonly<Partial<Record<TaskId, number | undefined>>>;
  /**
   * Validation AP per channel, keyed by the channel's own stream head (promo_stream = promotion
   * validation rows, ad_stream = ad validation rows), each scored with the channel's scoringHead;
   * undefined = no positives. Model selection uses these.
   */
  readonly valAp: Readonly<Partial<Record<Channel, number | undefined>>>;
  /** Validation AP per head over the rows its loss mask keeps and whose label is observed. */
  readonly valApByTask: Readonly<Partial<Record<TaskId, number | undefined>>>;
  /** Wall-clock milliseconds the epoch took (training plus validation). */
  readonly ms: number;
  /**
   * Weight of each head's loss in the total at the epoch's end: lambda_t (fixed, PCGrad),
   * exp(-s_t) (uncertainty) or the learned w_t (GradNorm). Absent in older results.
   */
  readonly taskWeights?: Readonly<Partial<Record<TaskId, number>>>;
  /** Gradient cosines between the heads on the shared parameters (grad-conflict.ts). */
  readonly gradCosine?: readonly GradCosine[];
}

/**
 * Cosine similarity of two heads' loss gradients on the shared parameters (the encoder and
 * embeddings), cos = <g_a, g_b> / (|g_a| |g_b|), averaged over the epoch's diagnostic batches;
 * null when either gradient was zero in every batch (a head without kept rows). Negative =
 * the heads pull the shared parameters apart (negative transfer where it happens).
 */
export interface GradCosine {
  readonly a: TaskId;
  readonly b: TaskId;
  readonly cosine: Metric;
}

/**
 * The ceiling of one segment on simulated data: AP of the simulator's true p(stream) on the
 * segment's test rows with observed labels (no model can rank better in expectation), and the
 * prevalence (positives / rows), the expected AP of a random ranking. Share of headroom captured
 * by a model: (AP - prevalence) / (ceiling - prevalence).
 */
export interface SegmentCeiling {
  readonly ap: Metric;
  readonly prevalence: Metric;
}

/** Ceilings per channel and segment (present only when the data carries simulator truth). */
export type Headroom = Readonly<Record<Source, Readonly<Record<SegmentId, SegmentCeiling>>>>;

/** One grouping's trained model, as the builder needs it. */
export interface GroupingRunInput {
  readonly grouping: Grouping;
  /** Test-set probabilities per head, aligned with `ResultsInput.testRows` (position k = row testRows[k]). */
  readonly scores: Readonly<Partial<Record<TaskId, Float32Array>>>;
  readonly history: readonly EpochInput[];
  /** 1-based epoch whose weights produced `scores`; undefined when not selected by epoch. */
  readonly bestEpoch?: number;
  /** Wall-clock milliseconds of the whole training, including validation. */
  readonly trainMs: number;
  readonly encoder?: EncoderKind;
  readonly balancing?: BalancingKind;
}

export interface ResultsInput {
  /** ISO 8601 timestamp; passed in so the builder stays pure. */
  readonly createdAt: string;
  /** The tfjs backend that trained every grouping (e.g. 'webgpu', 'wasm', 'cpu'). */
  readonly backend: string;
  /** The experiment configuration, passed through untouched. */
  readonly config: unknown;
  /** The dataset summary, passed through untouched. */
  readonly dataset: unknown;
  /** Id of the grouping that relative changes are taken against. */
  readonly baseline: string;
  /** Input row indices of the test rows, in the order the scores use. */
  readonly testRows: ArrayLike<number>;
  /** Per input row: SOURCE_CODE, `stream` label (0/1, 255 missing), tier 0..7, less-streamed flag. */
  readonly source: Uint8Array;
  readonly stream: Uint8Array;
  readonly tier: ArrayLike<number>;
  readonly lessStreamed: Uint8Array;
  readonly groupings: readonly GroupingRunInput[];
  /** Simulator truth per input row (simulated data only); when given, the results carry `headroom`. */
  readonly truth?: TruthColumns;
}

export interface SegmentResult {
  /** AP of the channel's scoring head on the segment's rows; null when no positive or no head. */
  readonly ap: Metric;
  /** (ap - baseline ap) / baseline ap on the same rows; null when either is null or baseline is 0. */
  readonly rel: Metric;
  /** Segment rows with an observed stream label (the rows the AP is over). */
  readonly rows: number;
  /** Of those, rows with stream = 1. */
  readonly positives: number;
}

export interface EpochRecord {
  /** 1-based epoch number. */
  readonly epoch: number;
  readonly trainLoss: Readonly<Partial<Record<TaskId, Metric>>>;
  readonly valAp: Readonly<Partial<Record<Channel, Metric>>>;
  readonly valApByTask: Readonly<Partial<Record<TaskId, Metric>>>;
  readonly ms: number;
  readonly taskWeights?: Readonly<Partial<Record<TaskId, number>>>;
  readonly gradCosine?: readonly GradCosine[];
}

export interface GroupingResult {
  readonly id: string;
  readonly label: string;
  readonly trainsOn: readonly Source[];
  readonly heads: readonly TaskId[];
  /** The head that scored each channel's test rows (spec: scoring across channels); null = none. */
  readonly scoringHeads: Readonly<Record<Source, TaskId | null>>;
  /** segments.promo.all.ap / .rel and segments.ad.all.ap / .rel, repeated for Table 1. */
  readonly promoAp: Metric;
  readonly adAp: Metric;
  readonly promoRel: Metric;
  readonly adRel: Metric;
  readonly segments: Readonly<Record<Source, Readonly<Record<SegmentId, SegmentResult>>>>;
  readonly history: readonly EpochRecord[];
  readonly bestEpoch: number | null;
  readonly trainMs: number;
  /** The encoder and loss balancing it trained with (absent in older results: shared-bottom, fixed). */
  readonly encoder?: EncoderKind;
  readonly balancing?: BalancingKind;
}

export interface ExperimentResults {
  readonly version: typeof RESULTS_VERSION;
  readonly createdAt: string;
  readonly backend: string;
  readonly config: unknown;
  readonly dataset: unknown;
  readonly baseline: string;
  /** Number of test rows (impressions) scored. */
  readonly testRows: number;
  readonly groupings: readonly GroupingResult[];
  /** Repeats, bootstrap, budget replay and PR curves (absent in results written before them). */
  readonly rigor?: RigorResults;
  /** Present when these results are an ablation grid: its groupings are the grid's arms. */
  readonly ablation?: AblationInfo;
  /** The ablation grid run with this comparison (the CLI's --ablations). */
  readonly ablationGrid?: ExperimentResults;
  /** Simulated data only: the AP ceilings of the simulator's true probabilities. */
  readonly headroom?: Headroom;
  /** The new-objective cold-start experiment run with this comparison (the CLI's --cold-start). */
  readonly coldStart?: ColdStartResults;
  /** rigor.tune > 0: each grouping's recipe search on validation (tuning-schema.ts). */
  readonly tuning?: TuningResults;
  /**
   * The prediction fingerprint and what computed it (prediction-fingerprint.ts; absent in
   * results written before it and in an ablation grid, whose comparison carries it).
   */
  readonly reproduction?: Reproduction;
  /**
   * Present when these results analyse a predictions file (core/analysis) instead of training:
   * each grouping is a model of the file, with no training history.
   */
  readonly analysis?: AnalysisInfo;
}

/** What a predictions file analysis read (docs/results-format.md, "Predictions as input"). */
export interface AnalysisInfo {
  /** The file's name (or URL). */
  readonly file: string;
  /** Rows analysed (every row of the file, less any skipped as invalid). */
  readonly rows: number;
  /** Invalid rows left out (only with skip-invalid-rows; else the file was refused). */
  readonly skippedRows: number;
  /** The score columns, in the file's order. */
  readonly scoreColumns: readonly string[];
  /** Rows whose tier came from stream_tier/tier, and from show_streams_30d's thresholds. */
  readonly tiersFrom: { readonly given: number; readonly show_streams_30d: number };
  /** Rows whose less-streamed flag came from less_streamed, show_streams_30d, or the tier rule. */
  readonly lessStreamedFrom: {
    readonly given: number;
    readonly show_streams_30d: number;
    readonly tier: number;
  };
  /** Distinct podcast_id values (0: no column; the budget replay then sees one show). */
  readonly shows: number;
  /** Whether the file had a cost column (else the replay counts 1 per impression). */
  readonly cost: boolean;
}

export interface AblationInfo {
  /** The grouping the grid varies; its unchanged arm is the grid's baseline, 'full'. */
  readonly target: string;
  /** Each arm's change in words, in grid order. */
  readonly arms: readonly { readonly id: string; readonly change: string }[];
  /** Changes that did not apply to the target, with the reason. */
  readonly skipped: readonly { readonly change: string; readonly reason: string }[];
}
