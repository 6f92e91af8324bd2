/**
 * Tuning on a tiny simulated dataset (cpu): the halving schedule runs as documented, the chosen
 * trial has the best validation score of the last rung, every trial carries what it ran, and the
 * test labels are never read: poisoning every test label (in the table and in the encoded copy
 * the device trains from) leaves every trial's scores and every choice unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PreparedData } from '../../core/data/prepare';
import { LABELS, MISSING_LABEL } from '../../core/data/schema';
import { initBackend } from '../backend';
import { tuneArms } from './tuning';
import { TINY_TUNING as cfg, tinyTuningData } from './tuning-fixture';

beforeAll(() => initBackend('cpu'));

/** The same data with every test label replaced (observed labels flipped, missing ones set to 1). */
function poisonTest(data: PreparedData): PreparedData {
  const table = { ...data.table, labels: { ...data.table.labels } };
  const L = LABELS.length;
  const encLabels = data.encoded.labels.slice();
  const present = data.encoded.labelPresent.slice();
  for (const [j, name] of LABELS.entries()) {
    const col = data.table.labels[name].slice();
    for (const i of data.split.test) {
      col[i] = col[i] === MISSING_LABEL ? 1 : 1 - col[i];
      encLabels[i * L + j] = col[i];
      present[i * L + j] = 1;
    }
    table.labels[name] = col;
  }
  return { ...data, table, encoded: { ...data.encoded, labels: encLabels, labelPresent: present } };
}

describe('tuneArms (successive halving on validation)', () => {
  it('halves 3 recipes as 3, 2 on seeds s, s+1, chooses the best of the last rung, and never reads test labels', async () => {
    const data = tinyTuningData(cfg);
    const start = tf.memory().numTensors;
    const messages: string[] = [];
    const fractions: number[] = [];
    const clean = await tuneArms(data, cfg, {
      backend: 'cpu',
      checkpoint: async (_phase, message, f) => {
        messages.push(message);
        if (f !== undefined) fractions.push(f);
      },
    });
    expect(tf.memory().numTensors).toBe(start);
    const t = clean.tuning;
    expect(t.method).toBe('successive halving');
    expect(t.rungs).toEqual([3, 2]);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.every((f) => f >= 0 && f <= 1)).toBe(true);
    expect(messages.some((m) => /rung 2 of 2, 2 recipes on seed 2/.test(m))).toBe(true);
    for (const id of cfg.groupings) {
      const g = t.groupings[id];
      // 3 ran once, 2 of them twice: 5 trainings.
      expect(g.trials.map((x) => x.seeds).sort()).toEqual([1, 2, 2]);
      const last = g.trials.filter((x) => x.seeds === 2);
      const best = Math.max(...last.map((x) => x.valAp ?? Number.NEGATIVE_INFINITY));
      expect(g.trials[g.chosen].seeds).toBe(2);
      expect(g.trials[g.chosen].valAp).toBe(best);
      expect(g.ranking?.[0]).toBe(g.chosen);
      for (const trial of g.trials) {
        expect(trial.steps).toBeGreaterThan(0);
        expect(trial.valApByChannel?.promo).toBeGreaterThan(0);
        expect(trial.valApByChannel?.ad).toBeGreaterThan(0);
      }
    }
    const poisoned = await tuneArms(poisonTest(data), cfg, { backend: 'cpu' });
    const scores = (r: typeof clean) =>
      Object.values(r.tuning.groupings).map((g) => [
        g.chosen,
        g.ranking,
        g.trials.map((x) => [x.valAp, x.valApByChannel, x.seeds, x.steps]),
      ]);
    expect(scores(poisoned)).toEqual(scores(clean));
    expect(poisoned.arms.map((a) => [a.model, a.train])).toEqual(clean.arms.map((a) => [a.model, a.train]));
  }, 300_000);
});
