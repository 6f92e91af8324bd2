import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './defaults';
import { PRESETS } from './presets';
import { isConfigLink, shareQuery, shareUrl } from './share-link';
import { decodeConfig } from './url-codec';

describe('share link', () => {
  it('is the config query plus autorun and a pinned backend, and decodes back to the config', () => {
    const url = shareUrl('https://lab.example/app/', PRESETS.quick, { autorun: true, backend: 'wasm' });
    expect(url).toMatch(/^https:\/\/lab\.example\/app\/\?v=2&encoder=32,16&.*&autorun=1&backend=wasm$/);
    expect(decodeConfig(url)).toEqual({ config: PRESETS.quick, notices: [] });
    expect(shareQuery(DEFAULT_CONFIG)).toBe('v=2');
    expect(shareQuery(DEFAULT_CONFIG, { autorun: false, backend: null })).toBe('v=2');
  });

  it('keeps lists and dataset URLs readable, and they decode the same', () => {
    const url = 'https://x.example/a b,c.csv?k=1&j=%2C';
    const config = {
      ...DEFAULT_CONFIG,
      groupings: ['promo-mtl', 'joint-5task'] as const,
      data: { kind: 'url' as const, url },
    };
    const q = shareQuery(config);
    expect(q).toBe(
      'v=2&data=https://x.example/a+b,c.csv%3Fk%3D1%26j%3D%252C&groupings=promo-mtl,joint-5task',
    );
    expect(decodeConfig(q)).toEqual({ config, notices: [] });
  });

  it('tells a config link from a page opened with only backend, autorun or data', () => {
    const is = (q: string) => isConfigLink(new URLSearchParams(q));
    expect(is('')).toBe(false);
    expect(is('backend=cpu&autorun=1&data=https://x.example/a.csv')).toBe(false);
    expect(is('backend=wasm&bench=1')).toBe(false); // the benchmark hook, not a config
    expect(is('v=2')).toBe(true);
    expect(is('seed=3')).toBe(true);
    expect(is('zzz=1')).toBe(true);
  });
});
