import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend } from '../ml/backend';
import { pickFromTrial, timeActiveBackend } from './backend-trial';

describe('timeActiveBackend', () => {
  afterAll(() => initBackend('cpu'));

  it('times real training steps of the joint model on the active backend and frees every tensor', async () => {
    await initBackend('wasm');
    const before = tf.memory().numTensors;
    const row = await timeActiveBackend();
    expect(tf.memory().numTensors).toBe(before);
    expect(row.impressionsPerSec).toBeGreaterThan(0);
    expect(Number.isFinite(row.impressionsPerSec)).toBe(true);
    // impressions/s = batch (512) / seconds per step.
    expect(row.impressionsPerSec! * (row.msPerStep! / 1000)).toBeCloseTo(512, 6);
    expect(row.warmupMs).toBeGreaterThan(0);
  });
});

describe('pickFromTrial', () => {
  it('ignores failed and zero rows, and gives null when nothing was timed', () => {
    expect(
      pickFromTrial([
        { backend: 'webgpu', error: 'x' },
        { backend: 'wasm', impressionsPerSec: 0 },
      ]),
    ).toBeNull();
    expect(
      pickFromTrial([
        { backend: 'webgpu', error: 'x' },
        { backend: 'cpu', impressionsPerSec: 10 },
        { backend: 'wasm', impressionsPerSec: 20 },
      ]),
    ).toEqual({ backend: 'wasm', why: 'fastest in the timed trial' });
  });

  it('WebGPU at exactly 75% of the fastest is kept; just below is not', () => {
    const rows = (gpu: number) => [
      { backend: 'webgpu' as const, impressionsPerSec: gpu },
      { backend: 'wasm' as const, impressionsPerSec: 1000 },
    ];
    expect(pickFromTrial(rows(750))?.backend).toBe('webgpu');
    expect(pickFromTrial(rows(749))?.backend).toBe('wasm');
    expect(pickFromTrial(rows(1001))).toEqual({ backend: 'webgpu', why: 'fastest in the timed trial' });
  });
});
