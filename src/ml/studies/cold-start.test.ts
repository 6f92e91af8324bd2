/**
 * The cold-start experiment end to end on a tiny simulated dataset (cpu): every method has a
 * point at every budget, direct is the same model at each budget, the labels grow with the
 * budget, fine-tuning starts from the pretrained weights (its nearest head copied), and every
 * tensor is freed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../core/config/presets';
import type { ExperimentConfig } from '../../core/config/experiment';
import { prepareData } from '../../core/data/prepare';
import { simulate } from '../../core/data/simulator';
import { initBackend } from '../backend';
import { runColdStart } from './cold-start';

beforeAll(() => initBackend('cpu'));

const cfg: ExperimentConfig = {
  ...PRESETS.quick,
  train: { ...PRESETS.quick.train, maxEpochs: 1 },
  rigor: { ...PRESETS.quick.rigor, repeats: 2 },
  coldStart: { task: 'ad_stream', budgets: [10, 100] },
};

describe('runColdStart', () => {
  it('scores scratch, direct and fine-tuned at every budget over the seeds, with the ceiling', async () => {
    if (cfg.data.kind !== 'sim') throw new Error('the quick preset simulates');
    const data = prepareData(simulate(cfg.data.sim, cfg.seed), cfg);
    const start = tf.memory().numTensors;
    const fractions: number[] = [];
    const out = await runColdStart(data, cfg, { backend: 'cpu', onEvent: (e) => fractions.push(e.fraction) });
    expect(tf.memory().numTensors).toBe(start);
    expect(out.nearestHead).toBe('promo_stream');
    expect(out.seeds).toEqual([1, 2]);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    for (const m of ['scratch', 'direct', 'finetune'] as const) {
      expect(out.methods[m].map((p) => p.budget)).toEqual([10, 100]);
      for (const p of out.methods[m]) {
        expect(p.ap.all.n).toBe(2);
        for (const v of p.ap.all.values) expect(v).toBeGreaterThan(0);
      }
    }
    const [low, high] = out.methods.scratch;
    expect(high.labels).toBeGreaterThan(low.labels);
    expect(out.methods.direct[0].ap).toEqual(out.methods.direct[1].ap); // one model, every budget
    expect(out.methods.finetune[0].ap.all.values).not.toEqual(out.methods.scratch[0].ap.all.values);
    expect(out.ceiling?.all).toBeGreaterThan(0);
    expect(out.testPositives).toBeGreaterThan(0);
  }, 120_000);
});
