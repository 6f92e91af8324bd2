/**
 * The training worker's logic, free of `self` so it also runs on the main thread (the client's
 * fallback) and in Node tests. Commands run one at a time in arrival order, except 'cancel',
 * which takes effect at once: training awaits a macrotask every step (yieldEvery), so a cancel
 * message is delivered within one step.
 */
import type { ExperimentConfig, GroupingId } from '../core/config/experiment';
import { nextMacrotask } from '../core/data/macrotask';
import { runAblation } from '../ml/ablation-run';
import { RunCancelled, type RunEvent } from '../ml/run-types';
import { buildReplay, type RigorInput } from '../core/metrics/rigor';
import type { ExperimentResults } from '../core/metrics/results';
import { runStudy } from '../ml/study';
import { chooseBackend as realChooseBackend, messageOf } from './backend-choice';
import { benchDatasetOf, createBenchCommands } from './bench-commands';
import { createColdStartCommand } from './cold-start-command';
import { createDataCommands } from './data-commands';
import { createDatasetCache } from './dataset-cache';
import type { LoadArgs } from './load-data';
import { classifyError, watchDeviceLost } from './errors';
import type { BackendChoice, BrowserBackend, WorkerCommand, WorkerEvent } from './protocol';

export interface HandlerDeps {
  readonly post: (e: WorkerEvent) => void;
  readonly chooseBackend?: (forced: BrowserBackend | null) => Promise<BackendChoice>;
  /** Calls back when the GPU device is lost (default: the tfjs webgpu backend's device.lost). */
  readonly watchDeviceLost?: (onLost: (message: string) => void) => void;
  /** Steps between yields to the message loop (default 1: cancel within one step). */
  readonly yieldEvery?: number;
  /** The fetch used for `?data=` URLs (tests pass a fake). */
  readonly fetch?: LoadArgs['fetch'];
}

export function createCommandHandler(deps: HandlerDeps): (cmd: WorkerCommand) => void {
  const { post } = deps;
  const cache = createDatasetCache();
  const dataCmds = createDataCommands(post, cache, deps.fetch);
  const bench = createBenchCommands({
    post,
    activeBackend: () => choice?.backend ?? null,
    dataset: (config) => benchDatasetOf(cache.get(config).data),
  });
  const cancelled = new Set<string>();
  let choice: BackendChoice | null = null;
  let currentRun: string | null = null;
  let lostMessage: string | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** The last finished comparison's scores, so its replay can be redone at another buy share. */
  let lastStudy: { runId: string; input: RigorInput } | null = null;
  const coldStart = createColdStartCommand({
    post,
    cancelled,
    backend: () => choice?.backend ?? null,
    lost: () => lostMessage,
    async prepare(config) {
      if (!(await dataCmds.ensureLoaded(config))) return null;
      await dataset(config); // the dataset events, as 'start' posts them
      return cache.get(config).data;
    },
    yieldEvery: deps.yieldEvery,
  });

  function onDeviceLost(message: string) {
    lostMessage = message;
    // Reported at once, even mid-run: on a lost device a read-back may never resolve, so the run
    // cannot be relied on to reach its next step. The client replaces this worker.
    post({ status: 'error', ...(currentRun ? { runId: currentRun } : {}), kind: 'device-lost', message });
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

  async function dataset(config: ExperimentConfig) {
    if (!(await dataCmds.ensureLoaded(config))) return; // the load reported why
    const building = cache.stale(config);
    if (building) post({ status: 'dataset-building' });
    const { data, fingerprint } = cache.get(config);
    post({ status: 'dataset', summary: data.summary, fingerprint });
  }

  async function start(runId: string, config: ExperimentConfig, ablationTarget?: GroupingId) {
    if (!choice) throw new Error('no tfjs backend is running (init failed or was not sent)');
    if (lostMessage) throw new Error(lostMessage);
    if (cancelled.delete(runId)) return post({ status: 'cancelled', runId });
    currentRun = runId;
    try {
      if (!(await dataCmds.ensureLoaded(config))) return post({ status: 'cancelled', runId });
      await dataset(config);
      const group = { index: 0, of: config.groupings.length, t0: performance.now() };
      const repeat = { index: 0, of: config.rigor.repeats };
      const onEvent = (e: RunEvent) => {
        if (e.kind === 'grouping-start')
          Object.assign(group, { index: e.index, of: e.of, t0: performance.now() });
        else if (e.kind === 'progress') {
          const p = e.progress;
          post({
            status: 'progress',
            runId,
            grouping: e.grouping,
            groupingIndex: group.index,
            groupingCount: group.of,
            repeatIndex: repeat.index,
            repeatCount: repeat.of,
            epoch: p.epoch,
            maxEpochs: config.train.maxEpochs,
            step: p.step,
            stepsPerEpoch: p.stepsPerEpoch,
            ...(p.lossByTask ? { lossByTask: p.lossByTask } : {}),
            elapsedMs: performance.now() - group.t0,
          });
        } else if (e.kind === 'epoch')
          post({
            status: 'epoch',
            runId,
            grouping: e.grouping,
            epoch: e.epoch,
            trainLoss: e.trainLoss,
            valAp: e.valAp,
          });
        else post({ status: 'grouping-done', runId, grouping: e.grouping, ms: e.ms });
      };
      const opts = {
        backend: choice.backend,
        onEvent,
        onRepeat: (index: number, of: number) => Object.assign(repeat, { index, of }),
        onRigor: () => post({ status: 'rigor', runId }),
        shouldStop: () => cancelled.has(runId) || lostMessage !== null,
        // Every loss read-back reaches the live chart.
        progressEvery: config.train.lossReadEvery,
        yieldEvery: deps.yieldEvery ?? 1,
      };
      const data = cache.get(config).data;
      let results: ExperimentResults;
      let study: Awaited<ReturnType<typeof runStudy>> | undefined;
      if (ablationTarget) results = await runAblation(data, config, ablationTarget, opts);
      else {
        study = await runStudy(data, config, opts);
        results = study.results;
      }
      // A cancel that came while the last grouping was evaluated or the results were built (no
      // step polls it then) still wins: the user asked to stop, so the run must not end as done.
      await nextMacrotask();
      if (cancelled.has(runId)) return post({ status: 'cancelled', runId });
      if (study) lastStudy = { runId, input: study.rigorInput };
      post({ status: 'result', runId, results });
    } catch (e) {
      if (lostMessage) return; // already reported by onDeviceLost
      if (e instanceof RunCancelled) return post({ status: 'cancelled', runId });
      throw e;
    } finally {
      currentRun = null;
      cancelled.delete(runId);
    }
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
        return run(() => init(cmd.forcedBackend));
      case 'dataset':
        return run(() => dataset(cmd.config));
      case 'start':
        return run(() => start(cmd.runId, cmd.config, cmd.ablationTarget), cmd.runId);
      case 'start-cold-start':
        return run(() => coldStart(cmd), cmd.runId);
      case 'rescore-replay':
        return run(() => {
          if (lastStudy?.runId !== cmd.runId)
            throw new Error('that run is no longer in the worker; run it again to replay another buy share');
          const replay = buildReplay({ ...lastStudy.input, buyShare: cmd.buyShare });
          post({ status: 'replay', runId: cmd.runId, replay });
        });
      case 'cancel':
        // Only a run that is running or still queued can be cancelled; a stale id is ignored.
        cancelled.add(cmd.runId);
        return;
      case 'load':
        return run(() => dataCmds.load(cmd.loadId, cmd.source, cmd.skipInvalidRows, cmd.config));
      case 'cancel-load':
        return dataCmds.cancelLoad(cmd.loadId);
      case 'export-data':
        return run(() => dataCmds.exportData(cmd.format, cmd.config));
      case 'bench-training':
        return run(() => bench.training(cmd));
      case 'bench-ap':
        return run(() => bench.ap(cmd));
    }
  };
}
