import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../core/config/experiment';
import { DEFAULT_SIM_CONFIG } from '../core/data/simulator';
import type { StudyPhase, StudySpec } from '../core/results/study-results';
import { initBackend } from '../ml/backend';
import { STUDIES } from '../ml/studies/registry';
import type { HandlerDeps } from './handler';
import type { WorkerCommand, WorkerEvent } from './protocol';
import { ended, harness, start, TINY } from './study-test-kit';

interface KindCase {
  readonly spec: StudySpec;
  readonly phases: readonly StudyPhase[];
  readonly config?: ExperimentConfig;
  /** Phases to cancel in (all when absent). */
  readonly cancelIn?: readonly StudyPhase[];
}

const KINDS: readonly KindCase[] = [
  {
    spec: { kind: 'comparison' },
    phases: ['data', 'training', 'evaluation', 'intervals', 'bootstrap', 'replay', 'curves'],
  },
  {
    spec: { kind: 'ablation', target: 'joint-5task', arms: ['no-anc'] },
    phases: ['data', 'training', 'evaluation', 'intervals', 'bootstrap', 'replay', 'curves'],
  },
  { spec: { kind: 'cold-start' }, phases: ['data', 'training', 'evaluation', 'intervals'] },
  {
    // Two recipes per grouping and one seed: the search trains in the training phase, before the
    // comparison; after it the phases are the comparison's own code, whose cancels are checked above.
    // Seed 8 draws a small second recipe (width 8, 3 epochs), which keeps the search quick on cpu.
    spec: { kind: 'tuning' },
    phases: ['data', 'training', 'evaluation', 'intervals', 'bootstrap', 'replay', 'curves'],
    config: {
      ...TINY,
      seed: 8,
      rigor: { ...TINY.rigor, repeats: 1, tune: 2 },
      study: { ...TINY.study, kind: 'tuning' },
    },
    cancelIn: ['data', 'training'],
  },
];

describe('one study lifecycle for every kind (cpu)', () => {
  beforeAll(() => initBackend('cpu'));

  it.each(KINDS)(
    '$spec.kind goes through its phases in order and ends with its result',
    async ({ spec, phases, config }) => {
      const h = harness();
      const before = tf.memory().numTensors;
      h.send(start('p', spec, config));
      const end = await h.until(ended('p'));
      expect(end).toMatchObject({ status: 'study-result', study: { kind: spec.kind } });
      const seen = h.events.flatMap((e) => (e.status === 'study-phase' ? [e.phase] : []));
      const entered = seen.filter((p, i) => p !== seen[i - 1]);
      // Each phase of the kind shows up, first entries in the lifecycle's order.
      expect([...new Set(entered)]).toEqual(phases);
      expect(h.events.filter((e) => 'runId' in e && e.runId === 'p')[0]).toEqual({
        status: 'study-queued',
        runId: 'p',
        kind: spec.kind,
      });
      expect(tf.memory().numTensors).toBe(before);
    },
    120_000,
  );

  // A hook holds the study in the phase, so the cancel lands there for certain (no timing).
  const cases = KINDS.flatMap(({ spec, phases, config, cancelIn }) =>
    (cancelIn ?? phases).map((phase) => ({ kind: spec.kind, spec, phase, config })),
  );
  it.each(cases)(
    '$kind: a cancel that arrives during $phase ends the study as cancelled',
    async ({ spec, phase, config }) => {
      const h = harness();
      const before = tf.memory().numTensors;
      h.send({ type: 'hold', phase });
      h.send(start('c', spec, config));
      await h.until((e) => e.status === 'study-phase' && e.runId === 'c' && e.phase === phase);
      h.send({ type: 'cancel', runId: 'c' });
      const end = await h.until(ended('c'));
      expect(end).toEqual({ status: 'cancelled', runId: 'c' });
      expect(h.events.filter((e) => e.status === 'study-phase').at(-1)).toMatchObject({ phase });
      expect(tf.memory().numTensors).toBe(before);
      // The worker is usable afterwards: the next study runs to its result.
      h.send(start('next', { kind: 'comparison' }, { ...TINY, rigor: { ...TINY.rigor, repeats: 1 } }));
      expect(await h.until(ended('next'))).toMatchObject({ status: 'study-result' });
    },
    120_000,
  );
});

describe('the data phase reports its build and can be cancelled inside it (cpu)', () => {
  beforeAll(() => initBackend('cpu'));
  // 40k rows: the build has stages of simulated rows, outcomes, labels and encoded columns.
  const MID: ExperimentConfig = {
    ...TINY,
    seed: 11,
    data: {
      kind: 'sim',
      sim: { ...DEFAULT_SIM_CONFIG, users: 500, shows: 80, days: 5, impressionsPerDay: 8000 },
    },
  };
  const dataStage = (e: WorkerEvent) => (e.status === 'study-phase' && e.phase === 'data' ? [e] : []);

  it('a cancel that arrives in the middle of building the dataset stops the build there', async () => {
    let cancelledAt = '';
    // The cancel is sent while the post of a mid-build stage runs: it lands inside the build.
    const h = harness({}, (e, send) => {
      if (cancelledAt || e.status !== 'study-phase' || e.phase !== 'data') return;
      if (!e.message.startsWith('encoding ')) return;
      cancelledAt = e.message;
      send({ type: 'cancel', runId: 'mid' });
    });
    h.send(start('mid', { kind: 'comparison' }, MID));
    expect(await h.until(ended('mid'))).toEqual({ status: 'cancelled', runId: 'mid' });
    const stages = h.events.flatMap(dataStage);
    // The build reported its stages with rising progress, simulated rows among them ...
    expect(stages.some((s) => s.message.startsWith('simulating impressions'))).toBe(true);
    const fractions = stages.map((s) => s.fraction ?? 0);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // ... and stopped at the stage the cancel came in: no later stage, no dataset, no training.
    expect(stages.at(-1)?.message).toBe(cancelledAt);
    expect(h.events.some((e) => e.status === 'dataset')).toBe(false);
    expect(h.events.some((e) => e.status === 'study-phase' && e.phase !== 'data')).toBe(false);
    // Nothing half-built is kept: the next study builds the dataset from the start and runs.
    h.send(start('after', { kind: 'comparison' }, { ...MID, rigor: { ...MID.rigor, repeats: 1 } }));
    expect(await h.until(ended('after'))).toMatchObject({ status: 'study-result' });
    expect(h.events.filter((e) => e.status === 'dataset-building')).toHaveLength(2);
    expect(h.events.some((e) => e.status === 'dataset')).toBe(true);
  }, 120_000);
});

describe('cancel is never lost (fake studies)', () => {
  const done = { kind: 'comparison', results: {} } as never;
  const fake = (run: (cancelNow: () => void) => Promise<void>): HandlerDeps['studies'] => ({
    ...STUDIES,
    comparison: {
      kind: 'comparison',
      async run(_data, _cfg, _spec, ctx) {
        await ctx.checkpoint('curves', 'last piece');
        await run(() => {});
        return { study: done };
      },
    },
  });

  it('a cancel that arrives after the last checkpoint, during the final work, still wins', async () => {
    let send: (cmd: WorkerCommand) => void = () => {};
    // The cancel message is handled while the study's last piece of work runs (no checkpoint after it).
    const h = harness({ studies: fake(async () => send({ type: 'cancel', runId: 'f' })) });
    send = h.send;
    h.send(start('f', { kind: 'comparison' }));
    expect(await h.until(ended('f'))).toEqual({ status: 'cancelled', runId: 'f' });
  });

  it('a cancel of a study still queued behind another ends it without running it', async () => {
    const h = harness({ studies: fake(async () => {}) });
    h.send({ type: 'hold', phase: 'curves' });
    h.send(start('first', { kind: 'comparison' }));
    h.send(start('second', { kind: 'comparison' }));
    h.send({ type: 'cancel', runId: 'second' });
    await h.until((e) => e.status === 'study-phase' && e.runId === 'first' && e.phase === 'curves');
    h.send({ type: 'release-hold' });
    expect(await h.until(ended('first'))).toMatchObject({ status: 'study-result' });
    expect(await h.until(ended('second'))).toEqual({ status: 'cancelled', runId: 'second' });
    expect(h.events.some((e) => e.status === 'study-phase' && e.runId === 'second')).toBe(false);
  });
});

describe('a study with the data redrawn per repeat (cpu)', () => {
  beforeAll(() => initBackend('cpu'));
  const VARY: ExperimentConfig = { ...TINY, seed: 3, rigor: { ...TINY.rigor, vary: 'data' } };
  const drawing = (e: WorkerEvent) =>
    e.status === 'study-phase' &&
    e.phase === 'training' &&
    e.message.startsWith('drawing the data of seed 4');

  it('draws repeat 1 its own data in the training phase, without replacing the dataset in use', async () => {
    const h = harness();
    h.send(start('v', { kind: 'comparison' }, VARY));
    const end = await h.until(ended('v'));
    expect(end).toMatchObject({ status: 'study-result' });
    expect(h.events.some(drawing)).toBe(true);
    // One dataset event: the study's own data; the redraw is not shown as the dataset in use.
    expect(h.events.filter((e) => e.status === 'dataset')).toHaveLength(1);
    const study = (end as Extract<WorkerEvent, { status: 'study-result' }>).study;
    if (study.kind !== 'comparison') throw new Error('a comparison');
    expect(study.results.rigor?.varies).toBe('data and training');
  }, 120_000);

  it('a cancel that arrives while a repeat draws its data stops the study there', async () => {
    let sent = false;
    const h = harness({}, (e, send) => {
      if (sent || !drawing(e)) return;
      sent = true;
      send({ type: 'cancel', runId: 'vc' });
    });
    const before = tf.memory().numTensors;
    h.send(start('vc', { kind: 'comparison' }, VARY));
    expect(await h.until(ended('vc'))).toEqual({ status: 'cancelled', runId: 'vc' });
    expect(sent).toBe(true);
    expect(h.events.filter((e) => e.status === 'study-phase').at(-1)).toMatchObject({ phase: 'training' });
    expect(h.events.filter((e) => e.status === 'study-phase').at(-1)?.message).toMatch(
      /^drawing the data of seed 4/,
    );
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
