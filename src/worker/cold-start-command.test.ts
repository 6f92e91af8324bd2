import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import type { ExperimentConfig } from '../core/config/experiment';
import type { PreparedData } from '../core/data/prepare';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import type { ColdStartResults } from '../core/metrics/cold-start-types';
import type { ColdStartOptions } from '../ml/cold-start';
import { RunCancelled } from '../ml/run-types';
import { type ColdStartDeps, createColdStartCommand } from './cold-start-command';
import { createCommandHandler } from './handler';
import type { WorkerCommand, WorkerEvent } from './protocol';

/** The experiment as the handler sees it: a fake whose behaviour each test sets. */
const fake = vi.hoisted(() => ({
  impl: null as null | ((data: unknown, cfg: unknown, opts: unknown) => Promise<unknown>),
}));
vi.mock('../ml/cold-start', () => ({
  runColdStart: (data: unknown, cfg: unknown, opts: unknown) => {
    if (!fake.impl) throw new Error('no fake runColdStart set');
    return fake.impl(data, cfg, opts);
  },
}));

const iv = (mean: number | null) => ({ mean, lo: null, hi: null, n: mean === null ? 0 : 1, values: [mean] });
const point = (budget: number, ap: number | null) => ({
  budget,
  labels: budget * 10,
  ap: { all: iv(ap), 'less-streamed': iv(null) },
});

const RESULTS: ColdStartResults = {
  task: 'ad_stream',
  nearestHead: 'promo_stream',
  sources: ['ad'],
  encoder: 'shared-bottom',
  budgets: [5, 50],
  seeds: [3],
  testRows: 400,
  testPositives: 12,
  methods: {
    scratch: [point(5, 0.1), point(50, 0.2)],
    direct: [point(5, 0.15), point(50, 0.15)],
    finetune: [point(5, 0.18), point(50, 0.25)],
  },
  ceiling: null,
};

const TINY: ExperimentConfig = {
  ...DEFAULT_CONFIG,
  seed: 3,
  data: {
    kind: 'sim',
    sim: { ...DEFAULT_SIM_CONFIG, users: 200, shows: 40, days: 6, impressionsPerDay: 200 },
  },
  coldStart: { task: 'ad_stream', budgets: [5, 50] },
  rigor: { ...DEFAULT_CONFIG.rigor, repeats: 1 },
};

type Run = NonNullable<ColdStartDeps['run']>;
const DATA = { marker: 'prepared' } as unknown as PreparedData;
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A fake experiment of `steps` steps that reports each one and stops when asked. */
function stepping(steps: number): Run {
  return async (_data, _cfg, opts: ColdStartOptions) => {
    for (let i = 0; i < steps; i++) {
      await tick();
      if (opts.shouldStop?.()) throw new RunCancelled();
      opts.onEvent?.({ message: `step ${i + 1} of ${steps}`, fraction: (i + 1) / steps });
    }
    return RESULTS;
  };
}

function command(over: Partial<ColdStartDeps> = {}) {
  const events: WorkerEvent[] = [];
  const cancelled = new Set<string>();
  const start = createColdStartCommand({
    post: (e) => events.push(e),
    backend: () => 'cpu',
    lost: () => null,
    cancelled,
    prepare: async () => DATA,
    run: stepping(2),
    ...over,
  });
  return { events, cancelled, start };
}

const cmd = (runId = 'c1'): Extract<WorkerCommand, { type: 'start-cold-start' }> => ({
  type: 'start-cold-start',
  runId,
  config: TINY,
});

describe('cold-start command', () => {
  it('runs the experiment on the prepared data and maps its events to the protocol', async () => {
    const seen: { data: unknown; cfg: unknown; backend: string; yieldEvery?: number }[] = [];
    const inner = stepping(2);
    const { events, start } = command({
      yieldEvery: 4,
      run: (data, cfg, opts) => {
        seen.push({ data, cfg, backend: opts.backend, yieldEvery: opts.yieldEvery });
        return inner(data, cfg, opts);
      },
    });
    await start(cmd());
    expect(seen).toEqual([{ data: DATA, cfg: TINY, backend: 'cpu', yieldEvery: 4 }]);
    expect(events).toEqual([
      { status: 'cold-start-progress', runId: 'c1', message: 'starting', fraction: 0 },
      { status: 'cold-start-progress', runId: 'c1', message: 'step 1 of 2', fraction: 0.5 },
      { status: 'cold-start-progress', runId: 'c1', message: 'step 2 of 2', fraction: 1 },
      { status: 'cold-start-result', runId: 'c1', results: RESULTS },
    ]);
  });

  it('clamps a fraction outside [0, 1]', async () => {
    const { events, start } = command({
      run: async (_d, _c, opts) => {
        opts.onEvent?.({ message: 'over', fraction: 1.2 });
        opts.onEvent?.({ message: 'under', fraction: -0.1 });
        return RESULTS;
      },
    });
    await start(cmd());
    const fractions = events.flatMap((e) => (e.status === 'cold-start-progress' ? [e.fraction] : []));
    expect(fractions).toEqual([0, 1, 0]);
  });

  it('stops at the next step once cancelled, and forgets the cancel', async () => {
    const { events, cancelled, start } = command({ run: stepping(50) });
    const done = start(cmd());
    await tick();
    await tick();
    cancelled.add('c1');
    await done;
    expect(events.at(-1)).toEqual({ status: 'cancelled', runId: 'c1' });
    expect(events.filter((e) => e.status === 'cold-start-progress').length).toBeLessThan(5);
    expect(cancelled.size).toBe(0);
  });

  it('answers a start cancelled while queued without preparing or training', async () => {
    const prepare = vi.fn(async () => DATA);
    const run = vi.fn(stepping(1));
    const { events, cancelled, start } = command({ prepare, run });
    cancelled.add('c1');
    await start(cmd());
    expect(events).toEqual([{ status: 'cancelled', runId: 'c1' }]);
    expect(prepare).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('ends as cancelled when the dataset URL could not be loaded (the load reported why)', async () => {
    const { events, start } = command({ prepare: async () => null });
    await start(cmd());
    expect(events).toEqual([{ status: 'cancelled', runId: 'c1' }]);
  });

  it('throws other failures to the caller (the handler reports them) and refuses without a backend', async () => {
    const { start } = command({
      run: async () => {
        throw new Error('task has no labels');
      },
    });
    await expect(start(cmd())).rejects.toThrow('task has no labels');
    await expect(command({ backend: () => null }).start(cmd())).rejects.toThrow(/no tfjs backend/);
    await expect(command({ lost: () => 'device lost' }).start(cmd())).rejects.toThrow('device lost');
  });

  it('stays silent when the device was lost mid-run (the handler has reported it)', async () => {
    let lost: string | null = null;
    const { events, start } = command({
      lost: () => lost,
      run: async () => {
        lost = 'WebGPU device lost';
        throw new Error('read-back failed');
      },
    });
    await start(cmd());
    expect(events.map((e) => e.status)).toEqual(['cold-start-progress']);
  });
});

describe('cold-start through the command handler', () => {
  function harness() {
    const events: WorkerEvent[] = [];
    const waiters: { test: (e: WorkerEvent) => boolean; resolve: () => void }[] = [];
    const handle = createCommandHandler({
      post: (e) => {
        events.push(e);
        for (const w of waiters.filter((x) => x.test(e))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      },
      chooseBackend: async () => ({ backend: 'cpu', skipped: [], forced: true }),
    });
    const until = (test: (e: WorkerEvent) => boolean) =>
      new Promise<void>((resolve) => {
        if (events.some(test)) resolve();
        else waiters.push({ test, resolve });
      });
    return { events, handle, until };
  }

  it('builds the dataset like start, runs the experiment on it and posts the result', async () => {
    const received: { rows: number; budgets: readonly number[] }[] = [];
    fake.impl = async (data, cfg, opts) => {
      const d = data as PreparedData;
      received.push({ rows: d.table.n, budgets: (cfg as ExperimentConfig).coldStart.budgets });
      return stepping(3)(d, cfg as ExperimentConfig, opts as ColdStartOptions);
    };
    const h = harness();
    h.handle({ type: 'init', forcedBackend: null });
    h.handle(cmd('c2'));
    await h.until((e) => e.status === 'cold-start-result' || e.status === 'error');
    expect(received).toEqual([{ rows: 6 * 200, budgets: [5, 50] }]);
    expect(h.events.map((e) => e.status)).toEqual([
      'ready',
      'dataset-building',
      'dataset',
      'cold-start-progress',
      'cold-start-progress',
      'cold-start-progress',
      'cold-start-progress',
      'cold-start-result',
    ]);
    expect(h.events.at(-1)).toEqual({ status: 'cold-start-result', runId: 'c2', results: RESULTS });
  });

  it("stops on the 'cancel' command and reports a failure as an error of the run", async () => {
    fake.impl = (d, c, o) => stepping(1000)(d as PreparedData, c as ExperimentConfig, o as ColdStartOptions);
    const h = harness();
    h.handle({ type: 'init', forcedBackend: null });
    h.handle(cmd('c3'));
    await h.until((e) => e.status === 'cold-start-progress' && e.message === 'step 2 of 1000');
    setTimeout(() => h.handle({ type: 'cancel', runId: 'c3' }), 0);
    await h.until((e) => e.status === 'cancelled');
    expect(h.events.at(-1)).toEqual({ status: 'cancelled', runId: 'c3' });
    expect(h.events.filter((e) => e.status === 'cold-start-progress').length).toBeLessThan(8);

    fake.impl = async () => {
      throw new Error('the new task has no test positives');
    };
    h.handle(cmd('c4'));
    await h.until((e) => e.status === 'error');
    expect(h.events.at(-1)).toMatchObject({
      status: 'error',
      runId: 'c4',
      message: 'the new task has no test positives',
    });
  });
});
