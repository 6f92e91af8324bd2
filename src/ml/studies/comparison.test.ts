/**
 * The comparison study with the data redrawn per repeat (rigor.vary = 'data'), on a tiny
 * simulated dataset (cpu): repeat r trains on the draw of seed + r, so its APs come from other
 * rows than repeat 0's; the intervals run over every repeat; the row-level parts (bootstrap,
 * replay, curves) use the first repeat's rows only; every tensor is freed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../core/config/experiment';
import { PRESETS } from '../../core/config/presets';
import { prepareData, simulatedDataSteps } from '../../core/data/prepare';
import { simulate } from '../../core/data/simulator';
import { runSteps } from '../../core/data/steps';
import { initBackend } from '../backend';
import { redrawsData, runStudy } from './comparison';

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
