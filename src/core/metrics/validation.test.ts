import { describe, expect, it } from 'vitest';
import { GROUPINGS } from '../config/groupings';
import { channelAps, selectionScore, taskAps, validationRows } from './validation';

describe('validation AP per channel', () => {
  // Input rows 10..15: promo, ad, promo, ad, promo, ad.
  const source = new Uint8Array(16);
  const stream = new Uint8Array(16);
  for (let r = 10; r < 16; r++) source[r] = (r - 10) % 2;
  stream[10] = 1; // promo, position 0
  stream[13] = 1; // ad, position 3
  const click = new Uint8Array(16).fill(255);
  click[10] = 0;
  click[11] = 1; // ad, position 1
  click[12] = 0;
  const none = new Uint8Array(16).fill(255);
  const val = validationRows(Int32Array.from([10, 11, 12, 13, 14, 15]), source, {
    stream,
    click,
    like: none,
    follow: none,
  });

  it('splits positions by channel and aligns labels with positions', () => {
    expect(Array.from(val.positions.promo)).toEqual([0, 2, 4]);
    expect(Array.from(val.positions.ad)).toEqual([1, 3, 5]);
    expect(Array.from(val.labels.stream)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(Array.from(val.labels.click)).toEqual([0, 1, 0, 255, 255, 255]);
  });

  it("scores promo rows with the pooled model's ad_stream head (cross-channel rule)", () => {
    // ad_stream scores: promo positions 0,2,4 -> 0.2, 0.9, 0.1: the positive ranks 2nd of 3 -> AP 1/2.
    // ad positions 1,3,5 -> 0.3, 0.8, 0.4: the positive ranks 1st -> AP 1.
    const scores = { ad_stream: Float32Array.from([0.2, 0.3, 0.9, 0.8, 0.1, 0.4]) };
    const aps = channelAps(GROUPINGS['ads-stream-pooled'], scores, val);
    expect(aps).toEqual({ promo: 0.5, ad: 1 });
    expect(selectionScore(aps)).toBe(0.75);
  });

  it('reports only the channels a grouping trains on, and no score when none is defined', () => {
    const scores = { promo_stream: Float32Array.from([0.9, 0, 0.1, 0, 0.2, 0]) };
    expect(channelAps(GROUPINGS['promo-stream'], scores, val)).toEqual({ promo: 1 });
    expect(selectionScore({ promo: undefined })).toBeUndefined();
  });

  it('scores each head on the rows its mask keeps, skipping missing labels', () => {
    const g = GROUPINGS['joint-5task'];
    const scores = {
      // promo_stream: promo positions 0,2,4 only (ad rows masked): positive at 0 ranks 1st -> 1.
      promo_stream: Float32Array.from([0.9, 0.99, 0.1, 0.99, 0.2, 0.99]),
      // ad_stream: all six; positives at 0 and 3 rank 1st and 5th -> (1/1 + 2/5) / 2 = 0.7.
      ad_stream: Float32Array.from([0.9, 0.8, 0.7, 0.1, 0.6, 0.05]),
      // click: observed at positions 0,1,2 only; the positive (1) ranks 2nd -> 1/2.
      click: Float32Array.from([0.9, 0.5, 0.1, 0.99, 0.99, 0.99]),
      like: new Float32Array(6),
      follow: new Float32Array(6),
    };
    expect(taskAps(g, scores, val)).toEqual({
      promo_stream: 1,
      ad_stream: 0.7,
      click: 0.5,
      like: undefined,
      follow: undefined,
    });
  });
});
