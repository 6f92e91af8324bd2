import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand';
import type { TrainingClient } from '../worker/client';
import type { WorkerEvent } from '../worker/protocol';
import { sampleResults } from './history-fixture';
import { createMemoryHistoryRepo } from './history-memory';
import { recordOfResults, type HistoryRepo, type RunRecord } from './history-record';
import { createHistorySlice } from './history-slice';
import { createAppStore } from './index';
import { testState } from './test-state';
import type { AppState } from './types';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
let clock = Date.UTC(2026, 2, 1, 12, 0);
const tick = () => new Date((clock += 60_000));
const record = (name: string): RunRecord => ({
  ...recordOfResults(sampleResults(), { fingerprint: 'f', now: tick() }),
  name,
});

/** A store with the real history slice over `repo`, the rest plain state. */
function setup(repo: HistoryRepo = createMemoryHistoryRepo()) {
  const store = createStore<AppState>()((...a) => ({
    ...testState({ fingerprint: 'feedbeef' }),
    ...createHistorySlice(repo, tick)(...a),
  }));
  return { store, s: () => store.getState(), repo };
}

describe('history slice', () => {
  it('loads stored runs newest first and leaves out records it cannot read', async () => {
    const [a, b] = [record('older'), record('newer')];
    const foreign = { ...record('future'), results: { version: 2 } } as unknown as RunRecord;
    const { s } = setup(createMemoryHistoryRepo([a, foreign, b]));
    await s().loadHistory();
    expect(s().historyStatus).toBe('ready');
    expect(s().historyRuns.map((r) => r.name)).toEqual(['newer', 'older']);
    expect(s().historyError).toMatch(/1 stored run\(s\) are in a format this version cannot show/);
  });

  it('keeps a run saved while the stored list was being read', async () => {
    const memory = createMemoryHistoryRepo([record('stored')]);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const before = await memory.list(); // the list as read before the save landed
    const { s } = setup({ ...memory, list: () => gate.then(() => before) });
    const loading = s().loadHistory();
    await s().saveRun(sampleResults());
    release();
    await loading;
    expect(s().historyRuns.map((r) => r.name)).toEqual([expect.stringContaining('seed 7'), 'stored']);
  });

  it('reports a history that cannot be read', async () => {
    const repo = { ...createMemoryHistoryRepo(), list: () => Promise.reject(new Error('blocked')) };
    const { s } = setup(repo);
    await s().loadHistory();
    expect(s().historyStatus).toBe('failed');
    expect(s().historyError).toBe('Could not read the run history: Error: blocked.');
  });

  it('saves a finished run with the dataset fingerprint, first in the list and in the repo', async () => {
    const { s, repo } = setup(createMemoryHistoryRepo([record('old')]));
    await s().loadHistory();
    await s().saveRun(sampleResults(), 9000);
    const [saved] = s().historyRuns;
    expect(s().historyRuns).toHaveLength(2);
    expect(saved).toMatchObject({
      datasetFingerprint: 'feedbeef',
      backend: 'wasm',
      timings: { totalMs: 9000 },
    });
    expect(saved.name).toMatch(/^joint-5task vs promo-mtl · seed 7 · \d\d:\d\d$/);
    expect(await repo.get(saved.id)).toEqual(saved);
    expect(s().historyError).toBeNull();
  });

  it('reports a full quota with the figures, keeps the run, and saves it on retry', async () => {
    const memory = createMemoryHistoryRepo([], { usage: 52_400_000, quota: 53_000_000 });
    let full = true;
    const repo: HistoryRepo = { ...memory, put: (r) => (full ? Promise.reject(quota()) : memory.put(r)) };
    const { s } = setup(repo);
    await s().saveRun(sampleResults());
    expect(s().historyError).toBe(
      "Could not save the run: the browser's storage quota is full (52.4 MB used of 53.0 MB); delete old runs and try again.",
    );
    expect(s().historyRuns).toEqual([]);
    expect(s().unsavedRun?.results).toEqual(sampleResults());
    full = false; // the user deleted old runs
    await s().retrySave();
    expect(s().historyRuns).toHaveLength(1);
    expect(s().unsavedRun).toBeNull();
    expect(s().historyError).toBeNull();
    expect(await memory.list()).toHaveLength(1);
  });

  it('reports any other write failure by name and cause', async () => {
    const memory = createMemoryHistoryRepo([record('a')]);
    const broken: HistoryRepo = {
      ...memory,
      rename: () => Promise.reject(new DOMException('gone', 'InvalidStateError')),
      delete: () => Promise.reject(new Error('disk gone')),
      pin: () => Promise.reject(new DOMException('tx aborted', 'AbortError')),
    };
    const { s } = setup(broken);
    await s().loadHistory();
    const id = s().historyRuns[0].id;
    await s().renameRun(id, 'b');
    expect(s().historyError).toBe('Could not rename the run: InvalidStateError: gone.');
    await s().deleteRun(id);
    expect(s().historyError).toBe('Could not delete the run: Error: disk gone.');
    await s().pinRun(id);
    expect(s().historyError).toBe('Could not pin the run: AbortError: tx aborted.');
    // Nothing changed on screen that did not change in storage.
    expect(s().historyRuns).toEqual(await memory.list());
    s().dismissHistoryError();
    expect(s().historyError).toBeNull();
  });

  it('renames (trimmed; an empty name is ignored) in the list and the repo', async () => {
    const { s, repo } = setup(createMemoryHistoryRepo([record('a')]));
    await s().loadHistory();
    const id = s().historyRuns[0].id;
    await s().renameRun(id, '  seed 8 ');
    await s().renameRun(id, '   ');
    expect(s().historyRuns[0].name).toBe('seed 8');
    expect((await repo.get(id))?.name).toBe('seed 8');
  });

  it('pins at most one run as the baseline, and unpins', async () => {
    const { s, repo } = setup(createMemoryHistoryRepo([record('a'), record('b')]));
    await s().loadHistory();
    const [b, a] = s().historyRuns.map((r) => r.id);
    await s().pinRun(a);
    await s().pinRun(b);
    const pinned = () =>
      s()
        .historyRuns.filter((r) => r.pinned)
        .map((r) => r.id);
    expect(pinned()).toEqual([b]);
    expect((await repo.list()).filter((r) => r.pinned).map((r) => r.id)).toEqual([b]);
    await s().pinRun(null);
    expect(pinned()).toEqual([]);
  });

  it('selects runs for comparison and forgets a deleted one', async () => {
    const { s, repo } = setup(createMemoryHistoryRepo([record('a'), record('b')]));
    await s().loadHistory();
    const [b, a] = s().historyRuns.map((r) => r.id);
    s().setCompared(a, true);
    s().setCompared(b, true);
    s().setCompared(a, true);
    expect(s().compareIds).toEqual([b, a]);
    await s().deleteRun(b);
    expect(s().compareIds).toEqual([a]);
    expect(s().historyRuns.map((r) => r.id)).toEqual([a]);
    expect(await repo.get(b)).toBeUndefined();
    s().setCompared(a, false);
    expect(s().compareIds).toEqual([]);
  });
});

describe('the worker bridge saves finished runs', () => {
  it("saves the current run's result, and not a straggler's", async () => {
    let emit: (e: WorkerEvent) => void = () => {};
    const createClient = (): TrainingClient => ({
      send: () => {},
      subscribe(fn) {
        emit = fn;
        return () => {};
      },
      terminate: () => {},
    });
    const repo = createMemoryHistoryRepo();
    const { store, connect } = createAppStore({
      createClient,
      forcedBackend: () => 'wasm',
      historyRepo: repo,
    });
    connect();
    emit({ status: 'ready', choice: { backend: 'wasm', skipped: [], forced: true } });
    emit({ status: 'dataset', summary: null as never, fingerprint: 'f00d' });
    store.getState().startStudy('comparison');
    const runId = store.getState().runId!;
    emit({
      status: 'study-result',
      runId: 'run-old',
      study: { kind: 'comparison', results: sampleResults() },
    });
    emit({ status: 'study-result', runId, study: { kind: 'comparison', results: sampleResults() } });
    await expect.poll(() => store.getState().historyRuns.length).toBe(1);
    expect(store.getState().historyRuns[0].datasetFingerprint).toBe('f00d');
    expect(await repo.list()).toHaveLength(1);
  });
});
