import { describe, expect, it } from 'vitest';
import {
  compareReproduction,
  fingerprintParam,
  largestApDifference,
  parseFingerprintParam,
  predictionFingerprint,
  reproduceTargetOf,
} from './prediction-fingerprint';

const scores = (x: number) =>
  new Map([
    ['promo-mtl', { promo_stream: Float32Array.from([0.1, x]), click: Float32Array.from([0.3, 0.4]) }],
    ['joint-5task', { ad_stream: Float32Array.from([0.5, 0.6]) }],
  ]);

describe('predictionFingerprint', () => {
  it('is 16 hex digits, equal for equal scores', () => {
    const a = predictionFingerprint([scores(0.2)], ['promo-mtl', 'joint-5task']);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(predictionFingerprint([scores(0.2)], ['promo-mtl', 'joint-5task'])).toBe(a);
  });

  it('changes with the last bit of one score, the grouping order and the seeds', () => {
    const a = predictionFingerprint([scores(0.2)], ['promo-mtl', 'joint-5task']);
    const next = new Float32Array([0.2]);
    new Uint32Array(next.buffer)[0] += 1; // the next float32 after 0.2
    expect(predictionFingerprint([scores(next[0])], ['promo-mtl', 'joint-5task'])).not.toBe(a);
    expect(predictionFingerprint([scores(0.2)], ['joint-5task', 'promo-mtl'])).not.toBe(a);
    expect(predictionFingerprint([scores(0.2), scores(0.2)], ['promo-mtl', 'joint-5task'])).not.toBe(a);
  });
});

describe('reproduction checks', () => {
  const mine = { predictions: '0123456789abcdef', backend: 'webgpu', adapter: 'nvidia ampere' };

  it('same fingerprint: reproduced', () => {
    expect(compareReproduction(mine, { predictions: mine.predictions })).toEqual({ kind: 'same' });
  });

  it('names backend arithmetic when the backend or adapter differs, and the AP gap', () => {
    const v = compareReproduction(mine, { predictions: 'ffffffffffffffff', backend: 'wasm' });
    expect(v).toMatchObject({ kind: 'differs', sameBackend: false });
    if (v.kind === 'differs')
      expect(v.why).toBe('backend arithmetic: wasm then, webgpu on nvidia ampere now');
    const same = compareReproduction(mine, { ...mine, predictions: 'ffffffffffffffff' });
    expect(same).toMatchObject({ kind: 'differs', sameBackend: true });
    const target = reproduceTargetOf({
      createdAt: '2026-12-07T00:00:00.000Z',
      reproduction: { ...mine, backend: 'wasm' },
      groupings: [{ id: 'promo-mtl', promoAp: 0.25, adAp: 0.1 }],
    })!;
    expect(largestApDifference(target, [{ id: 'promo-mtl', promoAp: 0.2512, adAp: 0.1 }])).toBeCloseTo(
      0.0012,
      10,
    );
    expect(
      largestApDifference({ ...target, aps: undefined }, [{ id: 'promo-mtl', promoAp: 0.3, adAp: 0.1 }]),
    ).toBe(null);
  });

  it('fp= round-trips and refuses anything else', () => {
    expect(parseFingerprintParam(fingerprintParam(mine))).toEqual({
      predictions: mine.predictions,
      backend: 'webgpu',
      from: 'link',
    });
    expect(parseFingerprintParam('0123456789abcdef')).toEqual({
      predictions: '0123456789abcdef',
      from: 'link',
    });
    for (const bad of ['0123', '0123456789abcdefg', '0123456789abcdef-<b>', ''])
      expect(parseFingerprintParam(bad)).toBeNull();
  });
});
