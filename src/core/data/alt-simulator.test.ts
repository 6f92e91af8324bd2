import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/defaults';
import { GROUPINGS } from '../config/groupings';
import { CAR_SESSION } from './alt-simulator-rows';
import { type AltSimConfig, calibrateGated, DEFAULT_ALT_CONFIG, simulateAlt } from './alt-simulator';
import { tableToCsv } from './csv-writer';
import { tableToJsonl } from './jsonl-writer';
import { readImpressionFile } from './load-file';
import { tableToParquet } from './parquet-writer';
import { groupingDataProblems, prepareData, rowsOfSource } from './prepare';
import { MISSING_LABEL } from './schema';
import type { DictColumn, FeatureColumn, ImpressionTable } from './table';
import { tableValues } from './table-values';
import { tierFromShowStreams } from './tiers';

const SMALL: AltSimConfig = {
  ...DEFAULT_ALT_CONFIG,
  users: 1000,
  shows: 200,
  days: 6,
  impressionsPerDay: 1000,
};
const small = simulateAlt(SMALL, 3);
const full = simulateAlt(DEFAULT_ALT_CONFIG, 1);

function feature(t: ImpressionTable, name: string): FeatureColumn {
  const f = t.features.find((c) => c.name === name);
  if (!f) throw new Error(`no feature ${name}`);
  return f;
}
const codes = (t: ImpressionTable, name: string) => (feature(t, name).data as DictColumn).codes;

/** Mean of a 0/1 label over rows where it is observed and `keep` holds. */
function rate(label: Uint8Array, keep: (i: number) => boolean): number {
  let pos = 0;
  let k = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] === MISSING_LABEL || !keep(i)) continue;
    pos += label[i];
    k++;
  }
  return pos / k;
}

describe('simulateAlt', () => {
  it('is deterministic: the same seed gives identical columns, another seed differs', () => {
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const same = (a: ArrayBufferView, b: ArrayBufferView) => bytes(a).equals(bytes(b));
    const columns = (t: ImpressionTable): ArrayBufferView[] => [
      t.source, t.day, t.userId.codes, t.podcastId.codes, t.showStreams30d!, t.cost!,
      t.labels.stream, t.labels.click, t.labels.like, t.labels.follow, t.truth!.pStream, t.truth!.pClick,
      ...t.features.flatMap((f): ArrayBufferView[] => (f.kind === 'numeric' ? [f.data] : f.kind === 'multi' ? [f.data.offsets, f.data.codes] : [f.data.codes])),
    ]; // prettier-ignore
    const first = columns(small);
    const again = columns(simulateAlt(SMALL, 3));
    expect(again.length).toBe(first.length);
    expect(again.every((c, k) => same(c, first[k]))).toBe(true);
    const other = columns(simulateAlt(SMALL, 4));
    expect(same(other[2], first[2])).toBe(false);
    expect(same(other[6], first[6])).toBe(false);
  });

  it('writes impressionsPerDay rows per day in day order, with an ad share that drifts upward', () => {
    const { days, impressionsPerDay } = DEFAULT_ALT_CONFIG;
    expect(full.n).toBe(days * impressionsPerDay);
    const perDay = new Array(days).fill(0);
    const adsPerDay = new Array(days).fill(0);
    for (let i = 0; i < full.n; i++) {
      if (i > 0 && full.day[i] < full.day[i - 1]) throw new Error(`row ${i} is before row ${i - 1}`);
      perDay[full.day[i]]++;
      adsPerDay[full.day[i]] += full.source[i];
    }
    expect(perDay.every((k) => k === impressionsPerDay)).toBe(true);
    const firstWeek = adsPerDay.slice(0, 7).reduce((a, b) => a + b, 0) / (7 * impressionsPerDay);
    const lastWeek = adsPerDay.slice(-7).reduce((a, b) => a + b, 0) / (7 * impressionsPerDay);
    expect(firstWeek).toBeGreaterThan(0.3);
    expect(lastWeek).toBeLessThan(0.5);
    expect(lastWeek - firstWeek).toBeGreaterThan(0.05);
  });

  it('gives realistic recorded rates near the configured ones', () => {
    const { stream, click, like, follow } = full.labels;
    const ad = (i: number) => full.source[i] === 1;
    const promo = (i: number) => full.source[i] === 0;
    const all = () => true;
    const r = DEFAULT_ALT_CONFIG.rates;
    expect(rate(stream, ad)).toBeGreaterThan(0.01);
    expect(rate(stream, ad)).toBeLessThan(0.05);
    expect(rate(stream, promo)).toBeGreaterThan(0.03);
    expect(rate(stream, promo)).toBeLessThan(0.1);
    expect(Math.abs(rate(stream, ad) - r.adStream)).toBeLessThan(0.004);
    expect(Math.abs(rate(stream, promo) - r.promoStream)).toBeLessThan(0.005);
    expect(Math.abs(rate(like, all) - r.like)).toBeLessThan(0.005);
    expect(Math.abs(rate(follow, all) - r.follow)).toBeLessThan(0.02);
    // Click is calibrated over all rows (truth), then observed on a subset: near, not exact.
    expect(Math.abs(rate(click, all) - r.click)).toBeLessThan(0.015);
  });

  it('has the documented missing-label patterns', () => {
    const t = full;
    const session = codes(t, 'context_session');
    const outage = Math.floor(0.4 * DEFAULT_ALT_CONFIG.days);
    const likeMissing = new Int8Array(t.userId.dict.length).fill(-1); // per user: -1 unseen, 0/1
    for (let i = 0; i < t.n; i++) {
      if (t.labels.stream[i] === MISSING_LABEL) throw new Error(`stream missing, row ${i}`);
      // click: missing exactly in car sessions and on the logging-outage day.
      const clickGone = session[i] === CAR_SESSION || t.day[i] === outage;
      if ((t.labels.click[i] === MISSING_LABEL) !== clickGone) throw new Error(`click pattern, row ${i}`);
      // follow: observed exactly on rows with stream = 1.
      if ((t.labels.follow[i] !== MISSING_LABEL) !== (t.labels.stream[i] === 1))
        throw new Error(`follow pattern, row ${i}`);
      // like: missing for every row of an opted-out user and for no row of anyone else.
      const u = t.userId.codes[i];
      const m = t.labels.like[i] === MISSING_LABEL ? 1 : 0;
      if (likeMissing[u] === -1) likeMissing[u] = m;
      else if (likeMissing[u] !== m) throw new Error(`like pattern, row ${i}`);
    }
    let optedOut = 0;
    let seen = 0;
    for (const m of likeMissing) {
      if (m < 0) continue;
      seen++;
      optedOut += m;
    }
    expect(optedOut / seen).toBeGreaterThan(0.1);
    expect(optedOut / seen).toBeLessThan(0.2);
  });

  it('leaves stream_tier to be derived from show_streams_30d, or writes the same tiers on request', () => {
    expect(small.streamTier).toBeNull();
    const withTier = simulateAlt(SMALL, 3, { includeStreamTier: true });
    for (let i = 0; i < small.n; i++)
      if (withTier.streamTier![i] !== tierFromShowStreams(small.showStreams30d![i]))
        throw new Error(`row ${i}`);
    // show_streams_30d moves over the days (growth, launches): some shows change tier.
    const tierByShowDay = new Map<number, Set<number>>();
    for (let i = 0; i < small.n; i++) {
      const s = small.podcastId.codes[i];
      if (!tierByShowDay.has(s)) tierByShowDay.set(s, new Set());
      tierByShowDay.get(s)!.add(withTier.streamTier![i]);
    }
    expect([...tierByShowDay.values()].some((set) => set.size > 1)).toBe(true);
  });

  it('reads back unchanged from CSV, Parquet and JSON Lines, with every feature kind', async () => {
    const want = tableValues(small);
    expect(new Set(small.features.map((f) => f.kind))).toEqual(new Set(['numeric', 'categorical', 'multi']));
    const blobs: [string, Blob][] = [
      ['alt.csv', new Blob([tableToCsv(small)])],
      ['alt.parquet', new Blob([tableToParquet(small)])],
      ['alt.jsonl', new Blob([tableToJsonl(small)])],
    ];
    for (const [name, blob] of blobs) {
      const r = await readImpressionFile(blob, name);
      if (!r.ok) throw new Error(`${name}: ${r.message} ${JSON.stringify(r.problems.slice(0, 3))}`);
      expect(r.skippedCount, name).toBe(0);
      expect(r.table.ignoredColumns, name).toEqual([]);
      expect(r.table.truth).toBeUndefined();
      // JSON Lines leaves missing values out of each object, so its columns come in first-seen
      // order (the reader's rule); compare its features by name.
      const got = tableValues(r.table);
      if (name.endsWith('.jsonl')) {
        const byName = (v: typeof want) => ({
          ...v,
          features: [...v.features].sort((a, b) => a.name.localeCompare(b.name)),
        });
        expect(byName(got), name).toEqual(byName(want));
      } else expect(got, name).toEqual(want);
    }
  });

  it('prepares with the default experiment config, with enough ad test positives for AP', () => {
    const data = prepareData(full, DEFAULT_CONFIG);
    expect(data.tiers.how).toBe('show_streams_30d');
    const adTest = rowsOfSource(full, data.split.test, 'ad');
    let positives = 0;
    for (const i of adTest) positives += full.labels.stream[i];
    expect(positives).toBeGreaterThanOrEqual(200);
    for (const id of DEFAULT_CONFIG.groupings) expect(groupingDataProblems(data, GROUPINGS[id])).toEqual([]);
    // Ads reach the long tail more than promotions do (tiers 3-7).
    const tail = (src: number) => {
      let k = 0;
      let m = 0;
      for (let i = 0; i < full.n; i++) {
        if (full.source[i] !== src) continue;
        k++;
        if (data.tiers.tier[i] >= 3) m++;
      }
      return m / k;
    };
    expect(tail(1)).toBeGreaterThan(tail(0));
  });

  it('rejects invalid configs', () => {
    expect(() => simulateAlt({ ...SMALL, days: 0 }, 1)).toThrow(/days/);
    expect(() => simulateAlt({ ...SMALL, channelShare: 2 }, 1)).toThrow(/channelShare/);
    expect(() => simulateAlt({ ...SMALL, rates: { ...SMALL.rates, adStream: 0.001 } }, 1)).toThrow(
      /adStream/,
    );
  });
});

describe('calibrateGated', () => {
  it('solves mean gate * sigmoid(b + eta) = target over the chosen rows', () => {
    const eta = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 2);
    const gate = Float64Array.from({ length: 1000 }, (_, i) => 0.2 + (0.6 * ((i * 7) % 10)) / 10);
    const rows = Int32Array.from({ length: 500 }, (_, j) => 2 * j);
    const b = calibrateGated(eta, gate, rows, 0.05);
    let s = 0;
    for (const i of rows) s += gate[i] / (1 + Math.exp(-(b + eta[i])));
    expect(s / rows.length).toBeCloseTo(0.05, 8);
  });
});
