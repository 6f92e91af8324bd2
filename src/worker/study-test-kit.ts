/**
 * Shared by the worker's study tests: a tiny config (two seeds of one epoch: every phase of every
 * kind is reached in seconds) and a command handler on cpu whose events can be awaited.
 */
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import type { StudySpec } from '../core/results/study-results';
import { createCommandHandler, type HandlerDeps } from './handler';
import type { WorkerCommand, WorkerEvent } from './protocol';

/** Two seeds of one epoch on a tiny simulated log: every phase of every kind is reached. */
export const TINY: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  seed: 5,
  data: {
    kind: 'sim',
    sim: { ...DEFAULT_SIM_CONFIG, users: 300, shows: 60, days: 6, impressionsPerDay: 400 },
  },
  groupings: ['promo-mtl', 'joint-5task'],
  baseline: 'promo-mtl',
  model: {
    ...DEFAULT_CONFIG.model,
    embeddingDim: 4,
    encoderUnits: [8],
    towerUnits: [4],
    experts: 2,
    taskExperts: 1,
    expertUnits: [4],
  },
  train: { ...DEFAULT_CONFIG.train, batchSize: 128, maxEpochs: 1, patience: 1, lossReadEvery: 5 },
  rigor: { repeats: 2, buyShare: 0.3, bootstrap: 20, tune: 0, vary: 'training' },
  coldStart: { task: 'ad_stream', budgets: [50] },
};

/** A handler on cpu; `onPost` sees each event as it is posted (and may send commands then). */
export function harness(
  over: Partial<HandlerDeps> = {},
  onPost: (e: WorkerEvent, send: (cmd: WorkerCommand) => void) => void = () => {},
) {
  const events: WorkerEvent[] = [];
  const waiters: { test: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];
  const handle = createCommandHandler({
    post: (e) => {
      events.push(e);
      onPost(e, (cmd) => handle(cmd));
      for (const w of waiters.filter((w) => w.test(e))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    },
    chooseBackend: async () => ({ backend: 'cpu', skipped: [], forced: true }),
    ...over,
  });
  const until = (test: (e: WorkerEvent) => boolean) =>
    new Promise<WorkerEvent>((resolve) => {
      const seen = events.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  handle({ type: 'init', forcedBackend: 'cpu' });
  return { events, until, send: (cmd: WorkerCommand) => handle(cmd) };
}

export const start = (runId: string, study: StudySpec, config = TINY): WorkerCommand => ({
  type: 'start-study',
  runId,
  config,
  study,
});
export const ended = (runId: string) => (e: WorkerEvent) =>
  'runId' in e && e.runId === runId && ['study-result', 'cancelled', 'error'].includes(e.status);
