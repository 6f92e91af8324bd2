/**
 * The impression file format (version 1) as types and constants.
 * See docs/impressions.md (restating ../shared/spec/impressions.md).
 */

/** The channel of an impression: the paper's s(x) in {A, P}. */
export const SOURCES = ['promo', 'ad'] as const;
export type Source = (typeof SOURCES)[number];
/** A source as people read it in titles and headers ('Promotions AP', '### Ads'). */
export const SOURCE_LABEL = { promo: 'Promotions', ad: 'Ads' } as const satisfies Record<Source, string>;
/** One impression of a source, in running text ('all promotion test rows'). */
export const SOURCE_NOUN = { promo: 'promotion', ad: 'ad' } as const satisfies Record<Source, string>;
/** Numeric code of a source in a `Uint8Array` source column. */
export const SOURCE_CODE = { promo: 0, ad: 1 } as const satisfies Record<Source, number>;
export type SourceCode = (typeof SOURCE_CODE)[Source];

/** The five heads of the paper's joint model. */
export const TASKS = ['promo_stream', 'ad_stream', 'click', 'like', 'follow'] as const;
export type TaskId = (typeof TASKS)[number];

/** Binary label columns of the file format. */
export const LABELS = ['stream', 'click', 'like', 'follow'] as const;
export type LabelName = (typeof LABELS)[number];

/** Which label column each task learns from. */
export const TASK_LABEL = {
  promo_stream: 'stream',
  ad_stream: 'stream',
  click: 'click',
  like: 'like',
  follow: 'follow',
} as const satisfies Record<TaskId, LabelName>;

/** Value of a label cell that was not observed (missing). Observed labels are 0 or 1. */
export const MISSING_LABEL = 255;

/** The four feature groups of the paper, keyed by column-name prefix. */
export const FEATURE_GROUPS = ['user', 'content', 'context', 'creative'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];
export const GROUP_PREFIX = {
  user: 'user_',
  content: 'content_',
  context: 'context_',
  creative: 'creative_',
} as const satisfies Record<FeatureGroup, string>;

export const REQUIRED_COLUMNS = ['source', 'day', 'user_id', 'podcast_id', 'stream'] as const;
export const OPTIONAL_LABEL_COLUMNS = ['click', 'like', 'follow'] as const;
export const SEGMENT_COLUMNS = ['stream_tier', 'show_streams_30d', 'cost'] as const;

/** Stream tier: 0 = most streamed show, 7 = least. */
export type Tier = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const TIERS: readonly Tier[] = [0, 1, 2, 3, 4, 5, 6, 7];
export const TIER_COUNT = 8;
/** Value of a tier cell that is not known (before derivation). */
export const MISSING_TIER = -1;
/** A creator is "less-streamed" below this many streams over the previous 30 days. */
export const LESS_STREAMED_THRESHOLD = 5000;

/** Feature group of a column name, or undefined when it is not a feature column. */
export function featureGroupOf(column: string): FeatureGroup | undefined {
  if (column === 'user_id') return 'user';
  if (column === 'podcast_id') return 'content';
  for (const g of FEATURE_GROUPS) if (column.startsWith(GROUP_PREFIX[g])) return g;
  return undefined;
}
