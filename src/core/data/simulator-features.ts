/**
 * The simulator's observable feature columns (spec prefixes user_, content_, context_,
 * creative_), built from the world and the impressions as typed columns.
 */
import type { FeatureGroup } from './schema';
import type { Impressions } from './simulator-impressions';
import { DEVICES, SLOTS, SURFACES } from './simulator-mechanism';
import { AGE_BUCKETS, COUNTRIES, FORMATS, GENRES, TOPICS, type World } from './simulator-world';
import type { FeatureColumn } from './table';

function cat(name: string, group: FeatureGroup, codes: Int32Array, dict: readonly string[]): FeatureColumn {
  return { name, group, kind: 'categorical', data: { codes, dict } };
}

/** Expands an entity-level CSR list (per user or per show) to a row-level CSR column. */
function multi(
  name: string,
  group: FeatureGroup,
  entityOfRow: Int32Array,
  off: Int32Array,
  codes: Int32Array,
  dict: readonly string[],
): FeatureColumn {
  const n = entityOfRow.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const e = entityOfRow[i];
    offsets[i + 1] = offsets[i] + off[e + 1] - off[e];
  }
  const rowCodes = new Int32Array(offsets[n]);
  // A plain loop: a subarray per row costs an allocation each (most of the time on 300k rows).
  for (let i = 0, o = 0; i < n; i++) {
    const e = entityOfRow[i];
    for (let k = off[e]; k < off[e + 1]; k++) rowCodes[o++] = codes[k];
  }
  return { name, group, kind: 'multi', data: { offsets, codes: rowCodes, dict } };
}

/** values[entity of row i] for every row (a plain loop: typed-array from() with a map is slow). */
export function gather<T extends Int8Array | Int32Array | Float64Array>(
  entityOfRow: Int32Array,
  values: T,
  out: T,
): T {
  for (let i = 0; i < entityOfRow.length; i++) out[i] = values[entityOfRow[i]];
  return out;
}
const byUser = (imp: Impressions, values: Int32Array) => gather(imp.user, values, new Int32Array(imp.n));
const byShow = (imp: Impressions, values: Int32Array) => gather(imp.show, values, new Int32Array(imp.n));

/**
 * Feature columns in file order. creative_* are missing (code -1) on promotion rows, as the spec
 * allows; user_listen_hours_30d, user_top_genres and content_episode_age_days have some missing
 * values (users without history, unknown publish dates).
 */
export function buildSimFeatures(w: World, imp: Impressions): FeatureColumn[] {
  const campaignDict = Array.from({ length: w.cShow.length }, (_, c) => `cmp_${c}`);
  return [
    cat('user_country', 'user', byUser(imp, w.uCountry), COUNTRIES),
    cat('user_age_bucket', 'user', byUser(imp, w.uAge), AGE_BUCKETS),
    {
      name: 'user_listen_hours_30d',
      group: 'user',
      kind: 'numeric',
      data: gather(imp.user, w.uListen, new Float64Array(imp.n)),
    },
    multi('user_top_genres', 'user', imp.user, w.uTopOff, w.uTopCodes, GENRES),
    cat('content_genre', 'content', byShow(imp, w.sGenre), GENRES),
    multi('content_topics', 'content', imp.show, w.sTopOff, w.sTopCodes, TOPICS),
    { name: 'content_episode_age_days', group: 'content', kind: 'numeric', data: imp.episodeAge },
    cat('context_surface', 'context', imp.surface, SURFACES),
    cat('context_device', 'context', imp.device, DEVICES),
    { name: 'context_hour', group: 'context', kind: 'numeric', data: imp.hour },
    cat('creative_format', 'creative', imp.format, FORMATS),
    cat('creative_slot', 'creative', imp.slot, SLOTS),
    cat('creative_campaign_id', 'creative', imp.campaign, campaignDict),
  ];
}
