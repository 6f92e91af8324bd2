import { describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../core/config/presets';
import type { TrainingClient } from '../worker/client';
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { createAppStore } from './index';
import { PROGRESS_BATCH_MS } from './worker-bridge';

/** A client that records commands and lets the test play the worker. */
function fakeClients() {
  const made: { sent: WorkerCommand[]; emit: (e: WorkerEvent) => void; terminated: boolean }[] = [];
  const createClient = (): TrainingClient => {
    const listeners = new Set<(e: WorkerEvent) => void>();
    const c = {
      sent: [] as WorkerCommand[],
      emit: (e: WorkerEvent) => listeners.forEach((f) => f(e)),
      terminated: false,
    };
    made.push(c);
    return {
      send: (cmd) => c.sent.push(cmd),
      subscribe: (fn) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
      terminate: () => (c.terminated = true),
    };
  };
  return { made, createClient };
}

function setup() {
  const clients = fakeClients();
  const { store, connect } = createAppStore({
    createClient: clients.createClient,
    forcedBackend: () => 'wasm',
  });
  return { store, connect, clients };
}

describe('config slice', () => {
  it('opens on the quick preset', () => {
    expect(setup().store.getState().config).toEqual(PRESETS.quick);
  });

  it('clamps values through the field table and keeps invalid ones unchanged', () => {
    const { store } = setup();
    const s = store.getState();
    s.setTrain({ batchSize: 3, learningRate: Number.NaN });
    expect(store.getState().config.train.batchSize).toBe(16);
    expect(store.getState().config.train.learningRate).toBe(PRESETS.quick.train.learningRate);
    s.setSim({ days: 1, users: 2.6e9 });
    expect(store.getState().config.data).toMatchObject({ kind: 'sim', sim: { days: 3, users: 1_000_000 } });
    s.setSeed(-4);
    expect(store.getState().config.seed).toBe(0);
    s.setModel({ encoderUnits: [] });
    expect(store.getState().config.model.encoderUnits).toEqual(PRESETS.quick.model.encoderUnits);
  });

  it('toggles groupings in canonical order and lets the baseline be cleared', () => {
    const { store } = setup();
    const s = store.getState();
    s.setConfig({ ...PRESETS.quick, groupings: ['promo-mtl'] });
    s.toggleGrouping('joint-5task', true);
    s.toggleGrouping('ads-stream', true);
    s.toggleGrouping('ads-stream', true);
    expect(store.getState().config.groupings).toEqual(['promo-mtl', 'ads-stream', 'joint-5task']);
    s.toggleGrouping('promo-mtl', false);
    expect(store.getState().config.groupings).toEqual(['ads-stream', 'joint-5task']);
    s.setBaseline('ads-stream');
    expect(store.getState().config.baseline).toBe('ads-stream');
  });

  it('gives a tuning study its budget and turns the search off when the kind leaves tuning', () => {
    const { store } = setup();
    const s = store.getState();
    s.setStudy({ kind: 'tuning' });
    expect(store.getState().config.rigor.tune).toBe(8);
    s.setRigor({ tune: 4 });
    s.setStudy({ kind: 'ablation' });
    expect(store.getState().config.rigor.tune).toBe(0);
    // A tuned comparison (a link's tune=N) keeps its budget: only leaving tuning clears it.
    s.setStudy({ kind: 'comparison' });
    s.setRigor({ tune: 4 });
    s.setStudy({ kind: 'cold-start' });
    expect(store.getState().config.rigor.tune).toBe(4);
  });

  it('shortens validation when a split leaves no test days', () => {
    const { store } = setup();
    store.getState().setConfig({ ...PRESETS.quick, split: { trainFraction: 0.9, valFraction: 0.3 } });
    expect(store.getState().config.split.valFraction).toBeCloseTo(0.05);
  });
});

describe('worker bridge', () => {
  it('on connect sends init with the forced backend, then builds the dataset', () => {
    const { store, connect, clients } = setup();
    connect();
    connect();
    expect(clients.made).toHaveLength(1);
    expect(clients.made[0].sent).toEqual([
      { type: 'init', forcedBackend: 'wasm' },
      { type: 'dataset', config: PRESETS.quick },
    ]);
    expect(store.getState().datasetStatus).toBe('building');
    clients.made[0].emit({ status: 'ready', choice: { backend: 'wasm', skipped: [], forced: true } });
    expect(store.getState().backend?.backend).toBe('wasm');
  });

  it('starts a run with every grouping waiting, cancels it, and retries the same config', () => {
    const { store, connect, clients } = setup();
    connect();
    const c = clients.made[0];
    store.getState().startStudy('comparison');
    const { runId } = store.getState();
    expect(runId).toMatch(/^run-/);
    expect(store.getState().runStatus).toBe('running');
    expect(store.getState().runGroupings).toEqual(PRESETS.quick.groupings);
    expect(Object.values(store.getState().progress).every((p) => p.state === 'waiting')).toBe(true);
    expect(c.sent.at(-1)).toEqual({
      type: 'start-study',
      runId,
      config: PRESETS.quick,
      study: { kind: 'comparison' },
    });

    store.getState().startStudy('comparison'); // ignored while running
    expect(c.sent.filter((m) => m.type === 'start-study')).toHaveLength(1);

    store.getState().cancelRun();
    expect(store.getState().runStatus).toBe('cancelling');
    expect(c.sent.at(-1)).toEqual({ type: 'cancel', runId });
    c.emit({ status: 'cancelled', runId: runId! });
    expect(store.getState().runStatus).toBe('cancelled');

    store.getState().setSeed(99); // retry uses the config of the last start, not the edited one
    store.getState().retryRun();
    const retry = c.sent.at(-1);
    expect(retry).toMatchObject({ type: 'start-study', config: PRESETS.quick });
    expect(retry?.type === 'start-study' && retry.runId).not.toBe(runId);
  });

  it('applies progress in batches: every event, in order, and before whatever follows it', () => {
    vi.useFakeTimers();
    try {
      const { store, connect, clients } = setup();
      connect();
      store.getState().startStudy('comparison');
      const runId = store.getState().runId!;
      const grouping = PRESETS.quick.groupings[0]!;
      const progress = (step: number, loss: number): WorkerEvent => ({
        status: 'progress',
        runId,
        grouping,
        groupingIndex: 0,
        groupingCount: 1,
        repeatIndex: 0,
        repeatCount: 1,
        epoch: 1,
        maxEpochs: 2,
        step,
        stepsPerEpoch: 10,
        lossByTask: { promo_stream: loss },
        elapsedMs: 100 * step,
      });
      const c = clients.made[0]!;
      c.emit(progress(1, 0.5));
      c.emit(progress(2, 0.4));
      expect(store.getState().progress[grouping]?.state).toBe('waiting'); // not rendered yet
      vi.advanceTimersByTime(PROGRESS_BATCH_MS);
      expect(store.getState().progress[grouping]).toMatchObject({ state: 'training', step: 2 });
      expect(store.getState().lossSeries[grouping]).toEqual([
        { step: 1, promo_stream: 0.5 },
        { step: 2, promo_stream: 0.4 },
      ]);
      // A later event of another kind first applies the progress queued before it.
      c.emit(progress(3, 0.3));
      c.emit({ status: 'grouping-done', runId, grouping, ms: 321 });
      expect(store.getState().lossSeries[grouping]).toHaveLength(3);
      expect(store.getState().progress[grouping]).toMatchObject({ state: 'done', elapsedMs: 321 });
      vi.advanceTimersByTime(PROGRESS_BATCH_MS); // nothing left to apply: done stays done
      expect(store.getState().progress[grouping]?.state).toBe('done');
    } finally {
      vi.useRealTimers();
    }
  });

  it('replaces the worker after a lost device and retries on the new one', () => {
    const { store, connect, clients } = setup();
    connect();
    clients.made[0].emit({ status: 'ready', choice: { backend: 'webgpu', skipped: [], forced: false } });
    store.getState().startStudy('comparison');
    const runId = store.getState().runId!;
    clients.made[0].emit({ status: 'error', runId, kind: 'device-lost', message: 'WebGPU device lost' });
    expect(store.getState()).toMatchObject({
      runStatus: 'error',
      runError: { kind: 'device-lost' },
      backend: null,
    });
    expect(clients.made[0].terminated).toBe(true);
    expect(clients.made).toHaveLength(2);
    expect(clients.made[1].sent).toEqual([{ type: 'init', forcedBackend: 'wasm' }]);
    store.getState().retryRun();
    expect(clients.made[1].sent.at(-1)).toMatchObject({ type: 'start-study', config: PRESETS.quick });
    expect(store.getState().runStatus).toBe('running');
  });
});

describe('the backend menu', () => {
  it('re-initialises the worker with the chosen backend (or a new trial), not during a run, and keeps it after a lost device', () => {
    const { store, connect, clients } = setup();
    connect();
    const c = clients.made[0];
    const ready = (backend: 'webgpu' | 'cpu', forced: boolean) =>
      c.emit({ status: 'ready', choice: { backend, skipped: [], forced } });
    ready('webgpu', false);
    store.getState().switchBackend('cpu');
    expect(store.getState().backend).toBeNull(); // "choosing backend" until the worker answers
    expect(c.sent.at(-1)).toEqual({ type: 'init', forcedBackend: 'cpu' });
    expect(c.sent.filter((m) => m.type === 'dataset')).toHaveLength(1); // the dataset is not rebuilt
    ready('cpu', true);
    store.getState().switchBackend(null);
    expect(c.sent.at(-1)).toEqual({ type: 'init', forcedBackend: null });
    ready('webgpu', false);

    store.getState().startStudy('comparison');
    const sent = c.sent.length;
    store.getState().switchBackend('wasm'); // ignored while running
    expect(c.sent).toHaveLength(sent);
    expect(store.getState().backend?.backend).toBe('webgpu');

    c.emit({ status: 'error', runId: store.getState().runId!, kind: 'device-lost', message: 'lost' });
    // The menu's last choice (automatic) wins over the address's ?backend=wasm.
    expect(clients.made[1].sent).toEqual([{ type: 'init', forcedBackend: null }]);
  });
});

describe('loading data through the bridge', () => {
  const report = {
    name: 'd.csv',
    url: 'https://x.test/d.csv',
    encoding: 'csv',
    bytes: 9,
    rows: 3,
    skippedCount: 0,
    skippedProblemCount: 0,
    skipped: [],
    ignoredColumns: [],
    ms: 1,
  };

  it('a dataset URL in the config is fetched on connect; if that fails the app falls back to simulated data', () => {
    const { store, connect, clients } = setup();
    store.getState().setConfig({ ...PRESETS.quick, data: { kind: 'url', url: 'https://x.test/d.csv' } });
    expect(store.getState().config.data).toEqual({ kind: 'url', url: 'https://x.test/d.csv' });
    connect();
    const c = clients.made[0];
    const load = c.sent.find((m) => m.type === 'load');
    expect(load).toMatchObject({
      source: { kind: 'url', url: 'https://x.test/d.csv' },
      skipInvalidRows: false,
    });
    expect(c.sent.some((m) => m.type === 'dataset')).toBe(false);
    const loadId = store.getState().loadId!;
    const failure = {
      file: 'd.csv',
      message: 'Could not fetch',
      problems: [],
      problemCount: 0,
      skippable: false,
    };
    c.emit({ status: 'load-failed', loadId, failure });
    expect(store.getState().loadFailure).toEqual(failure); // still on screen
    expect(store.getState().config.data).toEqual(PRESETS.quick.data);
    expect(c.sent.at(-1)).toEqual({ type: 'dataset', config: PRESETS.quick });
  });

  it('refuses a non-https URL without asking the worker, and retries the last file skipping rows', () => {
    const { store, connect, clients } = setup();
    connect();
    const c = clients.made[0];
    const sentBefore = c.sent.length;
    store.getState().loadUrl('http://evil.test/x.csv');
    expect(c.sent.length).toBe(sentBefore);
    expect(store.getState().loadStatus).toBe('failed');
    expect(store.getState().loadFailure?.message).toMatch(/must start with https/);

    const file = new File(['x'], 'mine.csv');
    store.getState().loadFile(file);
    const first = c.sent.at(-1);
    expect(first).toMatchObject({ type: 'load', source: { kind: 'file', file }, skipInvalidRows: false });
    store.getState().retryLoadSkipping();
    expect(c.sent.at(-2)).toEqual({ type: 'cancel-load', loadId: (first as { loadId: string }).loadId });
    expect(c.sent.at(-1)).toMatchObject({
      type: 'load',
      source: { kind: 'file', file },
      skipInvalidRows: true,
    });
  });

  it('a successful load makes the file the data source; cancel is sent only while loading', () => {
    const { store, connect, clients } = setup();
    connect();
    const c = clients.made[0];
    store.getState().loadUrl('https://x.test/d.csv');
    const loadId = store.getState().loadId!;
    store.getState().cancelLoad();
    expect(c.sent.at(-1)).toEqual({ type: 'cancel-load', loadId });
    expect(store.getState().loadStatus).toBe('cancelling');
    c.emit({ status: 'loaded', loadId, report, summary: { rows: 3 } as never, fingerprint: 'fp' });
    expect(store.getState().config.data).toEqual({ kind: 'url', url: 'https://x.test/d.csv' });
    expect(store.getState().loadStatus).toBe('loaded');
    const n = c.sent.length;
    store.getState().cancelLoad();
    expect(c.sent.length).toBe(n);
    // Editing the simulator goes back to simulated data with the settings used before.
    store.getState().setSim({ days: 5 });
    expect(store.getState().config.data).toMatchObject({ kind: 'sim', sim: { days: 5 } });
  });
});
