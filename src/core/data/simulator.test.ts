import { describe, expect, it } from 'vitest';
import { MISSING_LABEL } from './schema';
import { calibrateBase, DEFAULT_SIM_CONFIG, simulate } from './simulator';
import type { SimConfig } from './simulator-config';
import { SHOW_STREAM_TIER_THRESHOLDS, tierFromShowStreams } from './tiers';
import type { DictColumn, FeatureColumn, ImpressionTable, MultiColumn } from './table';

const SMALL: SimConfig = { ...DEFAULT_SIM_CONFIG, users: 3000, shows: 400, days: 6, impressionsPerDay: 5000 };
const t1 = simulate(SMALL, 11);

function feature(t: ImpressionTable, name: string): FeatureColumn {
  const f = t.features.find((c) => c.name === name);
  if (!f) throw new Error(`no feature ${name}`);
  return f;
}
const dict = (t: ImpressionTable, name: string) => feature(t, name).data as DictColumn;
const mean = (xs: ArrayLike<number>, keep: (i: number) => boolean) => {
  let s = 0;
  let k = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!keep(i)) continue;
    s += xs[i];
    k++;
  }
  return s / k;
};
const isAd = (i: number) => t1.source[i] === 1;
const isPromo = (i: number) => t1.source[i] === 0;

describe('simulate', () => {
  it('is deterministic: the same seed gives identical columns, another seed differs', () => {
    // Byte comparison: vitest's deep equality is slow on 30k-element typed arrays.
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const same = (a: ArrayBufferView, b: ArrayBufferView) => bytes(a).equals(bytes(b));
    const columns = (t: ImpressionTable): ArrayBufferView[] => [
      t.source, t.day, t.userId.codes, t.podcastId.codes, t.streamTier!, t.showStreams30d!, t.cost!,
      t.labels.stream, t.labels.click, t.labels.like, t.labels.follow, t.truth!.pStream, t.truth!.pClick,
      ...t.features.flatMap((f): ArrayBufferView[] => (f.kind === 'numeric' ? [f.data] : f.kind === 'multi' ? [f.data.offsets, f.data.codes] : [f.data.codes])),
    ]; // prettier-ignore
    const again = columns(simulate(SMALL, 11));
    const first = columns(t1);
    expect(again.length).toBe(28);
    expect(again.every((c, k) => same(c, first[k]))).toBe(true);
    const other = columns(simulate(SMALL, 12));
    expect(same(other[3], first[3])).toBe(false);
    expect(same(other[7], first[7])).toBe(false);
  });

  it('writes impressionsPerDay rows for each day 0..days-1, in day order', () => {
    expect(t1.n).toBe(30_000);
    const perDay = new Array(6).fill(0);
    for (let i = 0; i < t1.n; i++) perDay[t1.day[i]]++;
    expect(perDay).toEqual([5000, 5000, 5000, 5000, 5000, 5000]);
    expect(mean(t1.source, () => true)).toBeCloseTo(0.35, 1);
  });

  it('calibrates true stream and click probabilities to the base rates exactly', () => {
    const { pStream, pClick } = t1.truth!;
    expect(mean(pStream, isPromo)).toBeCloseTo(SMALL.baseRates.promoStream, 4);
    expect(mean(pStream, isAd)).toBeCloseTo(SMALL.baseRates.adStream, 4);
    expect(mean(pClick, () => true)).toBeCloseTo(SMALL.baseRates.click, 4);
  });

  it('draws labels near the base rates (observed rows; within ~4 binomial sd)', () => {
    const rate = (col: Uint8Array, keep: (i: number) => boolean) =>
      mean(col, (i) => keep(i) && col[i] !== MISSING_LABEL);
    const { stream, click, like, follow } = t1.labels;
    expect(Math.abs(rate(stream, isPromo) - 0.06)).toBeLessThan(0.007);
    expect(Math.abs(rate(stream, isAd) - 0.03)).toBeLessThan(0.007);
    // Missingness depends on format/device, so observed rates can drift slightly from the targets.
    expect(Math.abs(rate(click, () => true) - 0.08)).toBeLessThan(0.012);
    expect(Math.abs(rate(like, () => true) - 0.04)).toBeLessThan(0.01);
    expect(Math.abs(rate(follow, () => true) - 0.03)).toBeLessThan(0.01);
  });

  it('keeps truth in [0, 1] and labels follow it (high-p rows stream far more often)', () => {
    const { pStream } = t1.truth!;
    expect(pStream.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(t1.truth!.pClick.every((p) => p >= 0 && p <= 1)).toBe(true);
    const sorted = Float32Array.from(pStream).sort();
    const q20 = sorted[Math.floor(t1.n * 0.2)];
    const q80 = sorted[Math.floor(t1.n * 0.8)];
    const low = mean(t1.labels.stream, (i) => pStream[i] <= q20);
    const high = mean(t1.labels.stream, (i) => pStream[i] >= q80);
    expect(high).toBeGreaterThan(4 * low);
    // The observed mean label in the top quintile matches the mean truth there.
    expect(Math.abs(high - mean(pStream, (i) => pStream[i] >= q80))).toBeLessThan(0.02);
  });

  it('sends longTailAdShare of ads to tiers 3-7 while promotions mostly show popular shows', () => {
    const tier = t1.streamTier!;
    const adTail = mean(
      Float64Array.from(tier, (k) => (k >= 3 ? 1 : 0)),
      isAd,
    );
    const promoTail = mean(
      Float64Array.from(tier, (k) => (k >= 3 ? 1 : 0)),
      isPromo,
    );
    expect(Math.abs(adTail - SMALL.longTailAdShare)).toBeLessThan(0.02);
    expect(promoTail).toBeLessThan(0.25);
  });

  it('derives stream_tier from show_streams_30d by the documented thresholds, and can omit it', () => {
    let mismatches = 0;
    for (let i = 0; i < t1.n; i++)
      if (t1.streamTier![i] !== tierFromShowStreams(t1.showStreams30d![i])) mismatches++;
    expect(mismatches).toBe(0);
    expect(SHOW_STREAM_TIER_THRESHOLDS[2]).toBe(5000);
    // Every tier occurs, so tier charts have data in each bar.
    expect(new Set(t1.streamTier).size).toBe(8);
    const noTier = simulate(SMALL, 11, { includeStreamTier: false });
    expect(noTier.streamTier).toBeNull();
    expect(noTier.showStreams30d).toEqual(t1.showStreams30d);
  });

  it('leaves creative_* empty and cost 0 on promotions, filled with positive cost on ads', () => {
    for (const name of ['creative_format', 'creative_slot', 'creative_campaign_id']) {
      const codes = dict(t1, name).codes;
      expect(
        mean(
          Float64Array.from(codes, (c) => (c < 0 ? 1 : 0)),
          isPromo,
        ),
      ).toBe(1);
      expect(
        mean(
          Float64Array.from(codes, (c) => (c < 0 ? 1 : 0)),
          isAd,
        ),
      ).toBe(0);
    }
    expect(mean(t1.cost!, isPromo)).toBe(0);
    expect(
      mean(
        Float64Array.from(t1.cost!, (c) => (c > 0 ? 1 : 0)),
        isAd,
      ),
    ).toBe(1);
    // CPMs of 2.4..24 per 1000 impressions: mean cost per ad impression is about a cent.
    expect(mean(t1.cost!, isAd)).toBeGreaterThan(0.005);
    expect(mean(t1.cost!, isAd)).toBeLessThan(0.02);
  });

  it('leaves like/follow unobserved on audio ads and click unobserved on smart speakers', () => {
    const format = dict(t1, 'creative_format');
    const device = dict(t1, 'context_device');
    const audio = format.dict.indexOf('audio');
    const speaker = device.dict.indexOf('smart_speaker');
    const missing = (col: Uint8Array, keep: (i: number) => boolean) =>
      mean(
        Float64Array.from(col, (v) => (v === MISSING_LABEL ? 1 : 0)),
        keep,
      );
    expect(missing(t1.labels.like, (i) => format.codes[i] === audio)).toBe(1);
    expect(missing(t1.labels.follow, (i) => format.codes[i] === audio)).toBe(1);
    expect(missing(t1.labels.click, (i) => device.codes[i] === speaker)).toBe(1);
    expect(missing(t1.labels.click, (i) => device.codes[i] !== speaker)).toBeLessThan(0.02);
    expect(missing(t1.labels.stream, () => true)).toBe(0);
  });

  it('gives observable features real signal: a top-genre match streams more', () => {
    const top = feature(t1, 'user_top_genres').data as MultiColumn;
    const genre = dict(t1, 'content_genre');
    const match = (i: number) => {
      const g = top.dict.indexOf(genre.dict[genre.codes[i]]);
      for (let j = top.offsets[i]; j < top.offsets[i + 1]; j++) if (top.codes[j] === g) return true;
      return false;
    };
    const yes = mean(t1.labels.stream, match);
    const no = mean(t1.labels.stream, (i) => !match(i));
    expect(yes / no).toBeGreaterThan(1.5);
    // Without the latent affinity the genre match carries (almost) no signal.
    const flat = simulate({ ...SMALL, affinityStrength: 0 }, 11);
    const flatYes = mean(flat.labels.stream, match);
    const flatNo = mean(flat.labels.stream, (i) => !match(i));
    expect(flatYes / flatNo).toBeLessThan(1.25);
  });

  it('rejects an invalid config with a message naming the knob', () => {
    expect(() => simulate({ ...SMALL, adShare: 1.5 }, 1)).toThrow(/adShare/);
  });
});

describe('calibrateBase', () => {
  it('finds b with mean sigmoid(b + eta) equal to the target', () => {
    const eta = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    const b = calibrateBase(eta, null, 0.02);
    const m = eta.reduce((s, e) => s + 1 / (1 + Math.exp(-(b + e))), 0) / eta.length;
    expect(m).toBeCloseTo(0.02, 8);
  });
});

describe('the default config', () => {
  it('simulates in a few seconds with several hundred ad stream positives in the last 3 days', () => {
    const t0 = performance.now();
    const t = simulate(DEFAULT_SIM_CONFIG, 1);
    expect(performance.now() - t0).toBeLessThan(10_000);
    let positives = 0;
    for (let i = 0; i < t.n; i++) if (t.source[i] === 1 && t.day[i] >= 18) positives += t.labels.stream[i];
    expect(positives).toBeGreaterThan(350);
  });
});
