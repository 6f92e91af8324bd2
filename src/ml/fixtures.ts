/**
 * Small synthetic EncodedDatasets for the ml tests and benchmarks (not used by the app).
 */
import type { TrainConfig } from '../core/config/experiment';
import type { EncodedDataset } from '../core/data/encoded';
import { createRng } from '../core/data/rng';

export interface FixtureOptions {
  readonly n: number;
  readonly seed?: number;
  /** Vocabulary sizes of the categorical columns; column 0 carries the stream signal. */
  readonly vocab?: readonly number[];
  readonly numeric?: number;
  /** [vocabSize, maxLen] of each multi-valued column. */
  readonly multi?: readonly (readonly [number, number])[];
  /** Share of rows whose click/like/follow labels are missing. */
  readonly missingShare?: number;
}

/**
 * Rows alternate promo / ad. stream = 1 with probability 0.85 when catCodes[.,0] is even, else
 * 0.1, so a model that learns column 0 separates it; click/like/follow are coin flips (0.3),
 * missing for `missingShare` of the rows.
 */
export function makeDataset(opts: FixtureOptions): EncodedDataset {
  const { n, vocab = [50, 7, 3], numeric = 2, multi = [[20, 3]], missingShare = 0.2 } = opts;
  const rng = createRng(opts.seed ?? 1);
  const rand = () => rng.nextFloat();
  const C = vocab.length;
  const multiWidth = multi.reduce((a, [, l]) => a + l, 0);
  const catCodes = new Int32Array(n * C);
  const multiCodes = new Int32Array(n * multiWidth);
  const multiWeights = new Float32Array(n * multiWidth);
  const numericValues = new Float32Array(n * 2 * numeric);
  const source = new Uint8Array(n);
  const labels = new Float32Array(n * 4);
  const labelPresent = new Float32Array(n * 4);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < C; c++) catCodes[r * C + c] = 1 + Math.floor(rand() * (vocab[c] - 1));
    let off = 0;
    for (const [v, len] of multi) {
      const k = 1 + Math.floor(rand() * len);
      for (let j = 0; j < k; j++) {
        multiCodes[r * multiWidth + off + j] = 1 + Math.floor(rand() * (v - 1));
        multiWeights[r * multiWidth + off + j] = 1 / k;
      }
      off += len;
    }
    for (let j = 0; j < numeric; j++) numericValues[r * 2 * numeric + 2 * j] = 2 * rand() - 1;
    source[r] = r % 2;
    const p = catCodes[r * C] % 2 === 0 ? 0.85 : 0.1;
    labels[r * 4] = rand() < p ? 1 : 0;
    labelPresent[r * 4] = 1;
    const missing = rand() < missingShare;
    for (let j = 1; j < 4; j++) {
      labels[r * 4 + j] = !missing && rand() < 0.3 ? 1 : 0;
      labelPresent[r * 4 + j] = missing ? 0 : 1;
    }
  }
  let offset = 0;
  return {
    n,
    categorical: vocab.map((v, i) => ({ name: `cat${i}`, group: 'user' as const, vocabSize: v })),
    catCodes,
    multi: multi.map(([v, len], i) => {
      const m = { name: `multi${i}`, group: 'content' as const, vocabSize: v, maxLen: len, offset };
      offset += len;
      return m;
    }),
    multiWidth,
    multiCodes,
    multiWeights,
    numeric: Array.from({ length: numeric }, (_, i) => ({
      name: `num${i}`,
      group: 'context' as const,
      mean: 0,
      std: 1,
    })),
    numericValues,
    source,
    labels,
    labelPresent,
  };
}

/** Rows [start, end) of `ds` with the given source code (0 promo, 1 ad). */
export function rowsOf(ds: EncodedDataset, src: 0 | 1, start = 0, end = ds.n): Int32Array {
  const out: number[] = [];
  for (let r = start; r < end; r++) if (ds.source[r] === src) out.push(r);
  return Int32Array.from(out);
}

/** A cyclic sampler over `rows` in fixed order: deterministic batches for tests. */
export function cyclicBatches(rows: Int32Array, batchSize: number): () => Int32Array {
  let pos = 0;
  return () => {
    const out = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) out[i] = rows[(pos + i) % rows.length];
    pos = (pos + batchSize) % rows.length;
    return out;
  };
}

export const TEST_TRAIN: TrainConfig = {
  learningRate: 0.01,
  lrSchedule: 'constant',
  weightDecayEmbeddings: 0,
  weightDecayDense: 0,
  minCount: 2,
  adamEpsilon: 1e-7,
  batchSize: 64,
  maxEpochs: 3,
  patience: 2,
  promoShare: 0.5,
  lossReadEvery: 5,
  taskWeights: { promo_stream: 1, ad_stream: 1, click: 1, like: 1, follow: 1 },
  balancing: 'fixed',
  gradnormAlpha: 1.5,
  diagnosticBatches: 4,
};
