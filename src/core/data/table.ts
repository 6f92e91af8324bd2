/**
 * The columnar impression table: one typed array per column, strings dictionary-encoded.
 * Never an array of row objects. Row i of every column is impression i of the input file.
 */
import type { FeatureGroup } from './schema';

/** Dictionary-encoded string column: `codes[i]` indexes `dict`, -1 = missing. */
export interface DictColumn {
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}

/**
 * Multi-valued categorical column (`news|comedy`) in CSR layout: row i holds the dictionary
 * codes `codes[offsets[i] .. offsets[i+1])`; an empty range is a missing value.
 */
export interface MultiColumn {
  readonly offsets: Int32Array; // length n + 1
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}

/** A model input column, with its kind inferred from its values (see the spec). */
export type FeatureColumn =
  | {
      readonly name: string;
      readonly group: FeatureGroup;
      readonly kind: 'categorical';
      readonly data: DictColumn;
    }
  | {
      readonly name: string;
      readonly group: FeatureGroup;
      readonly kind: 'multi';
      readonly data: MultiColumn;
    }
  /** Numeric values; NaN = missing. */
  | {
      readonly name: string;
      readonly group: FeatureGroup;
      readonly kind: 'numeric';
      readonly data: Float64Array;
    };

export type FeatureKind = FeatureColumn['kind'];

/** Label columns: 0, 1, or MISSING_LABEL (255). `stream` is required so never missing. */
export interface LabelColumns {
  readonly stream: Uint8Array;
  readonly click: Uint8Array;
  readonly like: Uint8Array;
  readonly follow: Uint8Array;
}

/** Per-row truth kept by the simulator for simulated A/B work (probabilities in [0, 1]). */
export interface TruthColumns {
  readonly pStream: Float32Array;
  readonly pClick: Float32Array;
}

export interface ImpressionTable {
  /** Number of rows (impressions). */
  readonly n: number;
  /** SOURCE_CODE per row: 0 = promo, 1 = ad. */
  readonly source: Uint8Array;
  /** Day index per row, >= 0. Dates are mapped to days since the earliest date in the file. */
  readonly day: Int32Array;
  /** When the file gave dates, the `YYYY-MM-DD` of day 0; otherwise undefined. */
  readonly dayZeroDate?: string;
  readonly userId: DictColumn;
  readonly podcastId: DictColumn;
  readonly labels: LabelColumns;
  /** Given `stream_tier` (0..7), or MISSING_TIER (-1) per row; null when the column is absent. */
  readonly streamTier: Int8Array | null;
  /** `show_streams_30d`, NaN = missing; null when absent. */
  readonly showStreams30d: Float64Array | null;
  /** `cost` per row, NaN = missing; null when absent (then 1 per ad impression). */
  readonly cost: Float64Array | null;
  /** Feature columns other than user_id and podcast_id, in file order. */
  readonly features: readonly FeatureColumn[];
  /** Columns of the file that are neither known nor feature columns, in file order. */
  readonly ignoredColumns: readonly string[];
  /** Simulator truth; absent for loaded files. */
  readonly truth?: TruthColumns;
}
