import { describe, expect, it } from 'vitest';
import { deckFixtureRecords } from '../../store/deck-fixture';
import { deckRunOfRecord } from './deck';
import { ablationTitleFacts, coldStartTitleFacts } from './title-facts';

const [cold, grid] = deckFixtureRecords();

describe('title slides', () => {
  it('say what an ablation grid varies, over how many seeds, what it left out, and where it trained', () => {
    if (grid.kind !== 'ablation') throw new Error('fixture order');
    const f = ablationTitleFacts(grid.results, deckRunOfRecord(grid));
    expect(f.question).toBe('Which part of joint-5task earns its average precision?');
    expect(Object.fromEntries(f.lines.map((l) => [l.label, l.text]))).toEqual({
      Arms: '2 changes against full (the unchanged joint-5task): no-anc (ancillary heads off), no-mask (loss mask off)',
      Repeats:
        'mean over 3 training seeds (7, 8, 9), 95% t interval; paired bootstrap over the test rows, 1000 resamples',
      'Not in the grid': 'drop feature group audio (no audio columns in the data)',
      Data: 'simulated data (seed 7); 100 test rows',
      Run: 'Trained on wasm, 2026-03-02',
    });
  });

  it('say what a cold start compares, at which budgets, on which data', () => {
    if (cold.kind !== 'cold-start') throw new Error('fixture order');
    const f = coldStartTitleFacts(cold.results, deckRunOfRecord(cold));
    expect(f.question).toBe('How well does a new objective, ad_stream, start with few labels?');
    expect(f.lines.map((l) => `${l.label}: ${l.text}`)).toEqual([
      'New task: ad_stream, labelled on ad rows; 2,400 test rows (60 positive)',
      'Compared: a model trained from scratch on the kept labels; the joint model (shared-bottom) trained without ad_stream, its promo_stream head applied directly; that model fine-tuned on the kept labels',
      "Budgets: 1%, 5%, 20%, 100% of the task's training labels; 3 training seeds (7, 8, 9)",
      `Data: ${cold.datasetLabel}`,
      'Run: Trained on wasm, 2026-03-03',
    ]);
  });
});
