/**
 * The tuning study (cpu, tiny simulated data, 2 recipes, one repeat): it runs the search and then
 * the comparison of the chosen recipes, and its results carry the tuning section whose chosen
 * trial has the best validation score of each grouping; asked for fewer than 2 recipes it
 * searches TUNING_STUDY_BUDGET of them.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../core/config/experiment';
import type { PhaseReport } from '../../core/results/study-results';
import { initBackend } from '../backend';
import { RunCancelled } from '../train/run-types';
import { createStudyContext } from './lifecycle';
import { STUDIES } from './registry';
import { TINY_TUNING, tinyTuningData as dataOf } from './tuning-fixture';

beforeAll(() => initBackend('cpu'));

/** Two recipes per grouping and one repeat: the search and the comparison after it in seconds. */
const cfg: ExperimentConfig = {
  ...TINY_TUNING,
  rigor: { ...TINY_TUNING.rigor, repeats: 1, bootstrap: 20, tune: 2 },
  study: { ...TINY_TUNING.study, kind: 'tuning' },
};

describe('the tuning study', () => {
  it('chooses each grouping’s recipe on validation, then compares them: the chosen trial scored best', async () => {
    const data = dataOf(cfg);
    const reports: PhaseReport[] = [];
    const before = tf.memory().numTensors;
    const ctx = createStudyContext({
      backend: 'cpu',
      shouldStop: () => false,
      report: (p) => reports.push(p),
    });
    const out = await STUDIES.tuning.run(data, cfg, { kind: 'tuning' }, ctx);
    expect(tf.memory().numTensors).toBe(before);
    expect(out.study.kind).toBe('tuning');
    const r = out.study.results;
    expect(r.groupings.map((g) => g.id)).toEqual(cfg.groupings);
    expect(r.rigor?.seeds).toEqual([cfg.seed]);
    expect(out.replayInput).toBeDefined();
    const t = r.tuning;
    if (!t) throw new Error('no tuning section');
    expect(t.trials).toBe(2);
    expect(t.rungs).toEqual([2]);
    expect(Object.keys(t.groupings)).toEqual(cfg.groupings);
    for (const id of cfg.groupings) {
      const g = t.groupings[id];
      expect(g.trials.map((x) => x.seeds)).toEqual([1, 1]);
      const scores = g.trials.map((x) => x.valAp ?? Number.NEGATIVE_INFINITY);
      expect(scores.every(Number.isFinite)).toBe(true);
      expect(g.trials[g.chosen].valAp).toBe(Math.max(...scores));
      // Ties go to the earlier trial: the later one is chosen only when strictly better.
      if (g.chosen === 1) expect(scores[1]).toBeGreaterThan(scores[0]);
    }
    // The search ran first, on validation, then the comparison scored the test rows.
    const training = reports.filter((p) => p.phase === 'training').map((p) => p.message);
    expect(training[0]).toMatch(/^tuning promo-mtl: rung 1 of 1, 2 recipes/);
    expect(reports.findIndex((p) => p.phase === 'evaluation')).toBeGreaterThan(
      reports.findIndex((p) => p.message.startsWith('tuning ads-stream')),
    );
  }, 300_000);

  it('searches TUNING_STUDY_BUDGET (8) recipes when the config asks for fewer than 2', async () => {
    const asked = { ...cfg, rigor: { ...cfg.rigor, tune: 0 } };
    const seen: PhaseReport[] = [];
    let stop = false;
    const ctx = createStudyContext({
      backend: 'cpu',
      shouldStop: () => stop,
      // The first training report names the search; stopping there keeps the test to one checkpoint.
      report: (p) => {
        seen.push(p);
        if (p.phase === 'training') stop = true;
      },
    });
    await expect(STUDIES.tuning.run(dataOf(asked), asked, { kind: 'tuning' }, ctx)).rejects.toBeInstanceOf(
      RunCancelled,
    );
    expect(seen.find((p) => p.phase === 'training')?.message).toMatch(/rung 1 of 3, 8 recipes/);
  }, 120_000);
});
