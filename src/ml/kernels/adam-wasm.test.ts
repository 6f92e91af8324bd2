import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createGroupedAdam, createOpsGroupedAdam, FLAT_MAX_SIZE } from '../train/adam';
import { ADAM_KERNEL } from './adam-wasm';
import { initBackend } from '../backend';

afterAll(() => initBackend('cpu'));

describe('Adam as one SIMD kernel on wasm', () => {
  it('gives the tfjs ops bit for bit over 5 steps, an inactive group untouched, and frees its tensors', async () => {
    await initBackend('wasm');
    // Two groups; sizes with n mod 4 = 1, 2, 3, 0 (the kernel's scalar tail), small and large.
    const shapes = [
      [[5], [FLAT_MAX_SIZE + 2], [3, 4]],
      [[7, 3], [1], [2, 3, 2]],
    ];
    const make = (prefix: string) =>
      shapes.map((g, gi) =>
        g.map((s, i) =>
          tf.variable(tf.randomUniform(s, -1, 1, 'float32', 10 * gi + i), true, `${prefix}${gi}_${i}`),
        ),
      );
    const ours = make('simd');
    const refs = make('ops');
    const start = tf.memory().numTensors;
    const opt = createGroupedAdam(ours, 0.01, 0.9, 0.999, 1e-7);
    const ref = createOpsGroupedAdam(refs, 0.01, 0.9, 0.999, 1e-7);
    const patterns = [
      [true, true],
      [true, false],
      [false, true],
      [true, true],
      [true, true],
    ];
    const profile = await tf.profile(() => {
      patterns.forEach((active, step) => {
        const grads = shapes.map((g, gi) =>
          g.map((s, i) => tf.randomNormal(s, 0, 1 + step, 'float32', 100 * step + 10 * gi + i)),
        );
        const before = ours.map((vars) => vars.map((v) => Array.from(v.dataSync())));
        const byName = (vars: tf.Variable[][]) =>
          Object.fromEntries(
            vars.flatMap((g, gi) => (active[gi] ? g.map((v, i) => [v.name, grads[gi][i]]) : [])),
          );
        opt.apply(byName(ours), active);
        ref.apply(byName(refs), active);
        ours.forEach((g, gi) =>
          g.forEach((v, i) => {
            const now = Array.from(v.dataSync());
            if (!active[gi]) expect(now).toEqual(before[gi][i]);
            else expect(now).not.toEqual(before[gi][i]);
            expect(now).toEqual(Array.from(refs[gi][i].dataSync()));
          }),
        );
        tf.dispose(grads);
      });
    });
    // One kernel per step did it (not a fallback to the ops).
    expect(profile.kernels.filter((k) => k.name === ADAM_KERNEL)).toHaveLength(patterns.length);
    opt.dispose();
    ref.dispose();
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([...ours.flat(), ...refs.flat()]);
  });

  it('refuses a missing gradient of an active variable and leaks nothing', async () => {
    await initBackend('wasm');
    const x = tf.variable(tf.ones([6]), true, 'adamMissing');
    const start = tf.memory().numTensors;
    const opt = createGroupedAdam([[x]], 0.01, 0.9, 0.999, 1e-7);
    expect(() => opt.apply({})).toThrow(/no gradient for adamMissing/);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
  });
});
