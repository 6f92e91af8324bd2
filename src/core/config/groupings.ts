/**
 * The spec's six task groupings. m[ad][promo_stream] = 0 everywhere: ad rows never train the
 * promotion stream head (the paper's directional transfer).
 */
import type { TaskId } from '../data/schema';
import type { Grouping, GroupingId, LossMask } from './experiment';

/** The paper's mask over all five tasks, restricted to the given heads. */
export function paperMask(heads: readonly TaskId[]): LossMask {
  const promo: Partial<Record<TaskId, 0 | 1>> = {};
  const ad: Partial<Record<TaskId, 0 | 1>> = {};
  for (const t of heads) {
    promo[t] = 1;
    ad[t] = t === 'promo_stream' ? 0 : 1;
  }
  return { promo, ad };
}

function preset(
  id: GroupingId,
  label: string,
  trainsOn: Grouping['trainsOn'],
  heads: readonly TaskId[],
): Grouping {
  return { id, label, trainsOn, heads, mask: paperMask(heads) };
}

const ANC: readonly TaskId[] = ['click', 'like', 'follow'];

export const GROUPINGS: Readonly<Record<GroupingId, Grouping>> = {
  'promo-mtl': preset('promo-mtl', 'Promo MTL (baseline, Fig. 2A)', ['promo'], ['promo_stream', ...ANC]),
  'promo-stream': preset('promo-stream', 'Promo Stream head-only', ['promo'], ['promo_stream']),
  'ads-stream': preset('ads-stream', 'Ads Stream head-only', ['ad'], ['ad_stream']),
  'ads-anc': preset('ads-anc', 'Ads Stream + ANC heads', ['ad'], ['ad_stream', ...ANC]),
  'joint-5task': preset(
    'joint-5task',
    'Promo + Ads 5-task MTL (Fig. 2C)',
    ['promo', 'ad'],
    ['promo_stream', 'ad_stream', ...ANC],
  ),
  'ads-stream-pooled': preset(
    'ads-stream-pooled',
    'p(ad stream) on both sources (Fig. 2B)',
    ['promo', 'ad'],
    ['ad_stream'],
  ),
};

/**
 * The head that scores a channel's test rows (the spec's cross-channel rule): promotions use
 * promo_stream, else ad_stream; ads use ad_stream, else promo_stream.
 */
export function scoringHead(g: Pick<Grouping, 'heads'>, channel: 'promo' | 'ad'): TaskId | undefined {
  const [own, other]: TaskId[] =
    channel === 'promo' ? ['promo_stream', 'ad_stream'] : ['ad_stream', 'promo_stream'];
  if (g.heads.includes(own)) return own;
  if (g.heads.includes(other)) return other;
  return undefined;
}
