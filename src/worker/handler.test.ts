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
    embeddingDim: 4,
    encoderUnits: [16],
    towerUnits: [8],
    experts: 2,
    taskExperts: 1,
    expertUnits: [8],
  },
  train: { ...DEFAULT_CONFIG.train, batchSize: 64, maxEpochs: 2, patience: 1, lossReadEvery: 2 },
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
    h.send({ type: 'start', runId: 'r1', config: TINY });
    const result = await h.until(isStatus('result'));
    if (result.status !== 'result') throw new Error('unreachable');
    expect(result.runId).toBe('r1');
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
      rigor: { repeats: 2, buyShare: 0.3, bootstrap: 20 },
    };
    const before = tf.memory().numTensors;
    h.send({ type: 'init', forcedBackend: null });
    h.send({ type: 'start', runId: 'r1', config: cfg });
    const first = await h.until(isStatus('result'));
    if (first.status !== 'result') throw new Error('unreachable');
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
    // 'rigor' comes once, after the last training event and before the result.
    const statuses = h.events.filter((e) => 'runId' in e && e.runId === 'r1').map((e) => e.status);
    expect(statuses.filter((x) => x === 'rigor')).toHaveLength(1);
    expect(statuses.indexOf('rigor')).toBe(statuses.indexOf('result') - 1);

    h.send({
      type: 'start',
      runId: 'r2',
      config: { ...cfg, rigor: { ...cfg.rigor, repeats: 1 } },
      ablationTarget: 'joint-5task',
    });
    const grid = await h.until((e) => e.status === 'result' && e.runId === 'r2');
    if (grid.status !== 'result') throw new Error('unreachable');
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
    h.send({ type: 'start', runId: 'r2', config: slow });
    await h.until((e) => e.status === 'progress' && e.step === 3);
    // Delivered as its own macrotask, like a worker message: only a yielding trainer sees it.
    setTimeout(() => h.send({ type: 'cancel', runId: 'r2' }), 0);
    const atCancel = h.events.length;
    await h.until(isStatus('cancelled'));
    const after = h.events.slice(atCancel).filter(isStatus('progress'));
    expect(after.length).toBeLessThanOrEqual(2);
    expect(h.events.some((e) => e.status === 'result' || e.status === 'error')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('a cancel that comes after the last training step, before the result, ends the run as cancelled', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: null });
    h.send({ type: 'start', runId: 'r5', config: TINY });
    // The last grouping's training is over: no step will poll the cancel any more.
    await h.until((e) => e.status === 'grouping-done' && e.grouping === 'joint-5task');
    h.send({ type: 'cancel', runId: 'r5' });
    await h.until(isStatus('cancelled'));
    expect(h.events.some((e) => e.status === 'result')).toBe(false);
    // ...and a later run of the same worker still finishes.
    h.send({ type: 'start', runId: 'r6', config: TINY });
    await h.until(isStatus('result'));
  }, 120_000);

  it('cancels a start still waiting in the queue without training', async () => {
    const h = harness();
    h.send({ type: 'init', forcedBackend: null });
    h.send({ type: 'start', runId: 'r3', config: TINY });
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
    h.send({ type: 'start', runId: 'r4', config: bad });
    const e = await h.until(isStatus('error'));
    expect(e).toMatchObject({ status: 'error', runId: 'r4', kind: 'data' });
  });

  it('reports a backend error when no backend starts', async () => {
    const h = harness({ chooseBackend: () => Promise.reject(new Error('no tfjs backend could start: ...')) });
    h.send({ type: 'init', forcedBackend: null });
    h.send({ type: 'start', runId: 'r5', config: TINY });
    await h.until((e) => e.status === 'error' && e.runId === 'r5');
    expect(h.events.map((e) => (e.status === 'error' ? e.kind : e.status))).toEqual(['backend', 'backend']);
  });

  it('turns a lost WebGPU device into a device-lost error, idle or mid-run', async () => {
    let lose: (message: string) => void = () => {};
    const h = harness({
      chooseBackend: async () => ({ backend: 'webgpu', skipped: [], forced: false }),
      watchDeviceLost: (onLost) => (lose = onLost),
    });
    h.send({ type: 'init', forcedBackend: null });
    const slow = { ...TINY, train: { ...TINY.train, maxEpochs: 20, patience: 20, lossReadEvery: 1 } };
    h.send({ type: 'start', runId: 'r6', config: slow });
    await h.until((e) => e.status === 'progress' && e.step === 2);
    lose('WebGPU device lost: test');
    const e = await h.until(isStatus('error'));
    expect(e).toMatchObject({ runId: 'r6', kind: 'device-lost', message: 'WebGPU device lost: test' });
    expect(h.events.some((x) => x.status === 'cancelled')).toBe(false);
    h.send({ type: 'start', runId: 'r7', config: TINY });
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
