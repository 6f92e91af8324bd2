/**
 * The comparison study with the data redrawn per repeat (rigor.vary = 'data'), on a tiny
 * simulated dataset (cpu): repeat r trains on the draw of seed + r, so its APs come from other
 * rows than repeat 0's; the intervals run over every repeat; the row-level parts (bootstrap,
 * replay, curves) use the first repeat's rows only; every tensor is freed. And the repeats trained at
 * once through a RepeatPool give the sequential results, whatever order they finish in.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../core/config/experiment';
import { PRESETS } from '../../core/config/presets';
import { prepareData, simulatedDataSteps } from '../../core/data/prepare';
import { simulate } from '../../core/data/simulator';
import { runSteps } from '../../core/data/steps';
import { comparisonArms } from '../../core/config/arms';
import { initBackend } from '../backend';
import type { RunOutput } from '../train/run-types';
import { runExperiment } from '../train/runner';
import { redrawsData, runStudy } from './comparison';
import type { RepeatPool, RepeatRequest } from './repeat-pool';

beforeAll(() => initBackend('cpu'));

const quick = PRESETS.quick;
const cfg: ExperimentConfig = {
  ...quick,
  groupings: ['promo-mtl', 'ads-stream'],
  baseline: 'promo-mtl',
  train: { ...quick.train, maxEpochs: 1 },
  rigor: { ...quick.rigor, repeats: 2, bootstrap: 20, vary: 'data' },
};

describe('runStudy with the data redrawn per repeat', () => {
  it('trains repeat r on the draw of seed + r and says so; row-level parts keep the first draw', async () => {
    if (cfg.data.kind !== 'sim') throw new Error('simulated');
    const data = prepareData(simulate(cfg.data.sim, cfg.seed), cfg);
    const drawn: number[] = [];
    const redraw = async (seed: number) => {
      drawn.push(seed);
      return runSteps(simulatedDataSteps({ ...cfg, seed }));
    };
    const start = tf.memory().numTensors;
    const out = await runStudy(data, cfg, { backend: 'cpu', redraw });
    expect(tf.memory().numTensors).toBe(start);
    expect(drawn).toEqual([cfg.seed + 1]); // repeat 0 keeps the study's own data
    const rigor = out.results.rigor!;
    expect(rigor.varies).toBe('data and training');
    expect(rigor.seeds).toEqual([cfg.seed, cfg.seed + 1]);
    expect(rigor.ap['promo-mtl'].promo.all.n).toBe(2);
    // Only the first repeat's scores reach the row-level parts and the predictions file.
    expect(out.perSeedScores).toHaveLength(1);
    expect(out.seeds).toEqual([cfg.seed]);
    expect(out.rigorInput.perSeedScores).toHaveLength(1);

    // The same study with the training seed varying alone: the first repeat is the same run, the
    // second differs (its data differs), and the row-level parts see both seeds.
    const same = await runStudy(
      data,
      { ...cfg, rigor: { ...cfg.rigor, vary: 'training' } },
      { backend: 'cpu' },
    );
    expect(same.results.rigor!.varies).toBe('training');
    expect(same.perSeedScores).toHaveLength(2);
    const ap0 = (o: typeof out) => o.results.rigor!.ap['ads-stream'].ad.all.values;
    expect(ap0(same)[0]).toBe(ap0(out)[0]);
    expect(ap0(same)[1]).not.toBe(ap0(out)[1]);
  }, 300_000);

  it('redraws simulated data only', () => {
    expect(redrawsData(cfg)).toBe(true);
    expect(redrawsData({ ...cfg, rigor: { ...cfg.rigor, vary: 'training' } })).toBe(false);
    expect(redrawsData({ ...cfg, data: { kind: 'url', url: 'https://x/y.csv' } })).toBe(false);
  });
});

/** The results as JSON without wall-clock fields (the only part that may differ between runs). */
function withoutTimes(x: unknown): string {
  const clock = new Set(['createdAt', 'trainMs', 'ms']);
  return JSON.stringify(x, (k, v: unknown) => (clock.has(k) ? undefined : v));
}

describe('runStudy with a repeat pool', () => {
  // Three seeds trained at once; the training seed alone varies (redrawn data stays sequential).
  const cfg3: ExperimentConfig = { ...cfg, rigor: { ...cfg.rigor, repeats: 3, vary: 'training' } };
  it('gives the sequential results, whatever order the repeats finish in', async () => {
    if (cfg3.data.kind !== 'sim') throw new Error('simulated');
    const data = prepareData(simulate(cfg3.data.sim, cfg3.seed), cfg3);
    const start = tf.memory().numTensors;
    const sequential = await runStudy(data, cfg3, { backend: 'cpu' });

    // What a helper would give for each seed: its own training, on a clone of the request. Trained
    // before the study (one tfjs engine here cannot train two models at once: their variables
    // share names), handed back in reverse repeat order.
    const arms = comparisonArms(cfg3);
    const trainedElsewhere = new Map<number, RunOutput>();
    for (const seed of [cfg3.seed + 1, cfg3.seed + 2]) {
      const req: RepeatRequest = structuredClone({
        data,
        cfg: cfg3,
        arms,
        baseline: 'promo-mtl',
        seed,
        backend: 'cpu',
      });
      trainedElsewhere.set(seed, structuredClone(await runExperiment(req.data, req.cfg, req)));
    }
    const requests: RepeatRequest[] = [];
    const finished: number[] = [];
    let releaseLast!: () => void;
    const lastDone = new Promise<void>((r) => (releaseLast = r));
    const progress: (number | undefined)[] = [];
    const pool: RepeatPool = {
      size: 3,
      async run(req, report) {
        requests.push(req);
        // The later seed finishes first; the earlier one only after it.
        if (req.seed === cfg3.seed + 1) await lastDone;
        await report('training', 'a helper trains', 0.5);
        finished.push(req.seed);
        if (req.seed === cfg3.seed + 2) releaseLast();
        return structuredClone(trainedElsewhere.get(req.seed)!);
      },
    };
    const parallel = await runStudy(data, cfg3, {
      backend: 'cpu',
      repeatPool: pool,
      checkpoint: async (phase, _m, f) => void (phase === 'training' && progress.push(f)),
    });
    expect(tf.memory().numTensors).toBe(start);

    // Repeat 0 stays here; repeats 1 and 2 went to the pool at once, on the same backend.
    expect(requests.map((r) => r.seed).sort()).toEqual([cfg3.seed + 1, cfg3.seed + 2]);
    expect(requests.every((r) => r.backend === 'cpu' && r.baseline === 'promo-mtl' && r.data === data)).toBe(
      true,
    );
    expect(finished).toEqual([cfg3.seed + 2, cfg3.seed + 1]);
    expect(parallel.seeds).toEqual(sequential.seeds);
    expect(parallel.results.reproduction).toEqual(sequential.results.reproduction);
    expect(withoutTimes(parallel.results)).toBe(withoutTimes(sequential.results));
    expect(parallel.results.rigor!.ap['ads-stream'].ad.all.values).toHaveLength(3);
    // The training fraction is the mean over the three repeats of their share done: it never
    // goes back and stays within [0, 1].
    const fractions = progress.filter((f): f is number => f !== undefined);
    expect(fractions.every((f, i) => f >= (fractions[i - 1] ?? 0) && f <= 1)).toBe(true);
    expect(fractions).toContain(0.5 / 3); // a helper's half of one repeat, before anything else was done
  }, 300_000);
});
