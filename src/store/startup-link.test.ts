import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../core/config/defaults';
import { PRESETS } from '../core/config/presets';
import { syncAddress } from './address-sync';
import { fakeStore, GOOD_SUMMARY, READY_EVENT } from './share-test-kit';
import { openFromLink, readStartupLink } from './startup-link';

describe('readStartupLink', () => {
  it('a page without a config link keeps the opening config, and says nothing', () => {
    for (const search of ['', '?', '?backend=cpu', '?autorun=1', '?autorun=0&backend=wasm'])
      expect(readStartupLink(search)).toMatchObject({ config: null, notices: [], autorunRefused: null });
    expect(readStartupLink('?backend=cpu').forcedBackend).toBe('cpu');
    expect(readStartupLink('?autorun=1').autorun).toBe(true);
    expect(readStartupLink('?data=https://x.example/a.csv').bareDataUrl).toBe('https://x.example/a.csv');
  });

  it('decodes a config link with autorun and a pinned backend', () => {
    const link = readStartupLink('?v=2&seed=7&epochs=1&autorun=1&backend=wasm');
    expect(link.config).toEqual({
      ...DEFAULT_CONFIG,
      seed: 7,
      train: { ...DEFAULT_CONFIG.train, maxEpochs: 1 },
    });
    expect(link).toMatchObject({ notices: [], autorun: true, autorunRefused: null, forcedBackend: 'wasm' });
  });

  it('reads fp= as the run to reproduce, without a notice; a malformed one gets a notice', () => {
    const link = readStartupLink('?v=2&seed=7&autorun=1&fp=0123456789abcdef-webgpu');
    expect(link).toMatchObject({ notices: [], autorunRefused: null });
    expect(link.reproduce).toEqual({ predictions: '0123456789abcdef', backend: 'webgpu', from: 'link' });
    const bad = readStartupLink('?v=2&fp=%3Cb%3E');
    expect(bad.reproduce).toBeNull();
    expect(bad.notices).toEqual([
      'fp=<b> is not a prediction fingerprint (16 hex digits, then -backend); no reproduction check',
    ]);
  });

  it('reports a bad backend or autorun value, as text', () => {
    const link = readStartupLink('?backend=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&autorun=yes');
    expect(link.forcedBackend).toBeNull();
    expect(link.autorun).toBe(false);
    expect(link.notices).toEqual([
      'backend=<img src=x onerror=a… is not one of webgpu, webgl, wasm, cpu; the backend is chosen automatically',
      'autorun=yes is ignored: only autorun=1 starts the run on open',
    ]);
  });

  it('refuses to autorun a link that had to be corrected, or one whose data is a local file', () => {
    expect(readStartupLink('?v=2&seed=abc&autorun=1').autorunRefused).toMatch(/problems with the link/);
    expect(readStartupLink('?v=3&autorun=1').autorunRefused).toMatch(/problems with the link/);
    expect(readStartupLink('?v=2&file=log.csv&autorun=1').autorunRefused).toMatch(
      /open the file log.csv first/,
    );
  });
});

describe('openFromLink', () => {
  it('builds the dataset of the link config, then autorun starts it', () => {
    const { store, connect, client } = fakeStore();
    openFromLink(store, connect, { search: '?v=2&seed=7&users=500&autorun=1' });
    const config = store.getState().config;
    expect(config.seed).toBe(7);
    expect(client().sent[1]).toEqual({ type: 'dataset', config });
    client().emit(READY_EVENT);
    client().emit({ status: 'dataset', summary: GOOD_SUMMARY, fingerprint: 'f' });
    expect(client().sent.filter((c) => c.type === 'start-study')).toEqual([
      { type: 'start-study', runId: store.getState().runId, config, study: { kind: 'comparison' } },
    ]);
  });

  it('shows the link problems as notices and uses defaults', () => {
    const { store, connect } = fakeStore();
    openFromLink(store, connect, { search: '?v=0&seed=7' });
    expect(store.getState().config).toEqual(DEFAULT_CONFIG);
    expect(store.getState().notices.map((n) => n.text)).toEqual([
      'this link has version 0; this app reads v=1 and v=2, so defaults are used',
    ]);
  });

  it('loads a bare ?data= URL over the opening config, or reports it and builds simulated data', () => {
    const ok = fakeStore();
    openFromLink(ok.store, ok.connect, { search: '?data=https%3A%2F%2Fx.example%2Fa.csv' });
    expect(ok.store.getState().config).toEqual({
      ...PRESETS.quick,
      data: { kind: 'url', url: 'https://x.example/a.csv' },
    });
    expect(ok.client().sent[1]).toMatchObject({ type: 'load', source: { kind: 'url' } });
    const bad = fakeStore();
    openFromLink(bad.store, bad.connect, { search: '?data=javascript:alert(1)' });
    expect(bad.store.getState().loadFailure?.message).toMatch(/must start with https/);
    expect(bad.store.getState().config).toEqual(PRESETS.quick);
    expect(bad.client().sent[1]).toMatchObject({ type: 'dataset' });
  });
});

describe('address sync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the config (and a forced backend, never autorun) once edits pause', () => {
    vi.useFakeTimers();
    const { store, connect } = fakeStore();
    const replace = vi.fn();
    openFromLink(store, connect, { search: '?v=2&seed=3&autorun=1&backend=cpu', replaceQuery: replace });
    // Opening writes the config in use at once, without autorun, so a reload does not run again.
    expect(replace.mock.calls).toEqual([['v=2&seed=3&backend=cpu']]);
    store.getState().setSeed(4);
    store.getState().setTrain({ maxEpochs: 1 });
    vi.advanceTimersByTime(299);
    expect(replace).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(replace).toHaveBeenCalledTimes(2);
    expect(replace).toHaveBeenLastCalledWith('v=2&seed=4&epochs=1&backend=cpu');
  });

  it('leaves a plain page address alone until the config is edited', () => {
    const { store, connect } = fakeStore();
    const replace = vi.fn();
    openFromLink(store, connect, { search: '?backend=wasm', replaceQuery: replace });
    expect(replace).not.toHaveBeenCalled();
  });

  it('ignores changes that are not the config, and stops when asked', () => {
    vi.useFakeTimers();
    const { store } = fakeStore();
    const replace = vi.fn();
    const stop = syncAddress(store, { replace, backend: null, delayMs: 10 });
    store.getState().addNotices(['x']);
    vi.advanceTimersByTime(50);
    expect(replace).not.toHaveBeenCalled();
    store.getState().setSeed(9);
    stop();
    vi.advanceTimersByTime(50);
    expect(replace).not.toHaveBeenCalled();
  });
});
