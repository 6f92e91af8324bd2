import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdam, createGroupedAdam, FLAT_MAX_SIZE } from './adam';
import { initBackend } from '../backend';

beforeAll(() => initBackend('cpu'));

describe('createAdam', () => {
  it('matches tf.train.adam over 4 steps for small (flat) and large (alone) variables together', () => {
    const shapes = [[7], [FLAT_MAX_SIZE + 3], [12, 5], [3, 4, 2]];
    const init = shapes.map((s, i) => tf.randomUniform(s, -1, 1, 'float32', i + 1));
    const ours = init.map((t, i) => tf.variable(t, true, `ours${i}`));
    const ref = init.map((t, i) => tf.variable(t, true, `ref${i}`));
    const start = tf.memory().numTensors;
    const opt = createAdam(ours, 0.01, 0.9, 0.999, 1e-7);
    const refOpt = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 4; step++) {
      const grads = shapes.map((s, i) => tf.randomNormal(s, 0, 1 + i, 'float32', 100 * step + i));
      opt.apply(Object.fromEntries(ours.map((v, i) => [v.name, grads[i]])));
      refOpt.applyGradients(ref.map((v, i) => ({ name: v.name, tensor: grads[i] })));
      tf.dispose(grads);
    }
    ours.forEach((v, i) => {
      expect(v.shape).toEqual(ref[i].shape);
      const a = v.dataSync();
      const b = ref[i].dataSync();
      let maxDiff = 0;
      for (let k = 0; k < a.length; k++) maxDiff = Math.max(maxDiff, Math.abs(a[k] - b[k]));
      expect(maxDiff).toBeLessThan(1e-6);
      // The update really moved every variable (lr 0.01 for 4 steps).
      expect(Math.abs(a[0] - init[i].dataSync()[0])).toBeGreaterThan(1e-3);
    });
    opt.dispose();
    refOpt.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([...init, ...ours, ...ref]);
  });

  it('grouped: an inactive group stays untouched and each group equals its own Adam', () => {
    // Two groups, each with a small (flat) and a large (alone) variable; group 1 skips step 2.
    const shapes = [
      [[6], [FLAT_MAX_SIZE + 1]],
      [[3, 4], [FLAT_MAX_SIZE + 2]],
    ];
    const make = (prefix: string) =>
      shapes.map((g, gi) =>
        g.map((s, i) =>
          tf.variable(tf.randomUniform(s, -1, 1, 'float32', 10 * gi + i), true, `${prefix}${gi}_${i}`),
        ),
      );
    const ours = make('grp');
    const refs = make('sep');
    const start = tf.memory().numTensors;
    const opt = createGroupedAdam(ours, 0.01, 0.9, 0.999, 1e-7);
    const refOpts = refs.map((vars) => createAdam(vars, 0.01, 0.9, 0.999, 1e-7));
    const patterns = [
      [true, true],
      [true, false],
      [true, true],
      [false, true],
    ];
    patterns.forEach((active, step) => {
      const grads = shapes.map((g, gi) =>
        g.map((s, i) => tf.randomNormal(s, 0, 1, 'float32', 100 * step + 10 * gi + i)),
      );
      const before = ours.map((vars) => vars.map((v) => Array.from(v.dataSync())));
      const byName = (vars: tf.Variable[][]) =>
        Object.fromEntries(vars.flatMap((g, gi) => g.map((v, i) => [v.name, grads[gi][i]])));
      opt.apply(byName(ours.map((g, gi) => (active[gi] ? g : []))), active);
      refOpts.forEach((o, gi) => active[gi] && o.apply(byName(refs)));
      ours.forEach((g, gi) =>
        g.forEach((v, i) => {
          if (!active[gi]) expect(Array.from(v.dataSync())).toEqual(before[gi][i]);
          expect(Array.from(v.dataSync())).toEqual(Array.from(refs[gi][i].dataSync()));
        }),
      );
      tf.dispose(grads);
    });
    opt.dispose();
    for (const o of refOpts) o.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([...ours.flat(), ...refs.flat()]);
  });
});
