/**
 * All embedding tables of a model as one flat variable (WebGPU's lean step): where each table
 * lies in it, where its vectors go in the encoder's input, and the small int32 description the
 * fused lookup kernels read (kernels/webgpu/lookup-webgpu.ts).
 *
 * One variable instead of one per column lets one dispatch read every table (a shader binds at
 * most 8 storage buffers, so twelve tables cannot be bound at once) and lets Adam update all of
 * them in one unit. Table j [V_j, d_j] is stored row-major at tableOffset_j, so its element
 * (v, k) is flat[tableOffset_j + v d_j + k]; the initial values are table j's own (createModel
 * draws them per column, as on every other backend), laid end to end.
 */
import type { ModelInputSpec } from './inputs';

/** One embedding column in the flat layout (categorical columns first, then multi-valued ones). */
export interface FlatColumn {
  /** Codes per row: 0 for a categorical column (one id), else the multi column's maxLen L. */
  readonly bagLen: number;
  /** Column of catCodes (categorical) or first column of multiCodes / multiWeights (multi). */
  readonly source: number;
  readonly vocab: number;
  readonly dim: number;
  /** Start of the table in the flat variable (floats). */
  readonly tableOffset: number;
  /** First column of the column's vector in the lookup's output [B, embWidth + numericWidth]. */
  readonly outOffset: number;
  /** Id slots per batch row before this column (1 per categorical, L per multi): its plan's place. */
  readonly slotsBefore: number;
}

export interface FlatLayout {
  readonly columns: readonly FlatColumn[];
  /** Floats in the flat variable: sum_j V_j d_j. */
  readonly tableSize: number;
  /** sum_j d_j: the embedding block's width; numeric inputs follow it in the output. */
  readonly embWidth: number;
  readonly numericWidth: number;
  /** Id slots per batch row over all columns (C + sum of the multi columns' L). */
  readonly slotsPerRow: number;
  readonly catWidth: number;
  readonly multiWidth: number;
}

/** Ints per output column and per table column in layoutMeta. */
export const OUT_META = 4;
export const TABLE_META = 8;

/** The flat layout of the tables of `spec` with widths `dims` (categorical then multi). */
export function flatLayout(spec: ModelInputSpec, dims: readonly number[]): FlatLayout {
  const sources = [
    ...spec.categorical.map((c, j) => ({ bagLen: 0, source: j, vocab: c.vocabSize })),
    ...spec.multi.map((m) => ({ bagLen: m.maxLen, source: m.offset, vocab: m.vocabSize })),
  ];
  let tableOffset = 0;
  let outOffset = 0;
  let slotsBefore = 0;
  const columns = sources.map((s, j) => {
    const dim = dims[j] as number;
    const col = { ...s, dim, tableOffset, outOffset, slotsBefore };
    tableOffset += s.vocab * dim;
    outOffset += dim;
    slotsBefore += Math.max(1, s.bagLen);
    return col;
  });
  const last = spec.multi[spec.multi.length - 1];
  return {
    columns,
    tableSize: tableOffset,
    embWidth: outOffset,
    numericWidth: spec.numericWidth,
    slotsPerRow: slotsBefore,
    catWidth: spec.categorical.length,
    multiWidth: last ? last.offset + last.maxLen : 0,
  };
}

/**
 * The kernels' description of a layout, int32: first OUT_META ints per output column e of
 * [B, embWidth + numericWidth] (bagLen, or -1 for a numeric column; source column; the flat
 * index of the column's table at row 0, element k; d), then TABLE_META per table column
 * (tableOffset, d, outOffset, slotsBefore, bagLen, source, vocab, 0).
 */
export function layoutMeta(layout: FlatLayout): Int32Array {
  const width = layout.embWidth + layout.numericWidth;
  const meta = new Int32Array(OUT_META * width + TABLE_META * layout.columns.length);
  for (const c of layout.columns)
    for (let k = 0; k < c.dim; k++)
      meta.set([c.bagLen, c.source, c.tableOffset + k, c.dim], OUT_META * (c.outOffset + k));
  for (let k = 0; k < layout.numericWidth; k++) meta.set([-1, k, 0, 0], OUT_META * (layout.embWidth + k));
  layout.columns.forEach((c, j) =>
    meta.set(
      [c.tableOffset, c.dim, c.outOffset, c.slotsBefore, c.bagLen, c.source, c.vocab, 0],
      OUT_META * width + TABLE_META * j,
    ),
  );
  return meta;
}

/** The per-column initial values laid end to end in layout order. */
export function flatInitial(layout: FlatLayout, perColumn: readonly Float32Array[]): Float32Array {
  const flat = new Float32Array(layout.tableSize);
  layout.columns.forEach((c, j) => {
    const values = perColumn[j] as Float32Array;
    if (values.length !== c.vocab * c.dim)
      throw new Error(`flat tables: column ${j} has ${values.length} values`);
    flat.set(values, c.tableOffset);
  });
  return flat;
}
