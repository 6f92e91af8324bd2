/**
 * ImpressionTable -> EncodedDataset (layout in encoded.ts). Every row is encoded, but the
 * vocabularies and numeric statistics come from the training rows only (spec: experiments.md),
 * so a value first seen on a test day is out-of-vocabulary and test values never shift a mean.
 * Vocabularies map the table's dictionary codes to vocab indices with an Int32Array, so no
 * string is touched per row.
 */
import type { CategoricalInput, EncodedDataset, MultiInput, NumericInput } from './encoded';
import { LABELS, MISSING_LABEL } from './schema';
import type { FeatureGroup } from './schema';
import { runSteps, type Steps } from './steps';
import type { DictColumn, FeatureColumn, ImpressionTable, MultiColumn } from './table';

export interface EncodeOptions {
  /** Values seen fewer than this many times in the training rows map to OOV (0). Default 2. */
  readonly minCount?: number;
  /** Cap on the slots per multi-valued column. Default 8. */
  readonly maxMultiLen?: number;
  /** Feature groups to leave out (ablation); dropping 'user' drops user_id, 'content' podcast_id. */
  readonly dropGroups?: readonly FeatureGroup[];
}

/**
 * Vocabulary from training counts per dictionary code: codes counted >= minCount get indices
 * 1..V-1 in dictionary order (deterministic: the table's first-appearance order); the rest map
 * to 0. Returns the code -> index map and V (including the OOV index 0).
 */
export function buildVocab(counts: Int32Array, minCount: number): { map: Int32Array; size: number } {
  const map = new Int32Array(counts.length);
  let size = 1;
  for (let c = 0; c < counts.length; c++) if (counts[c] >= minCount) map[c] = size++;
  return { map, size };
}

function encodeDict(
  col: DictColumn,
  trainRows: Int32Array,
  minCount: number,
  out: Int32Array,
  stride: number,
  at: number,
): number {
  // Hot loops read arrays from locals so V8 sees one array type per site, not polymorphic `col.x`.
  const codes = col.codes;
  const counts = new Int32Array(col.dict.length);
  for (let k = 0; k < trainRows.length; k++) {
    const c = codes[trainRows[k]];
    if (c >= 0) counts[c]++;
  }
  const { map, size } = buildVocab(counts, minCount);
  for (let i = 0, o = at; i < codes.length; i++, o += stride) {
    const c = codes[i];
    out[o] = c >= 0 ? map[c] : 0;
  }
  return size;
}

/** Vocabulary and slot count (min(cap, longest training list), at least 1) of a multi column. */
function multiStats(
  col: MultiColumn,
  trainRows: Int32Array,
  minCount: number,
  cap: number,
): { map: Int32Array; size: number; maxLen: number } {
  const { offsets, codes } = col;
  const counts = new Int32Array(col.dict.length);
  let longest = 0;
  for (let k = 0; k < trainRows.length; k++) {
    const r = trainRows[k];
    const from = offsets[r];
    const to = offsets[r + 1];
    if (to - from > longest) longest = to - from;
    for (let j = from; j < to; j++) if (codes[j] >= 0) counts[codes[j]]++;
  }
  // At least one slot even when training never saw a value, so every multi input has a width.
  return { ...buildVocab(counts, minCount), maxLen: Math.max(1, Math.min(cap, longest)) };
}

/**
 * Mean and population standard deviation of the non-missing (finite) training values;
 * std is 1 when the values are constant or absent, so (x - mean) / std stays finite.
 */
export function numericStats(values: Float64Array, trainRows: Int32Array): { mean: number; std: number } {
  let count = 0;
  let sum = 0;
  for (let k = 0; k < trainRows.length; k++) {
    const x = values[trainRows[k]];
    if (x - x === 0) {
      // finite (NaN and +-Infinity fail)
      count++;
      sum += x;
    }
  }
  if (count === 0) return { mean: 0, std: 1 };
  const mean = sum / count;
  let ss = 0; // two-pass: subtracting the mean first avoids the cancellation of sum(x^2) - n*mean^2
  for (let k = 0; k < trainRows.length; k++) {
    const x = values[trainRows[k]];
    if (x - x === 0) ss += (x - mean) * (x - mean);
  }
  const std = Math.sqrt(ss / count);
  return { mean, std: std > 0 ? std : 1 };
}

/** Ids seen fewer times in the training days share the out-of-vocabulary code (config train.minCount). */
export const DEFAULT_MIN_COUNT = 2;

/**
 * Encode all rows of `table` with vocabularies and statistics from `trainRows`.
 * Categorical inputs: user_id, podcast_id, then the categorical feature columns in table order.
 * Multi: per column maxLen = min(maxMultiLen, longest training list) slots; a row with k values
 * fills min(k, maxLen) slots (the first ones, longer lists truncated) with weight 1 / filled, OOV
 * values keeping their slot with code 0. Numeric: (x - mean) / std, or 0 plus indicator 1 when
 * missing. Labels: n x 4 in LABELS order, missing -> 0 with labelPresent 0.
 */
export function encodeDataset(
  table: ImpressionTable,
  trainRows: Int32Array,
  opts: EncodeOptions = {},
): EncodedDataset {
  return runSteps(encodeSteps(table, trainRows, opts));
}

/** encodeDataset in stages (core/data/steps.ts): one per input column, then the labels. */
export function* encodeSteps(
  table: ImpressionTable,
  trainRows: Int32Array,
  opts: EncodeOptions = {},
): Steps<EncodedDataset> {
  const { n } = table;
  // minCount 0 would give values never seen in training (test-only) their own index: a leak.
  const minCount = Math.max(1, opts.minCount ?? DEFAULT_MIN_COUNT);
  const cap = Math.max(1, opts.maxMultiLen ?? 8);
  const drop = new Set(opts.dropGroups ?? []);
  for (let k = 0; k < trainRows.length; k++) {
    if (!(trainRows[k] >= 0 && trainRows[k] < n))
      throw new RangeError(`training row ${trainRows[k]} outside 0..${n - 1}`);
  }
  const ids: { name: string; group: FeatureGroup; data: DictColumn }[] = [
    { name: 'user_id', group: 'user', data: table.userId },
    { name: 'podcast_id', group: 'content', data: table.podcastId },
  ];
  const kept = table.features.filter((f) => !drop.has(f.group));
  type Of<K> = Extract<FeatureColumn, { kind: K }>;
  const cats = [
    ...ids.filter((c) => !drop.has(c.group)),
    ...kept.filter((f): f is Of<'categorical'> => f.kind === 'categorical'),
  ];
  const multis = kept.filter((f): f is Of<'multi'> => f.kind === 'multi');
  const nums = kept.filter((f): f is Of<'numeric'> => f.kind === 'numeric');

  const C = cats.length;
  const columns = C + multis.length + nums.length + 1;
  let done = 0;
  const stage = (what: string) => ({ message: `encoding ${what}`, fraction: done++ / columns });
  const catCodes = new Int32Array(n * C);
  const categorical: CategoricalInput[] = [];
  for (const [j, c] of cats.entries()) {
    yield stage(c.name);
    const vocabSize = encodeDict(c.data, trainRows, minCount, catCodes, C, j);
    categorical.push({ name: c.name, group: c.group, vocabSize });
  }

  const stats = multis.map((m) => multiStats(m.data, trainRows, minCount, cap));
  const multiWidth = stats.reduce((w, s) => w + s.maxLen, 0);
  const multiCodes = new Int32Array(n * multiWidth);
  const multiWeights = new Float32Array(n * multiWidth);
  let offset = 0;
  const multi: MultiInput[] = [];
  for (const [j, m] of multis.entries()) {
    yield stage(m.name);
    const { map, size, maxLen } = stats[j];
    const { offsets, codes } = m.data;
    for (let i = 0; i < n; i++) {
      const from = offsets[i];
      const k = Math.min(offsets[i + 1] - from, maxLen);
      const base = i * multiWidth + offset;
      for (let s = 0; s < k; s++) {
        const c = codes[from + s];
        multiCodes[base + s] = c >= 0 ? map[c] : 0;
        multiWeights[base + s] = 1 / k;
      }
    }
    multi.push({ name: m.name, group: m.group, vocabSize: size, maxLen, offset });
    offset += maxLen;
  }

  const W = 2 * nums.length;
  const numericValues = new Float32Array(n * W);
  const numeric: NumericInput[] = [];
  for (const [j, f] of nums.entries()) {
    yield stage(f.name);
    const values = f.data;
    const { mean, std } = numericStats(values, trainRows);
    for (let i = 0, o = 2 * j; i < n; i++, o += W) {
      const x = values[i];
      if (x - x === 0)
        numericValues[o] = (x - mean) / std; // finite: NaN and +-Infinity fail
      else numericValues[o + 1] = 1;
    }
    numeric.push({ name: f.name, group: f.group, mean, std });
  }

  const L = LABELS.length;
  const labels = new Float32Array(n * L);
  const labelPresent = new Float32Array(n * L);
  yield stage('labels');
  LABELS.forEach((name, t) => {
    const col = table.labels[name];
    for (let i = 0, o = t; i < n; i++, o += L) {
      if (col[i] === MISSING_LABEL) continue;
      labels[o] = col[i];
      labelPresent[o] = 1;
    }
  });

  // source is shared with the table, not copied: both are read-only after loading.
  return {
    n,
    categorical,
    catCodes,
    multi,
    multiWidth,
    multiCodes,
    multiWeights,
    numeric,
    numericValues,
    source: table.source,
    labels,
    labelPresent,
  };
}
