/**
 * The browser-against-PyTorch ratio measured head to head: rounds that each time the browser's
 * wasm backend and then PyTorch on the same batch size, one after the other, so that both sides
 * of a round share this (shared, noisy) machine's state. The ratio of a round is browser
 * impressions/s over PyTorch's; the summary is their median and range. Why: PyTorch's own step at
 * batch 512 took 6.5 to 10.5 ms in separate bench runs on unchanged code, so one ratio of two
 * figures measured minutes apart can be off by half either way.
 */

/** One round: impressions/s of each side, timed back to back. */
export interface Round {
  readonly browser: number;
  readonly torch: number;
}

export interface HeadToHead {
  readonly batchSize: number;
  readonly rounds: readonly (Round & { readonly ratio: number })[];
  /** Median over rounds of browser / PyTorch (rounds in even numbers: the mean of the middle two). */
  readonly medianRatio: number;
  readonly minRatio: number;
  readonly maxRatio: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The rounds' ratios and their median and range. */
export function summarise(batchSize: number, rounds: readonly Round[]): HeadToHead {
  const withRatio = rounds.map((r) => {
    if (!(r.browser > 0 && r.torch > 0))
      throw new Error(`a round without two positive figures: ${JSON.stringify(r)}`);
    return { ...r, ratio: r.browser / r.torch };
  });
  const ratios = withRatio.map((r) => r.ratio);
  return {
    batchSize,
    rounds: withRatio,
    medianRatio: median(ratios),
    minRatio: Math.min(...ratios),
    maxRatio: Math.max(...ratios),
  };
}
