/**
 * The worker's repeat pool: its helpers' messages (fake workers), and studies whose repeats train
 * at once through the command handler (cpu). Helpers are driven by hooks: a fake helper trains its
 * repeat in this process (repeat-helper.ts) once the study's own repeat is over (one tfjs engine
 * cannot train two models at once), or stays busy until it is terminated.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RepeatRequest } from '../ml/studies/repeat-pool';
import { initBackend } from '../ml/backend';
import { RunCancelled, type RunOutput } from '../ml/train/run-types';
import type { WorkerEvent } from './protocol';
import { type RepeatJob, type RepeatReply, trainRepeat } from './repeat-helper';
import { createRepeatPool, type RepeatWorker, repeatPoolSize } from './repeat-pool';
import { ended, harness, start, TINY } from './study-test-kit';

/** A fake helper worker: `onJob` gets each job and a way to answer as the helper would. */
function fakeWorker(onJob: (job: RepeatJob, reply: (r: RepeatReply) => void) => void) {
  const w = {
    terminated: false,
    jobs: [] as RepeatJob[],
    onmessage: null as RepeatWorker['onmessage'],
    onerror: null as RepeatWorker['onerror'],
    postMessage(job: RepeatJob) {
      w.jobs.push(job);
      // Messages cross a thread as structured clones, and none arrives after terminate().
      onJob(structuredClone(job), (r) => !w.terminated && w.onmessage?.({ data: structuredClone(r) }));
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

const request = { seed: 1, backend: 'cpu' } as RepeatRequest;
const output = { results: { n: 1 }, testScores: new Map() } as unknown as RunOutput;

describe('createRepeatPool', () => {
  it('passes on progress in order, then the output, and terminates the helper', async () => {
    const w = fakeWorker((_job, reply) => {
      reply({ type: 'started' });
      reply({ type: 'progress', phase: 'training', message: 'a', fraction: 0.5 });
      reply({ type: 'progress', phase: 'evaluation', message: 'b' });
      reply({ type: 'result', out: output });
    });
    const pool = createRepeatPool({ size: 2, spawn: () => w, wasmThreads: 1 });
    const seen: string[] = [];
    const out = await pool.run(
      request,
      async (phase, message, f) => void seen.push(`${phase} ${message} ${f}`),
    );
    expect(out).toEqual(output);
    expect(seen).toEqual(['training a 0.5', 'evaluation b undefined']);
    expect(w.terminated).toBe(true);
    expect(w.jobs).toEqual([{ request, wasmThreads: 1 }]);
  });

  it('gives null when the helper cannot start (spawn throws, load error, backend error)', async () => {
    const refusing = createRepeatPool({
      size: 2,
      spawn: () => {
        throw new Error('no nested workers');
      },
    });
    expect(await refusing.run(request, async () => {})).toBeNull();
    const noLoad = fakeWorker(() => {});
    const pending = createRepeatPool({ size: 2, spawn: () => noLoad }).run(request, async () => {});
    noLoad.onerror?.({ message: 'could not load' });
    expect(await pending).toBeNull();
    const noBackend = fakeWorker((_j, reply) => reply({ type: 'error', started: false, message: 'no wasm' }));
    expect(
      await createRepeatPool({ size: 2, spawn: () => noBackend }).run(request, async () => {}),
    ).toBeNull();
    expect(noBackend.terminated).toBe(true);
  });

  it('rejects when a started helper fails', async () => {
    const w = fakeWorker((_j, reply) => {
      reply({ type: 'started' });
      reply({ type: 'error', started: true, message: 'out of memory' });
    });
    await expect(createRepeatPool({ size: 2, spawn: () => w }).run(request, async () => {})).rejects.toThrow(
      'a repeat worker failed: out of memory',
    );
  });

  it('close terminates every helper at once; their runs and later ones reject as cancelled', async () => {
    const helpers = [fakeWorker((_j, reply) => reply({ type: 'started' })), fakeWorker(() => {})];
    const pool = createRepeatPool({ size: 3, spawn: () => helpers.shift()! });
    const spawned = [...helpers];
    const runs = [pool.run(request, async () => {}), pool.run(request, async () => {})];
    pool.close();
    for (const run of runs) await expect(run).rejects.toBeInstanceOf(RunCancelled);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    await expect(pool.run(request, async () => {})).rejects.toBeInstanceOf(RunCancelled);
  });

  it('a progress callback that throws (a cancel at a checkpoint) stops the helper', async () => {
    const w = fakeWorker((_j, reply) => {
      reply({ type: 'started' });
      reply({ type: 'progress', phase: 'training', message: 'a' });
      reply({ type: 'result', out: output });
    });
    const run = createRepeatPool({ size: 2, spawn: () => w }).run(request, async () => {
      throw new RunCancelled();
    });
    await expect(run).rejects.toBeInstanceOf(RunCancelled);
    expect(w.terminated).toBe(true);
  });

  it('trains one repeat per two logical cores by default (two on 2-3 cores), or as many as asked', () => {
    expect([1, 2, 3, 4, 8, 16].map((c) => repeatPoolSize(c))).toEqual([1, 2, 2, 2, 4, 8]);
    expect(repeatPoolSize(2, 2)).toBe(2);
    expect(repeatPoolSize(16, 1)).toBe(1);
  });
});

describe('a study whose repeats train at once (cpu)', () => {
  beforeAll(() => initBackend('cpu'));
  /** The local repeat's groupings are all done (its models are disposed right after). */
  const localDone = (events: WorkerEvent[], runId: string) =>
    events.filter((e) => e.status === 'grouping-done' && e.runId === runId).length >= TINY.groupings.length;
  const result = (e: WorkerEvent) => {
    if (e.status !== 'study-result' || e.study.kind !== 'comparison')
      throw new Error(`no result: ${e.status}`);
    return e.study.results;
  };
  const withoutTimes = (x: unknown) => {
    const clock = new Set(['createdAt', 'trainMs', 'ms']);
    return JSON.stringify(x, (k, v: unknown) => (clock.has(k) ? undefined : v));
  };

  it('gives the results of the sequential study; a helper that cannot start leaves its repeat here', async () => {
    const sequential = harness();
    sequential.send(start('s', { kind: 'comparison' }));
    const expected = result(await sequential.until(ended('s')));

    // A helper that trains its repeat in this process, once the study's own repeat is over.
    let h: ReturnType<typeof harness>;
    const helpers: ReturnType<typeof fakeWorker>[] = [];
    const spawnTraining = () => {
      const w = fakeWorker((job, reply) => {
        void h.until(() => localDone(h.events, 'p')).then(() => trainRepeat(job, reply));
      });
      helpers.push(w);
      return w;
    };
    const before = tf.memory().numTensors;
    h = harness({ spawnRepeatWorker: spawnTraining, cores: 4 });
    h.send(start('p', { kind: 'comparison' }));
    const parallel = result(await h.until(ended('p')));
    expect(helpers).toHaveLength(1);
    expect(helpers[0].jobs[0].request.seed).toBe(TINY.seed + 1);
    expect(helpers[0].terminated).toBe(true);
    expect(parallel.reproduction).toEqual(expected.reproduction);
    expect(withoutTimes(parallel)).toBe(withoutTimes(expected));
    // The training fraction is the mean of both repeats' shares: once the study's own repeat is
    // done, the helper's second grouping of two is at (1 + 1/2) / 2.
    const fractions = h.events.flatMap((e) =>
      e.status === 'study-phase' && e.phase === 'training' && e.fraction !== undefined ? [e.fraction] : [],
    );
    expect(fractions.every((f, i) => f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(fractions).toContain(0.75);
    // The study's own repeat says that two train at once; the sequential study says nothing.
    const atOnce = (events: WorkerEvent[]) =>
      new Set(events.flatMap((e) => (e.status === 'progress' ? [e.repeatsAtOnce ?? 1] : [])));
    expect(atOnce(h.events)).toEqual(new Set([2]));
    expect(atOnce(sequential.events)).toEqual(new Set([1]));
    expect(tf.memory().numTensors).toBe(before);

    // No helper can start: the study trains both repeats itself, with the same results.
    const refusing = harness({
      spawnRepeatWorker: () =>
        fakeWorker((_j, reply) => reply({ type: 'error', started: false, message: 'no' })),
      cores: 4,
    });
    refusing.send(start('r', { kind: 'comparison' }));
    expect(withoutTimes(result(await refusing.until(ended('r'))))).toBe(withoutTimes(expected));
  }, 120_000);

  /** A helper that starts and then trains until it is terminated. */
  const busy = () => {
    const helpers: ReturnType<typeof fakeWorker>[] = [];
    const spawn = () => {
      const w = fakeWorker((_j, reply) => {
        reply({ type: 'started' });
        reply({ type: 'progress', phase: 'training', message: 'training promo-mtl', fraction: 0 });
      });
      helpers.push(w);
      return w;
    };
    return { helpers, spawn };
  };

  it('a cancel while both repeats train stops the helper at once and ends the study cancelled', async () => {
    const { helpers, spawn } = busy();
    const before = tf.memory().numTensors;
    const h = harness({ spawnRepeatWorker: spawn, cores: 4 }, (e, send) => {
      // Sent while the study's own repeat trains its first grouping and the helper its repeat.
      if (e.status === 'progress' && e.runId === 'c' && helpers.length === 1 && !helpers[0].terminated)
        send({ type: 'cancel', runId: 'c' });
    });
    h.send(start('c', { kind: 'comparison' }));
    expect(await h.until(ended('c'))).toEqual({ status: 'cancelled', runId: 'c' });
    expect(helpers).toHaveLength(1);
    expect(helpers[0].terminated).toBe(true);
    expect(h.events.some((e) => e.status === 'grouping-done' && e.runId === 'c')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    // The worker is usable afterwards.
    h.send(start('next', { kind: 'comparison' }, { ...TINY, rigor: { ...TINY.rigor, repeats: 1 } }));
    expect(await h.until(ended('next'))).toMatchObject({ status: 'study-result' });
  }, 120_000);

  it('a cancel while only the helper still trains ends the study cancelled', async () => {
    const { helpers, spawn } = busy();
    const h = harness({ spawnRepeatWorker: spawn, cores: 4 }, (e, send) => {
      if (e.status === 'grouping-done' && localDone([...h.events, e], 'w'))
        send({ type: 'cancel', runId: 'w' });
    });
    h.send(start('w', { kind: 'comparison' }));
    expect(await h.until(ended('w'))).toEqual({ status: 'cancelled', runId: 'w' });
    expect(helpers[0].terminated).toBe(true);
    expect(
      h.events.some((e) => e.status === 'study-phase' && e.runId === 'w' && e.phase === 'intervals'),
    ).toBe(false);
  }, 120_000);
});
