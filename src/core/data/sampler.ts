/**
 * Seeded, source-balanced mini-batch sampler (spec: experiments.md, "Source-balanced sampling").
 * Each source is an endless stream of its rows: shuffled, consumed without replacement, and
 * reshuffled when exhausted, so within one pass over a source every row is drawn exactly once.
 */
import { type Rng as FullRng, shuffleInPlace } from './rng';

/** The random source the sampler needs (rng.ts's Rng provides it). */
export type Rng = Pick<FullRng, 'nextFloat' | 'nextInt'>;

export interface BatchSamplerOptions {
  readonly rowsBySource: { readonly promo: Int32Array; readonly ad: Int32Array };
  readonly batchSize: number;
  /** Share of promo rows per batch in [0, 1], or 'natural' (one pooled stream of both sources). */
  readonly promoShare: number | 'natural';
  readonly rng: Rng;
}

export interface BatchSampler {
  /** Row indices of the next mini-batch (a fresh array of batchSize rows, promo rows first). */
  next(): Int32Array;
  /** ceil(total rows / batchSize): the batches that make one epoch's worth of rows. */
  readonly stepsPerEpoch: number;
}

/** An endless without-replacement stream over `rows` (copied, never mutated). */
function rowStream(rows: Int32Array, rng: Rng): (out: Int32Array, from: number, count: number) => void {
  const order = shuffleInPlace(Int32Array.from(rows), rng);
  let pos = 0;
  return (out, from, count) => {
    for (let k = 0; k < count; k++) {
      if (pos === order.length) {
        shuffleInPlace(order, rng);
        pos = 0;
      }
      out[from + k] = order[pos++];
    }
  };
}

/**
 * Create a sampler. With rows of both sources and a numeric promoShare p, every batch holds
 * round(batchSize * p) promo rows and the rest ad rows, whatever the sources' sizes (so a small
 * source is revisited more often than a large one). With 'natural', batches come from one pooled
 * stream, so promo rows appear in proportion to their count. With rows of only one source, batches
 * come from it alone. A batch larger than a source's rows wraps into its next pass.
 */
export function createBatchSampler(opts: BatchSamplerOptions): BatchSampler {
  const { rowsBySource, batchSize, promoShare, rng } = opts;
  const { promo, ad } = rowsBySource;
  const total = promo.length + ad.length;
  if (!(Number.isInteger(batchSize) && batchSize > 0))
    throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
  if (total === 0) throw new RangeError('cannot sample batches: no training rows');
  if (promoShare !== 'natural' && !(promoShare >= 0 && promoShare <= 1)) {
    throw new RangeError(`promoShare must be in [0, 1] or 'natural' (got ${promoShare})`);
  }
  const stepsPerEpoch = Math.ceil(total / batchSize);
  const pooled = promoShare === 'natural' || promo.length === 0 || ad.length === 0;
  if (pooled) {
    const all = new Int32Array(total);
    all.set(promo);
    all.set(ad, promo.length);
    const stream = rowStream(all, rng);
    return {
      stepsPerEpoch,
      next() {
        const out = new Int32Array(batchSize);
        stream(out, 0, batchSize);
        return out;
      },
    };
  }
  const nPromo = Math.round(batchSize * promoShare);
  const promoStream = rowStream(promo, rng);
  const adStream = rowStream(ad, rng);
  return {
    stepsPerEpoch,
    next() {
      const out = new Int32Array(batchSize);
      promoStream(out, 0, nPromo);
      adStream(out, nPromo, batchSize - nPromo);
      return out;
    },
  };
}
