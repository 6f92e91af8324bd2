import { describe, expect, it } from 'vitest';
import { PRESETS } from '../core/config/presets';
import type { ColdStartResults } from '../core/metrics/cold-start-types';
import type { TrainingClient } from '../worker/client';
import type { WorkerCommand, WorkerEvent } from '../worker/protocol';
import { applyEvent } from './apply-event';
import { createAppStore } from './index';
import { testState } from './test-state';

const iv = (mean: number | null) => ({ mean, lo: null, hi: null, n: mean === null ? 0 : 1, values: [mean] });
const pt = (budget: number, ap: number | null) => ({
  budget,
  labels: budget,
  ap: { all: iv(ap), 'less-streamed': iv(ap) },
});
const RESULTS: ColdStartResults = {
  task: 'ad_stream',
  nearestHead: 'promo_stream',
  sources: ['ad'],
  encoder: 'shared-bottom',
  budgets: [1, 5, 20],
  seeds: [7],
  testRows: 100,
  testPositives: 4,
  methods: {
    scratch: [pt(1, 0.1), pt(5, 0.2), pt(20, 0.3)],
    direct: [pt(1, 0.2), pt(5, 0.2), pt(20, 0.2)],
    finetune: [pt(1, 0.25), pt(5, 0.3), pt(20, null)],
  },
  ceiling: null,
};

/** A store whose worker the test plays: commands are recorded, events emitted by hand. */
function setup() {
  const sent: WorkerCommand[] = [];
  const listeners = new Set<(e: WorkerEvent) => void>();
  let made = 0;
  const createClient = (): TrainingClient => {
    made++;
    return {
      send: (cmd) => sent.push(cmd),
      subscribe: (fn) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
      terminate: () => {},
    };
  };
  const { store, connect } = createAppStore({ createClient, forcedBackend: () => 'wasm' });
  const emit = (e: WorkerEvent) => listeners.forEach((f) => f(e));
  return { store, connect, sent, emit, made: () => made };
}

describe('cold-start slice', () => {
  it('starts idle with no results', () => {
    const { store } = setup();
    expect(store.getState()).toMatchObject({
      coldStartId: null,
      coldStartStatus: 'idle',
      coldStartProgress: null,
      coldStartResults: null,
      coldStartError: null,
    });
  });

  it('starts with the current config, follows progress, and keeps the results in memory only', () => {
    const { store, connect, sent, emit } = setup();
    connect();
    const config = { ...PRESETS.quick, coldStart: { task: 'like' as const, budgets: [5, 50] } };
    store.getState().setConfig(config);
    store.getState().startColdStart();
    const id = store.getState().coldStartId;
    expect(id).toMatch(/^cold-/);
    expect(store.getState().coldStartStatus).toBe('running');
    expect(sent.at(-1)).toEqual({ type: 'start-cold-start', runId: id, config: store.getState().config });
    expect(store.getState().config.coldStart).toEqual({ task: 'like', budgets: [5, 50] });

    store.getState().startColdStart(); // ignored while one is running
    expect(sent.filter((c) => c.type === 'start-cold-start')).toHaveLength(1);

    emit({
      status: 'cold-start-progress',
      runId: id!,
      message: 'seed 1 of 1: scratch at 5%',
      fraction: 0.25,
    });
    expect(store.getState().coldStartProgress).toEqual({
      message: 'seed 1 of 1: scratch at 5%',
      fraction: 0.25,
    });
    emit({ status: 'cold-start-progress', runId: 'cold-other', message: 'stale', fraction: 0.9 });
    expect(store.getState().coldStartProgress?.fraction).toBe(0.25);

    emit({ status: 'cold-start-result', runId: id!, results: RESULTS });
    expect(store.getState()).toMatchObject({
      coldStartStatus: 'done',
      coldStartResults: RESULTS,
      coldStartProgress: { fraction: 1 },
    });
    // Not a comparison: the results step, the run state and the history are untouched.
    expect(store.getState().results).toBeNull();
    expect(store.getState().runStatus).toBe('idle');
    expect(JSON.stringify(store.getState().config)).not.toContain('nearestHead');

    // A new start clears the last results until its own arrive.
    store.getState().startColdStart();
    expect(store.getState().coldStartResults).toBeNull();
    expect(store.getState().coldStartId).not.toBe(id);
  });

  it('cancels through the cancel command with its run id', () => {
    const { store, connect, sent, emit } = setup();
    connect();
    store.getState().cancelColdStart(); // nothing to cancel
    expect(sent.some((c) => c.type === 'cancel')).toBe(false);
    store.getState().startColdStart();
    const id = store.getState().coldStartId!;
    store.getState().cancelColdStart();
    expect(store.getState().coldStartStatus).toBe('cancelling');
    expect(sent.at(-1)).toEqual({ type: 'cancel', runId: id });
    emit({ status: 'cold-start-progress', runId: id, message: 'late', fraction: 0.5 });
    expect(store.getState().coldStartStatus).toBe('cancelling');
    emit({ status: 'cancelled', runId: id });
    expect(store.getState().coldStartStatus).toBe('cancelled');
  });

  it('is not offered while a comparison run trains, and does not block one', () => {
    const { store, connect, sent } = setup();
    connect();
    store.getState().startRun();
    store.getState().startColdStart();
    expect(sent.some((c) => c.type === 'start-cold-start')).toBe(false);
    expect(store.getState().coldStartStatus).toBe('idle');
  });

  it("reports its run's error, and a lost device ends it", () => {
    const { store, connect, emit, made } = setup();
    connect();
    store.getState().startColdStart();
    const id = store.getState().coldStartId!;
    emit({ status: 'error', runId: id, kind: 'data', message: 'no test positives for like' });
    expect(store.getState()).toMatchObject({
      coldStartStatus: 'error',
      coldStartError: 'no test positives for like',
      runError: null, // the comparison's error line stays clear
    });

    store.getState().startColdStart();
    emit({ status: 'error', kind: 'device-lost', message: 'WebGPU device lost' });
    expect(store.getState()).toMatchObject({
      coldStartStatus: 'error',
      coldStartError: 'WebGPU device lost',
      backend: null,
    });
    expect(made()).toBe(2); // the bridge replaced the worker
  });
});

describe('applyEvent and the cold start', () => {
  const running = testState({ coldStartId: 'c1', coldStartStatus: 'running' });

  it("leaves a comparison run's cancel and errors to the run", () => {
    const s = testState({ ...running, runId: 'r1', runStatus: 'running' });
    expect(applyEvent(s, { status: 'cancelled', runId: 'r1' })).toEqual({ runStatus: 'cancelled' });
    expect(applyEvent(s, { status: 'error', runId: 'r1', kind: 'internal', message: 'x' })).toEqual({
      runStatus: 'error',
      runError: { kind: 'internal', message: 'x' },
    });
  });

  it('ignores events of another cold-start run', () => {
    expect(applyEvent(running, { status: 'cold-start-result', runId: 'c0', results: RESULTS })).toEqual({});
    expect(
      applyEvent(running, { status: 'cold-start-progress', runId: 'c0', message: 'm', fraction: 1 }),
    ).toEqual({});
  });

  it('marks a dataset that failed to build for the cold start as failed', () => {
    const s = testState({ ...running, datasetStatus: 'building' });
    expect(applyEvent(s, { status: 'error', runId: 'c1', kind: 'data', message: 'too few days' })).toEqual({
      coldStartStatus: 'error',
      coldStartError: 'too few days',
      datasetStatus: 'error',
    });
  });
});
