/**
 * One fixed colour per grouping and per task, so a grouping looks the same in every chart.
 * Colours are from a colour-blind-safe qualitative set (Okabe-Ito), on a white background.
 */
import type { GroupingId } from '../core/config/experiment';
import type { Source, TaskId } from '../core/data/schema';

export const GROUPING_COLORS = {
  'promo-mtl': '#555555',
  'promo-stream': '#E69F00',
  'ads-stream': '#56B4E9',
  'ads-anc': '#009E73',
  'joint-5task': '#D55E00',
  'ads-stream-pooled': '#CC79A7',
} as const satisfies Record<GroupingId, string>;

export const TASK_COLORS = {
  promo_stream: '#E69F00',
  ad_stream: '#0072B2',
  click: '#009E73',
  like: '#CC79A7',
  follow: '#8C6D31',
} as const satisfies Record<TaskId, string>;

/** Line style per channel where one chart shows both: promotions solid, ads dashed. */
export const CHANNEL_DASH = { promo: undefined, ad: '6 3' } as const satisfies Record<
  Source,
  string | undefined
>;

const EXTRA = ['#0072B2', '#F0E442', '#999933', '#882255', '#44AA99', '#332288'] as const;

/** The colour of a grouping: its fixed one for presets, a stable pick by id for user-defined ones. */
export function groupingColor(id: string): string {
  if (id in GROUPING_COLORS) return GROUPING_COLORS[id as GroupingId];
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return EXTRA[h % EXTRA.length];
}
