import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import { initBackend } from '../ml/backend';
import { createCommandHandler, type HandlerDeps } from './handler';
import type { BackendChoice, WorkerCommand, WorkerEvent } from './protocol';

const TINY: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  seed: 3,
  data: {
    kind: 'sim',
    sim: { ...DEFAULT_SIM_CONFIG, users: 300, shows: 60, days: 6, impressionsPerDay: 400 },
  },
  groupings: ['promo-mtl', 'joint-5task'],
  baseline: 'promo-mtl',
  model: {
    ...DEFAULT_CONFIG.model,
    embeddingDim: 4,
    encoderUnits: [16],
    towerUnits: [8],
    experts: 2,
    taskExperts: 1,
    expertUnits: [8],
  },
  train: { ...DEFAULT_CONFIG.train, batchSize: 64, maxEpochs: 2, patience: 1, lossReadEvery: 2 },
  rigor: { ...DEFAULT_CONFIG.rigor, repeats: 1 },
};
const CPU: BackendChoice = { backend: 'cpu', skipped: [], forced: true };

/** A handler on the real cpu backend whose events are collected; `until` waits for one. */
function harness(over: Partial<HandlerDeps> = {}) {
  const events: WorkerEvent[] = [];
  const waiters: { test: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];
  const handle = createCommandHandler({
    post: (e) => {
      events.push(e);
      for (const w of waiters.filter((w) => w.test(e))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e);
      }
    },
    chooseBackend: async () => CPU,
    ...over,
  });
  const until = (test: (e: WorkerEvent) => boolean) =>
    new Promise<WorkerEvent>((resolve) => {
      const seen = events.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  const send = (cmd: WorkerCommand) => handle(cmd);
  return { events, until, send };
}
const compare = (runId: string, config: ExperimentConfig): WorkerCommand => ({
  type: 'start-study',
  runId,
  config,
  study: { kind: 'comparison' },
});
/** The ExperimentResults of a comparison's or a grid's 'study-result' event. */
function resultsOf(e: WorkerEvent) {
  if (e.status !== 'study-result' || e.study.kind === 'cold-start')
    throw new Error(`not a grid or comparison: ${e.status}`);
  return { results: e.study.results };
}
const isStatus =
  <S extends WorkerEvent['status']>(s: S) =>
  (e: WorkerEvent): e is Extract<WorkerEvent, { status: S }> =>
    e.status === s;

describe('training worker handler (cpu)', () => {
  beforeAll(() => initBackend('cpu'));

  it('reports ready, builds the dataset once, and reuses it for an equal config', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: 'cpu' });
    h.send({ type: 'dataset', config: TINY });
    h.send({ type: 'dataset', config: { ...TINY, train: { ...TINY.train, maxEpochs: 5 } } });
    await h.until((e) => h.events.filter(isStatus('dataset')).length === 2 && e.status === 'dataset');
    expect(h.events.map((e) => e.status)).toEqual(['ready', 'dataset-building', 'dataset', 'dataset']);
    const [a, b] = h.events.filter(isStatus('dataset'));
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.summary.rows).toBe(6 * 400);
  });

  it('trains every grouping, maps the runner events to the protocol and posts the result', async () => {
    const h = harness();
    const before = tf.memory().numTensors;
    h.send({ type: 'init', forcedBackend: null });
    h.send(compare('r1', TINY));
    const event = await h.until(isStatus('study-result'));
    expect(event).toMatchObject({ runId: 'r1', study: { kind: 'comparison' } });
    const result = resultsOf(event);
    expect(result.results.groupings.map((g) => g.id)).toEqual(['promo-mtl', 'joint-5task']);
    expect(result.results.backend).toBe('cpu');
    const progress = h.events.filter(isStatus('progress'));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.maxEpochs === 2 && p.groupingCount === 2 && p.elapsedMs >= 0)).toBe(true);
    expect(progress.filter((p) => p.grouping === 'joint-5task').every((p) => p.groupingIndex === 1)).toBe(
      true,
    );
    // lossReadEvery 2 = progressEvery: every reported even step carries its loss read-back.
    expect(progress.filter((p) => p.step % 2 === 0).every((p) => p.lossByTask !== undefined)).toBe(true);
    const epochs = h.events.filter(isStatus('epoch'));
    expect(epochs.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(epochs[0].trainLoss).length).toBeGreaterThan(0);
    expect(Object.keys(epochs[0].valAp)).toContain('promo');
    expect(h.events.filter(isStatus('grouping-done')).map((e) => e.grouping)).toEqual([
      'promo-mtl',
      'joint-5task',
    ]);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('repeats over seeds and runs an ablation grid when asked, with the rigor section', async () => {
    const h = harness();
    const cfg: ExperimentConfig = {
      ...TINY,
      train: { ...TINY.train, maxEpochs: 1 },
      rigor: { repeats: 2, buyShare: 0.3, bootstrap: 20, tune: 0, vary: 'training' },
    };
    const before = tf.memory().numTensors;
    h.send({ type: 'init', forcedBackend: null });
    h.send(compare('r1', cfg));
    const first = resultsOf(await h.until(isStatus('study-result')));
    expect(first.results.rigor?.seeds).toEqual([3, 4]);
    expect(first.results.rigor?.ap['joint-5task'].ad.all.values).toHaveLength(2);
    // The replay at another buy share, without retraining: same seeds, more bought impressions.
    h.send({ type: 'rescore-replay', runId: 'r1', buyShare: 0.6 });
    const rescored = await h.until(isStatus('replay'));
    if (rescored.status !== 'replay') throw new Error('unreachable');
    const before03 = first.results.rigor!.replay.label['joint-5task'].all.impressions;
    expect(rescored.replay.buyShare).toBe(0.6);
    expect(rescored.replay.label['joint-5task'].all.impressions).toBeGreaterThan(before03);
    h.send({ type: 'rescore-replay', runId: 'r1', buyShare: 0.3 });
    await h.until((e) => e.status === 'replay' && e.replay.buyShare === 0.3);
    const again = h.events.filter(isStatus('replay')).at(-1);
    expect(again?.replay).toEqual(first.results.rigor?.replay);
    const repeats = new Set(
      h.events.filter(isStatus('progress')).map((p) => `${p.repeatIndex}/${p.repeatCount}`),
    );
    expect([...repeats]).toEqual(['0/2', '1/2']);
    // The phases in order: data, then training and evaluation per grouping and seed, then the
    // rigor section's four phases, each entered once, and the result right after them.
    const all = h.events.filter((e) => 'runId' in e && e.runId === 'r1');
    const mine = all.slice(0, all.findIndex((e) => e.status === 'study-result') + 1);
    const phases = mine.filter(isStatus('study-phase')).map((e) => e.phase);
    const entered = phases.filter((p, i) => p !== phases[i - 1]);
    expect(entered).toEqual([
      'data',
      ...Array(4).fill(['training', 'evaluation']).flat(),
      'intervals',
      'bootstrap',
      'replay',
      'curves',
    ]);
    expect(mine[0].status).toBe('study-queued');
    expect(mine.at(-2)).toMatchObject({ status: 'study-phase', phase: 'curves', fraction: 1 });
    expect(mine.at(-1)?.status).toBe('study-result');

    h.send({
      type: 'start-study',
      runId: 'r2',
      config: { ...cfg, rigor: { ...cfg.rigor, repeats: 1 } },
      study: { kind: 'ablation', target: 'joint-5task' },
    });
    const grid = resultsOf(await h.until((e) => e.status === 'study-result' && e.runId === 'r2'));
    expect(grid.results.ablation?.target).toBe('joint-5task');
    expect(grid.results.baseline).toBe('full');
    expect(grid.results.groupings.map((g) => g.id)).toEqual(grid.results.ablation?.arms.map((a) => a.id));
    expect(grid.results.groupings.map((g) => g.id)).toContain('no-anc');
    // Common random numbers: the grid's unchanged arm trains exactly as joint-5task did in the
    // comparison with the same seed (cpu is deterministic), so every arm differs only by its change.
    const apsOf = (g: (typeof grid.results.groupings)[number] | undefined) =>
      g && [g.promoAp, g.adAp, g.segments.ad['less-streamed'].ap];
    expect(apsOf(grid.results.groupings.find((g) => g.id === 'full'))).toEqual(
      apsOf(first.results.groupings.find((g) => g.id === 'joint-5task')),
    );
    expect(apsOf(grid.results.groupings.find((g) => g.id === 'no-anc'))).not.toEqual(
      apsOf(first.results.groupings.find((g) => g.id === 'joint-5task')),
    );
    // Every arm (including the feature-drop arms' own device copies) released its tensors.
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('cancels a run within a step or two of the cancel message', async () => {
    const h = harness();
    const slow = { ...TINY, train: { ...TINY.train, maxEpochs: 20, patience: 20, lossReadEvery: 1 } };
    const before = tf.memory().numTensors;
    h.send({ type: 'init', forcedBackend: null });
    h.send(compare('r2', slow));
    await h.until((e) => e.status === 'progress' && e.step === 3);
    // Delivered as its own macrotask, like a worker message: only a yielding trainer sees it.
    setTimeout(() => h.send({ type: 'cancel', runId: 'r2' }), 0);
    const atCancel = h.events.length;
    await h.until(isStatus('cancelled'));
    const after = h.events.slice(atCancel).filter(isStatus('progress'));
    expect(after.length).toBeLessThanOrEqual(2);
    expect(h.events.some((e) => e.status === 'study-result' || e.status === 'error')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('a cancel that comes after the last training step, before the result, ends the run as cancelled', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: null });
    h.send(compare('r5', TINY));
    // The last grouping's training is over: no step will poll the cancel any more.
    await h.until((e) => e.status === 'grouping-done' && e.grouping === 'joint-5task');
    h.send({ type: 'cancel', runId: 'r5' });
    await h.until(isStatus('cancelled'));
    expect(h.events.some((e) => e.status === 'study-result')).toBe(false);
    // ...and a later run of the same worker still finishes.
    h.send(compare('r6', TINY));
    await h.until(isStatus('study-result'));
  }, 120_000);

  it('cancels a start still waiting in the queue without training', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: null });
    h.send(compare('r3', TINY));
    h.send({ type: 'cancel', runId: 'r3' });
    await h.until(isStatus('cancelled'));
    expect(h.events.filter(isStatus('progress'))).toEqual([]);
  });

  it('reports a split the data cannot give as a data error of the run', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: null });
    const bad = {
      ...TINY,
      data: { kind: 'sim' as const, sim: { ...TINY.data, ...DEFAULT_SIM_CONFIG, days: 2 } },
    };
    h.send(compare('r4', bad));
    const e = await h.until(isStatus('error'));
    expect(e).toMatchObject({ status: 'error', runId: 'r4', kind: 'data' });
  });

  it('reports a backend error when no backend starts', async () => {
    const h = harness({ chooseBackend: () => Promise.reject(new Error('no tfjs backend could start: ...')) });
    h.send({ type: 'init', forcedBackend: null });
    h.send(compare('r5', TINY));
    await h.until((e) => e.status === 'error' && e.runId === 'r5');
    expect(h.events.map((e) => (e.status === 'error' ? e.kind : e.status))).toEqual([
      'study-queued',
      'backend',
      'backend',
    ]);
  });

  it('turns a lost WebGPU device into a device-lost error, idle or mid-run', async () => {
    let lose: (message: string) => void = () => {};
    const h = harness({
      chooseBackend: async () => ({ backend: 'webgpu', skipped: [], forced: false }),
      watchDeviceLost: (onLost) => (lose = onLost),
    });
    h.send({ type: 'init', forcedBackend: null });
    const slow = { ...TINY, train: { ...TINY.train, maxEpochs: 20, patience: 20, lossReadEvery: 1 } };
    h.send(compare('r6', slow));
    await h.until((e) => e.status === 'progress' && e.step === 2);
    lose('WebGPU device lost: test');
    const e = await h.until(isStatus('error'));
    expect(e).toMatchObject({ runId: 'r6', kind: 'device-lost', message: 'WebGPU device lost: test' });
    expect(h.events.some((x) => x.status === 'cancelled')).toBe(false);
    h.send(compare('r7', TINY));
    await h.until((x) => x.status === 'error' && x.runId === 'r7');
    expect(h.events.at(-1)).toMatchObject({ kind: 'device-lost' });
  }, 120_000);

  it('reports a device lost while idle without a run id', async () => {
    let lose: (message: string) => void = () => {};
    const h = harness({
      chooseBackend: async () => ({ backend: 'webgpu', skipped: [], forced: false }),
      watchDeviceLost: (onLost) => (lose = onLost),
    });
    h.send({ type: 'init', forcedBackend: null });
    await h.until(isStatus('ready'));
    lose('WebGPU device lost: idle');
    expect(h.events.at(-1)).toEqual({
      status: 'error',
      kind: 'device-lost',
      message: 'WebGPU device lost: idle',
    });
  });
});
