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

describe('parseBackend', () => {
  it('accepts the four backend names and nothing else', () => {
    expect(parseBackend('webgpu')).toBe('webgpu');
    expect(parseBackend(' CPU ')).toBe('cpu');
    expect(parseBackend('tpu')).toBeNull();
    expect(parseBackend(null)).toBeNull();
    expect(parseBackend('')).toBeNull();
  });
});
