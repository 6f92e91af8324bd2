import { describe, expect, it } from 'vitest';
import { type ChoiceEnv, chooseBackend } from './backend-choice';
import { parseBackend } from './backend-names';
import type { BrowserBackend } from './protocol';

function env(over: Partial<ChoiceEnv> & { failing?: Partial<Record<BrowserBackend, string>> } = {}) {
  const started: BrowserBackend[] = [];
  const e: ChoiceEnv = {
    gpu: undefined,
    hasOffscreenCanvas: true,
    inWorker: true,
    start: async (b) => {
      started.push(b);
      const why = over.failing?.[b];
      if (why) throw new Error(why);
    },
    ...over,
  };
  return { env: e, started };
}

const adapter = (info: object) => ({ requestAdapter: async () => ({ info }) as unknown as GPUAdapter });

describe('chooseBackend', () => {
  it('takes webgpu when an adapter exists and records its info', async () => {
    const { env: e } = env({
      gpu: adapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true }),
    });
    expect(await chooseBackend(null, e)).toEqual({
      backend: 'webgpu',
      adapter: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true },
      skipped: [],
      forced: false,
    });
  });

  it('falls back to webgl and says navigator.gpu is missing', async () => {
    const { env: e, started } = env();
    const c = await chooseBackend(null, e);
    expect(c.backend).toBe('webgl');
    expect(c.adapter).toBeUndefined();
    expect(c.skipped).toEqual([
      { backend: 'webgpu', reason: expect.stringMatching(/navigator\.gpu is missing/) },
    ]);
    expect(started).toEqual(['webgl']);
  });

  it('skips webgpu when requestAdapter returns null', async () => {
    const { env: e } = env({ gpu: { requestAdapter: async () => null } });
    const c = await chooseBackend(null, e);
    expect(c.skipped[0]).toEqual({ backend: 'webgpu', reason: expect.stringMatching(/no adapter/) });
  });

  it('skips webgl in a worker without OffscreenCanvas, and a backend whose start fails, with reasons', async () => {
    const { env: e } = env({ hasOffscreenCanvas: false, failing: { wasm: 'wasm binary 404' } });
    const c = await chooseBackend(null, e);
    expect(c.backend).toBe('cpu');
    expect(c.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(c.skipped[1].reason).toMatch(/OffscreenCanvas/);
    expect(c.skipped[2].reason).toBe('wasm binary 404');
  });

  it('tries only the forced backend', async () => {
    const { env: e, started } = env({ gpu: adapter({ vendor: 'x', architecture: 'y' }) });
    expect(await chooseBackend('wasm', e)).toEqual({ backend: 'wasm', skipped: [], forced: true });
    expect(started).toEqual(['wasm']);
  });

  it('rejects with every reason when nothing starts', async () => {
    const { env: e } = env({ failing: { webgl: 'a', wasm: 'b', cpu: 'c' } });
    await expect(chooseBackend(null, e)).rejects.toThrow(/webgpu: .*webgl: a; wasm: b; cpu: c/);
  });
});

describe('chooseBackend with a timed trial', () => {
  /** An env whose trial reports the given impressions/s for whichever backend was started last. */
  function timed(speeds: Partial<Record<BrowserBackend, number | Error>>, over: Partial<ChoiceEnv> = {}) {
    const base = env(over);
    const trial = async () => {
      const s = speeds[base.started[base.started.length - 1]];
      if (s instanceof Error) throw s;
      return { impressionsPerSec: s ?? 0, msPerStep: 512_000 / (s ?? 1), warmupMs: 1 };
    };
    return { env: { ...base.env, trial }, started: base.started };
  }
  const swiftshader = adapter({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true });

  it('picks wasm over a clearly slower WebGPU, shows both figures and restarts the pick', async () => {
    const gpu = adapter({ vendor: 'intel', architecture: 'gen-9', isFallbackAdapter: false });
    const { env: e, started } = timed({ webgpu: 1_000, wasm: 13_000 }, { gpu });
    const c = await chooseBackend(null, e);
    expect(c.backend).toBe('wasm');
    expect(c.adapter).toBeUndefined();
    expect(c.forced).toBe(false);
    expect(c.trial?.rows.map((r) => [r.backend, r.impressionsPerSec])).toEqual([
      ['webgpu', 1_000],
      ['wasm', 13_000],
    ]);
    expect(c.trial?.why).toMatch(/fastest.*webgpu reached 8%/);
    expect(started).toEqual(['webgpu', 'wasm', 'wasm']); // webgl is not timed when WebGPU exists
  });

  it('does not time a software WebGPU adapter, says so, and takes the fastest of the rest', async () => {
    const { env: e, started } = timed({ webgpu: 99_999, wasm: 13_000 }, { gpu: swiftshader });
    const c = await chooseBackend(null, e);
    expect(c.backend).toBe('wasm');
    expect(c.trial?.rows[0]).toEqual({
      backend: 'webgpu',
      notTimed: expect.stringMatching(/software adapter/),
    });
    expect(started).toEqual(['wasm', 'wasm']);
  });

  it('keeps WebGPU while it is not clearly slower (within 25% of the fastest)', async () => {
    const gpu = adapter({ vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false });
    const kept = await chooseBackend(null, timed({ webgpu: 8_000, wasm: 10_000 }, { gpu }).env);
    expect(kept.backend).toBe('webgpu');
    expect(kept.adapter?.vendor).toBe('nvidia');
    expect(kept.trial?.why).toMatch(/kept: within 25% of the fastest \(wasm\)/);
    const dropped = await chooseBackend(null, timed({ webgpu: 7_000, wasm: 10_000 }, { gpu }).env);
    expect(dropped.backend).toBe('wasm');
  });

  it('times webgl where WebGPU is missing, and records a backend whose trial fails', async () => {
    const { env: e, started } = timed({ webgl: new Error('lost context'), wasm: 9_000 });
    const c = await chooseBackend(null, e);
    expect(c.backend).toBe('wasm');
    expect(c.trial?.rows).toEqual([
      { backend: 'webgl', error: 'lost context' },
      expect.objectContaining({ backend: 'wasm', impressionsPerSec: 9_000 }),
    ]);
    expect(c.skipped.map((s) => s.backend)).toEqual(['webgpu', 'webgl']);
    expect(started).toEqual(['webgl', 'wasm', 'wasm']);
  });

  it('falls back to cpu, untimed, when no candidate can be timed', async () => {
    const { env: e, started } = timed({ wasm: new Error('no SIMD') }, { hasOffscreenCanvas: false });
    const c = await chooseBackend(null, e);
    expect(c.backend).toBe('cpu');
    expect(c.trial).toBeUndefined();
    expect(started).toEqual(['wasm', 'cpu']);
  });

  it('a forced backend runs no trial', async () => {
    const { env: e, started } = timed({ webgpu: 1, wasm: 2 }, { gpu: swiftshader });
    const c = await chooseBackend('webgpu', e);
    expect(c).toMatchObject({ backend: 'webgpu', forced: true });
    expect(c.trial).toBeUndefined();
    expect(started).toEqual(['webgpu']);
  });
});

describe('parseBackend', () => {
  it('accepts the four backend names and nothing else', () => {
    expect(parseBackend('webgpu')).toBe('webgpu');
    expect(parseBackend(' CPU ')).toBe('cpu');
    expect(parseBackend('tpu')).toBeNull();
    expect(parseBackend(null)).toBeNull();
    expect(parseBackend('')).toBeNull();
  });
});
