/**
 * The training worker's logic, free of `self` so it also runs on the main thread (the client's
 * fallback) and in Node tests. Commands run one at a time in arrival order, except 'cancel',
 * which takes effect at once: training awaits a macrotask every step (yieldEvery), so a cancel
 * message is delivered within one step.
 */
import type { ExperimentConfig } from '../core/config/experiment';
import { nextMacrotask } from '../core/data/macrotask';
import { driveStages, type Stage } from '../core/data/steps';
import { buildReplay } from '../core/metrics/rigor';
import { wasmThreads } from '../ml/backend';
import { chooseBackend as realChooseBackend, messageOf } from './backend-choice';
import { adapterLabel } from './backend-names';
import { benchDatasetOf, createBenchCommands } from './bench-commands';
import { createAnalysisCommands } from './analysis-command';
import { createDataCommands } from './data-commands';
import { createDatasetCache } from './dataset-cache';
import type { LoadArgs } from './load-data';
import { classifyError, watchDeviceLost } from './errors';
import type { BackendChoice, BrowserBackend, WorkerCommand, WorkerEvent } from './protocol';
import { createRepeatPool, type RepeatWorker, repeatPoolSize } from './repeat-pool';
import { createStudyCommands, type StudyDeps } from './study-command';

export interface HandlerDeps {
  readonly post: (e: WorkerEvent) => void;
  readonly chooseBackend?: (forced: BrowserBackend | null) => Promise<BackendChoice>;
  /** Calls back when the GPU device is lost (default: the tfjs webgpu backend's device.lost). */
  readonly watchDeviceLost?: (onLost: (message: string) => void) => void;
  /** Steps between yields to the message loop (default 1: cancel within one step). */
  readonly yieldEvery?: number;
  /** The fetch used for `?data=` URLs (tests pass a fake). */
  readonly fetch?: LoadArgs['fetch'];
  /** The studies by kind (tests pass fakes; default ml/studies/registry.ts). */
  readonly studies?: StudyDeps['studies'];
  /**
   * Starts a repeat worker (training.worker.ts: a nested Worker); absent, as on the main thread
   * and in Node: a study's repeats train one after another.
   */
  readonly spawnRepeatWorker?: () => RepeatWorker;
  /** Logical cores (navigator.hardwareConcurrency): how many repeats train at once by default. */
  readonly cores?: number;
}

export function createCommandHandler(deps: HandlerDeps): (cmd: WorkerCommand) => void {
  const { post } = deps;
  const cache = createDatasetCache();
  const dataCmds = createDataCommands(post, cache, deps.fetch);
  const analysis = createAnalysisCommands(post, deps.fetch);
  const bench = createBenchCommands({
    post,
    activeBackend: () => choice?.backend ?? null,
    dataset: (config) => benchDatasetOf(cache.get(config).data),
  });
  let choice: BackendChoice | null = null;
  let repeatWorkers: number | undefined;
  let lostMessage: string | null = null;
  let queue: Promise<void> = Promise.resolve();
  const studies = createStudyCommands({
    post,
    backend: () => choice?.backend ?? null,
    adapter: () => (choice?.adapter ? adapterLabel(choice.adapter) : undefined),
    lost: () => lostMessage,
    async prepare(config, pace) {
      if (!(await dataCmds.ensureLoaded(config))) return null;
      // The dataset events, as a 'dataset' command posts them.
      return (await dataset(config, pace))?.data ?? null;
    },
    yieldEvery: deps.yieldEvery,
    studies: deps.studies,
    repeatPool(config) {
      const size = Math.min(config.rigor.repeats, repeatPoolSize(deps.cores ?? 1, repeatWorkers));
      const spawn = deps.spawnRepeatWorker;
      if (!spawn || size < 2 || !choice) return undefined;
      const threads = choice.backend === 'wasm' ? wasmThreads()?.threads : undefined;
      return createRepeatPool({ size, spawn, ...(threads === undefined ? {} : { wasmThreads: threads }) });
    },
  });

  function onDeviceLost(message: string) {
    lostMessage = message;
    // Reported at once, even mid-run: on a lost device a read-back may never resolve, so the run
    // cannot be relied on to reach its next step. The client replaces this worker.
    const runId = studies.current();
    post({ status: 'error', ...(runId ? { runId } : {}), kind: 'device-lost', message });
  }

  async function init(forced: BrowserBackend | null) {
    try {
      choice = await (deps.chooseBackend ?? realChooseBackend)(forced);
    } catch (e) {
      post({ status: 'error', kind: 'backend', message: messageOf(e) });
      return;
    }
    if (choice.backend === 'webgpu') (deps.watchDeviceLost ?? watchDeviceLost)(onDeviceLost);
    post({ status: 'ready', choice });
  }

  /**
   * Builds (or finds) the dataset of `config` and posts its summary. The build awaits `pace`
   * before each stage: by default one macrotask, so messages (a cancel-load, a cancel) are
   * handled during a build of several seconds.
   */
  async function dataset(config: ExperimentConfig, pace: (s: Stage) => Promise<void> = nextMacrotask) {
    if (!(await dataCmds.ensureLoaded(config))) return null; // the load reported why
    const building = cache.stale(config);
    if (building) post({ status: 'dataset-building' });
    const built = await driveStages(cache.build(config), pace);
    post({ status: 'dataset', summary: built.data.summary, fingerprint: built.fingerprint });
    return built;
  }

  function run(task: () => Promise<void> | void, runId?: string) {
    queue = queue.then(task).catch((e: unknown) => {
      const kind = lostMessage ? 'device-lost' : classifyError(e);
      post({ status: 'error', ...(runId ? { runId } : {}), kind, message: messageOf(e) });
    });
  }

  return (cmd) => {
    switch (cmd.type) {
      case 'init':
        repeatWorkers = cmd.repeatWorkers;
        return run(() => init(cmd.forcedBackend));
      case 'dataset':
        return run(async () => void (await dataset(cmd.config)));
      case 'start-study':
        return run(studies.queue(cmd), cmd.runId);
      case 'rescore-replay':
        return run(() => {
          const last = studies.lastReplay();
          if (last?.runId !== cmd.runId)
            throw new Error('that run is no longer in the worker; run it again to replay another buy share');
          const replay = buildReplay({ ...last.input, buyShare: cmd.buyShare });
          post({ status: 'replay', runId: cmd.runId, replay });
        });
      case 'cancel':
        // Only a study that is running or still queued can be cancelled; a stale id is ignored.
        return studies.cancel(cmd.runId);
      case 'hold':
        return studies.hold(cmd.phase);
      case 'release-hold':
        return studies.release();
      case 'load':
        return run(() => dataCmds.load(cmd.loadId, cmd.source, cmd.skipInvalidRows, cmd.config));
      case 'cancel-load':
        return dataCmds.cancelLoad(cmd.loadId);
      case 'analyse':
        return run(() => analysis.analyse(cmd));
      case 'cancel-analysis':
        return analysis.cancel(cmd.analysisId);
      case 'export-data':
        return run(() => dataCmds.exportData(cmd.format, cmd.config));
      case 'bench-training':
        return run(() => bench.training(cmd));
      case 'bench-ap':
        return run(() => bench.ap(cmd));
    }
  };
}
