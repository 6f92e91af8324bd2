/**
 * The dashboard store's shape. One Zustand store built from these slices (store/index.ts);
 * components read single fields through the named selectors in store/selectors.ts.
 * Where state lives: the config is the experiment (URL-serialisable, see core/config); everything
 * else here is memory only.
 */
import type { ReproduceTarget } from '../core/results/prediction-fingerprint';
import type {
  ExperimentConfig,
  GroupingId,
  StudyConfig,
  ModelConfig,
  RigorConfig,
  TrainConfig,
} from '../core/config/experiment';
import type { DatasetSummary } from '../core/data/dataset-summary';
import type { SimConfig } from '../core/data/simulator-config';
import type { Source, TaskId } from '../core/data/schema';
import type { ColdStartResults } from '../core/results/cold-start-types';
import type { ExperimentResults } from '../core/results/results';
import type { StudyKind, StudyResults } from '../core/results/study-results';
import type { LoadProgress } from '../core/data/load-types';
import type { StudyFile, StudyMeta } from '../core/results/study-io';
import type { RunRecord } from './history-record';
import type {
  BackendChoice, BrowserBackend, ErrorKind, ExportFormat, LoadFailureInfo, LoadReport, LoadSource, PhaseReport,
} from '../worker/protocol'; // prettier-ignore

export interface ConfigSlice {
  readonly config: ExperimentConfig;
  setSeed(seed: number): void;
  setSim(patch: Partial<SimConfig>): void;
  setModel(patch: Partial<ModelConfig>): void;
  setTrain(patch: Partial<TrainConfig>): void;
  setRigor(patch: Partial<RigorConfig>): void;
  toggleGrouping(id: GroupingId, on: boolean): void;
  setBaseline(id: GroupingId): void;
  /** The study a link and autorun start (its kind, an ablation's target and arms). */
  setStudy(patch: Partial<StudyConfig>): void;
  /** Replace the whole config (a preset, or a decoded URL later). */
  setConfig(config: ExperimentConfig): void;
  /** The simulator settings last used, restored when the user goes back from a loaded file. */
  readonly lastSim: SimConfig;
  /** Switch the data back to the simulator (with lastSim). */
  switchToSimulatedData(): void;
}

export interface BackendSlice {
  readonly backend: BackendChoice | null;
  /** Set when no backend could start at all. */
  readonly backendError: string | null;
}

/** The state of reading a user's file or URL (the dataset in use changes only on 'loaded'). */
export interface LoadSlice {
  readonly loadId: string | null;
  readonly loadStatus: 'idle' | 'loading' | 'cancelling' | 'failed' | 'cancelled' | 'loaded';
  /** The file name or URL being (or last) loaded. */
  readonly loadLabel: string | null;
  readonly loadProgress: ({ readonly phase: 'download' | 'read' } & LoadProgress) | null;
  readonly loadFailure: LoadFailureInfo | null;
  /** What the load in use read (skipped rows, ignored columns, time); null for simulated data. */
  readonly loadReport: LoadReport | null;
}

/**
 * Analysing a predictions file without training (store/worker-bridge.ts, worker 'analyse'): its
 * results are shown like a finished comparison's and saved to History.
 */
export interface AnalysisSlice {
  readonly analysisId: string | null;
  readonly analysisStatus: 'idle' | 'running' | 'cancelling' | 'failed' | 'cancelled' | 'done';
  /** The file name or URL being (or last) analysed. */
  readonly analysisLabel: string | null;
  readonly analysisProgress: { readonly message: string; readonly fraction: number } | null;
  readonly analysisFailure: LoadFailureInfo | null;
  /** The models of the file analysed last (any can be the baseline of another analysis). */
  readonly analysisModels: readonly string[];
  /** The results of the last analysis (the view checks whether they are still the ones shown). */
  readonly analysisResults: ExperimentResults | null;
}

export interface DatasetSlice {
  readonly datasetStatus: 'idle' | 'building' | 'ready' | 'error';
  readonly summary: DatasetSummary | null;
  readonly fingerprint: string | null;
}

/** Live state of one grouping in the current run. */
export interface GroupingProgress {
  readonly grouping: string;
  readonly state: 'waiting' | 'training' | 'done';
  readonly epoch: number;
  readonly maxEpochs: number;
  readonly step: number;
  readonly stepsPerEpoch: number;
  /** Estimated milliseconds left for this grouping (null until measurable). */
  readonly etaMs: number | null;
  readonly elapsedMs: number;
}

/** One point of a live loss curve: global step of the grouping, then loss per task (nats). */
export type LossPoint = { readonly step: number } & Partial<Record<TaskId, number>>;
/** One point of the per-epoch validation curve: AP per channel (null = undefined AP). */
export type ValApPoint = { readonly epoch: number } & Partial<Record<Source, number | null>>;

export type RunStatus = 'idle' | 'running' | 'cancelling' | 'done' | 'cancelled' | 'error';

/**
 * The one study in progress (or the last one), whatever its kind: every kind has this lifecycle
 * (worker/study-command.ts): running (queued in the worker until its first phase), then done,
 * cancelled or error. A Cancel pressed before the result arrives always ends it as cancelled.
 */
export interface RunSlice {
  readonly runId: string | null;
  readonly runStatus: RunStatus;
  /** What the current (or last) study is: a comparison, an ablation grid or a cold start. */
  readonly runKind: StudyKind;
  /** The study's phase and what it does now; null while it waits in the worker's queue. */
  readonly runPhase: PhaseReport | null;
  /**
   * 0-based repeat (training seed) the run is on, how many it has, and how many train at once
   * from that one on (absent: 1; the others train on helper workers and send no progress).
   */
  readonly runRepeat: { readonly index: number; readonly of: number; readonly atOnce?: number };
  /** Groupings of the current run in order. */
  readonly runGroupings: readonly string[];
  readonly progress: Readonly<Record<string, GroupingProgress>>;
  readonly lossSeries: Readonly<Record<string, readonly LossPoint[]>>;
  readonly valApSeries: Readonly<Record<string, readonly ValApPoint[]>>;
  readonly runError: { readonly kind: ErrorKind; readonly message: string } | null;
}

export interface ResultsSlice {
  readonly results: ExperimentResults | null;
  /**
   * Which study `results` are: a comparison, or a tuning study (the same results, led by their
   * tuning section); the results view, its exports and the presentation follow it.
   */
  readonly resultsKind: 'comparison' | 'tuning';
  /** The run whose results are shown, while the worker still holds its scores (null: imported). */
  readonly resultsRunId: string | null;
  /** A replay at a new buy share is being computed for the shown results. */
  readonly replayBusy: boolean;
  /** The last ablation grid's results (kept beside the comparison's). */
  readonly ablationResults: ExperimentResults | null;
  /** The last cold-start study's results. */
  readonly coldStartResults: ColdStartResults | null;
  /**
   * The run facts of a cold start shown from History or a file (its results lack them), tied to
   * those results: a cold start that finishes later shows without them.
   */
  readonly coldStartMeta: { readonly results: ColdStartResults; readonly meta: StudyMeta } | null;
  /**
   * The run the next ones should reproduce (a link's `fp=`, or imported results' fingerprint);
   * the results view says whether the shown run did (prediction-fingerprint.ts).
   */
  readonly reproduceTarget: ReproduceTarget | null;
  setReproduceTarget(target: ReproduceTarget | null): void;
  /** Show results read from a file (already validated) in place of the current ones. */
  importResults(results: ExperimentResults): void;
  /** Show a study read from a file (already validated) in the view of its kind. */
  importStudy(file: StudyFile): void;
  /** Show a saved study in the view of its kind (results-slice.ts). */
  openStudy(record: RunRecord): void;
}

/** What presentation mode shows: the current results, or History's runs by id in order. */
export type PresentTarget =
  { readonly kind: 'current' } | { readonly kind: 'runs'; readonly ids: readonly string[] };

/** The review deck (store/deck-slice.ts): History's runs chosen to present together, in order. */
export interface DeckSlice {
  /** Ids of History's runs in the deck, in the chosen order (a deleted run is skipped when shown). */
  readonly deckIds: readonly string[];
  /** What presentation mode shows now; null when it is closed. */
  readonly presenting: PresentTarget | null;
  /** Appends a run to the deck (once). */
  addToDeck(id: string): void;
  removeFromDeck(id: string): void;
  /** Moves a run one place earlier (-1) or later (+1); at either end it stays. */
  moveInDeck(id: string, by: -1 | 1): void;
  /** Presents the deck's runs still in History, in order (nothing when none is). */
  presentDeck(): void;
  /** Presents one run of History. */
  presentRun(id: string): void;
  /** Presents the results shown in step 4 (the current run or an imported file). */
  presentCurrent(): void;
  endPresentation(): void;
}

/** Actions that talk to the training worker (store/worker-bridge.ts). */
export interface CommandSlice {
  buildDataset(): void;
  /**
   * Run a study of this kind under the current config (an ablation's target and arms from
   * config.study), recording the kind in the config so the address and share links name it;
   * ignored while one is in progress.
   */
  startStudy(kind: StudyKind): void;
  /** Set the buy share and, for results of this session's last run, replay them at it (no retraining). */
  rescoreReplay(buyShare: number): void;
  /** Cancel the study in progress, whatever its kind and phase. */
  cancelRun(): void;
  /**
   * Use this backend from now on (null: choose automatically by the timed trial again); ignored
   * while a run is in progress. The worker restarts its tfjs backend; the dataset stays.
   */
  switchBackend(backend: BrowserBackend | null): void;
  /** Start the last run again (e.g. after a lost WebGPU device). */
  retryRun(): void;
  /** Read a picked or dropped file; on success it becomes the dataset in use. */
  loadFile(file: File, skipInvalidRows?: boolean): void;
  /** Fetch and read a dataset by URL (https, or http on localhost). */
  loadUrl(url: string, skipInvalidRows?: boolean): void;
  /** Load the last failed source again, skipping invalid rows. */
  retryLoadSkipping(): void;
  cancelLoad(): void;
  /** Download the dataset in use as a file. */
  exportDataset(format: ExportFormat): void;
  /** Analyse a predictions file (picked, dropped or by URL) against `baseline` (null: its first model). */
  analysePredictions(source: LoadSource, baseline?: string | null, skipInvalidRows?: boolean): void;
  /** Analyse the file read last again against another of its models. */
  reanalyse(baseline: string): void;
  /** Analyse the last failed predictions file again, skipping invalid rows. */
  retryAnalysisSkipping(): void;
  cancelAnalysis(): void;
}

/** One dismissible line of plain text (store/notices-slice.ts), e.g. what a link got wrong. */
export interface Notice {
  readonly id: number;
  readonly text: string;
}

export interface NoticesSlice {
  readonly notices: readonly Notice[];
  /** Notices beyond the most shown at once, only counted. */
  readonly hiddenNotices: number;
  addNotices(texts: readonly string[]): void;
  dismissNotice(id: number): void;
  dismissAllNotices(): void;
}

/** The run history (store/history-slice.ts). */
export interface HistorySlice {
  /** 'failed': the stored history could not be read (historyError says why). */
  readonly historyStatus: 'idle' | 'loading' | 'ready' | 'failed';
  /** Saved runs, newest first. */
  readonly historyRuns: readonly RunRecord[];
  /** Ids of the runs ticked for comparison, in the order they were ticked. */
  readonly compareIds: readonly string[];
  readonly historyError: string | null;
  /** A finished run whose save failed, kept so retrySave can store it after a cleanup. */
  readonly unsavedRun: RunRecord | null;
  /** Reads the stored history (once at startup). */
  loadHistory(): Promise<void>;
  /** Saves a finished run; `totalMs` is the time from Start to the results. */
  saveRun(results: ExperimentResults, totalMs?: number): Promise<void>;
  /** Saves a finished study of any kind, trained under `config` on `backend`. */
  saveStudy(
    study: StudyResults,
    meta: { readonly config: ExperimentConfig; readonly backend: string; readonly totalMs?: number },
  ): Promise<void>;
  retrySave(): Promise<void>;
  /** Renames a run; an empty name is ignored (a run always has one). */
  renameRun(id: string, name: string): Promise<void>;
  deleteRun(id: string): Promise<void>;
  /** Pins a run as the baseline (unpinning any other); null unpins. */
  pinRun(id: string | null): Promise<void>;
  setCompared(id: string, on: boolean): void;
  dismissHistoryError(): void;
}

export type AppState = ConfigSlice &
  BackendSlice &
  DatasetSlice &
  LoadSlice &
  AnalysisSlice &
  RunSlice &
  ResultsSlice &
  DeckSlice &
  CommandSlice &
  NoticesSlice &
  HistorySlice;
