/**
 * A second, independent impression generator whose mechanism differs from simulator.ts on
 * purpose: discrete user and show taste clusters instead of latent vectors, a product of attention
 * (session x creative) and a language-gated interest instead of one additive logit, Zipf
 * popularity that moves day by day, launches, campaign flights, drift across days, a partly
 * channel-specific ad taste, different label noise and missingness and different feature columns.
 * It exists so that recipe defaults are checked on more than one kind of data, not fitted to one
 * generator. See docs/simulator.md, "A second generator".
 */
import { problemList } from './config-problems';
import type { AltSimConfig } from './alt-simulator-config';
import { APP_VERSIONS, CAR_SESSION, drawAltRows, SESSIONS, WEEKDAYS } from './alt-simulator-rows';
import {
  type AltWorld, CATEGORIES, CREATIVE_TYPES, CTAS, LANGUAGES, makeAltWorld, PLANS, REGIONS, TAGS, THEMES,
} from './alt-simulator-world'; // prettier-ignore
import { createRng } from './rng';
import { MISSING_LABEL, type FeatureGroup } from './schema';
import type { FeatureColumn, ImpressionTable } from './table';
import { tierFromShowStreams } from './tiers';

export type { AltSimConfig } from './alt-simulator-config';

/**
 * Default size: 28 days x 5400 = 151,200 rows, about 40% ads (drifting from 34% to 46%). The
 * default 70/15/15 split gives 4 test days with about 10,000 ad rows, so about 250-300 recorded ad
 * stream positives there.
 */
export const DEFAULT_ALT_CONFIG: AltSimConfig = {
  users: 12_000,
  shows: 1_500,
  days: 28,
  impressionsPerDay: 5_400,
  adShare: 0.4,
  rates: { promoStream: 0.07, adStream: 0.03, click: 0.06, like: 0.04, follow: 0.2 },
  userClusters: 16,
  showClusters: 24,
  zipfExponent: 1.3,
  channelShare: 0.6,
  launchShare: 0.12,
  adFatigue: 0.4,
  adShareDrift: 0.3,
  targetingShare: 0.35,
  streamLossShare: 0.1,
  accidentalStreamRate: 0.002,
};

export interface AltSimOptions {
  /**
   * Write `stream_tier` (default false: the column is left out and derived from
   * `show_streams_30d` by the project's thresholds, as the spec says).
   */
  readonly includeStreamTier?: boolean;
}

/** Human-readable problems with a config (empty when valid). */
export function altConfigProblems(cfg: AltSimConfig): string[] {
  const { out, int, range } = problemList();
  int(cfg.users, 'users', 1);
  int(cfg.shows, 'shows', 1);
  int(cfg.days, 'days', 1);
  int(cfg.impressionsPerDay, 'impressionsPerDay', 1);
  int(cfg.userClusters, 'userClusters', 1);
  int(cfg.showClusters, 'showClusters', 1);
  range(cfg.adShare, 'adShare', 0, 1);
  range(cfg.zipfExponent, 'zipfExponent', 0.1, 4);
  range(cfg.channelShare, 'channelShare', 0, 1);
  range(cfg.launchShare, 'launchShare', 0, 0.9);
  range(cfg.adFatigue, 'adFatigue', -3, 3);
  range(cfg.adShareDrift, 'adShareDrift', 0, 1);
  range(cfg.targetingShare, 'targetingShare', 0, 1);
  range(cfg.streamLossShare, 'streamLossShare', 0, 0.5);
  range(cfg.accidentalStreamRate, 'accidentalStreamRate', 0, 0.01);
  for (const [k, v] of Object.entries(cfg.rates)) range(v, `rates.${k}`, 1e-4, 0.5);
  for (const k of ['promoStream', 'adStream'] as const)
    if (cfg.rates[k] <= 2 * cfg.accidentalStreamRate)
      out.push(`rates.${k} must exceed twice accidentalStreamRate (got ${cfg.rates[k]})`);
  return out;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * The base b with mean over `rows` (null = all) of gate_i * sigmoid(b + eta_i) = target (Newton,
 * steps clipped to +-4; gate null = 1). When the target is above the mean gate it cannot be
 * reached, and b stops at 20.
 */
export function calibrateGated(
  eta: Float64Array,
  gate: Float64Array | null,
  rows: Int32Array | null,
  target: number,
): number {
  const k = rows === null ? eta.length : rows.length;
  if (k === 0) return 0;
  let b = Math.log(target / (1 - target));
  for (let it = 0; it < 60; it++) {
    let f = 0;
    let df = 0;
    for (let j = 0; j < k; j++) {
      const i = rows === null ? j : rows[j];
      const g = gate === null ? 1 : gate[i];
      const p = sigmoid(b + eta[i]);
      f += g * p;
      df += g * p * (1 - p);
    }
    const step = Math.max(-4, Math.min(4, (f / k - target) / Math.max(df / k, 1e-12)));
    b = Math.min(20, b - step);
    if (Math.abs(step) < 1e-9) break;
  }
  return b;
}

function rowsWhere(n: number, keep: (i: number) => boolean): Int32Array {
  const out = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (keep(i)) out[k++] = i;
  return out.slice(0, k);
}

/**
 * Simulates cfg.days * cfg.impressionsPerDay rows (ordered by day) from `seed` alone: the same
 * config, options and seed give identical columns. `truth` holds each row's true p(stream) (of a
 * real stream, before the logging noise on the recorded label) and p(click).
 */
export function simulateAlt(cfg: AltSimConfig, seed: number, opts: AltSimOptions = {}): ImpressionTable {
  const problems = altConfigProblems(cfg);
  if (problems.length > 0) throw new RangeError(`Invalid alt simulator config: ${problems.join('; ')}`);
  const rng = createRng(seed);
  const w = makeAltWorld(cfg, SESSIONS.length, rng.fork('alt-world'));
  const r = drawAltRows(cfg, w, rng.fork('alt-rows'));
  const { n, source } = r;

  // Stream: p = attention * sigmoid(b_source + eta), calibrated so the recorded rate (after a
  // share streamLossShare of real streams is lost and accidental streams are added) is the target.
  const loss = cfg.streamLossShare;
  const fp = cfg.accidentalStreamRate;
  const clean = (t: number) => (t - fp) / (1 - loss - fp);
  const promoRows = rowsWhere(n, (i) => source[i] === 0);
  const adRows = rowsWhere(n, (i) => source[i] === 1);
  const bPromo = calibrateGated(r.etaStream, r.attention, promoRows, clean(cfg.rates.promoStream));
  const bAd = calibrateGated(r.etaStream, r.attention, adRows, clean(cfg.rates.adStream));
  // Click: sqrt(attention) * sigmoid(b + 0.4 interest + cta / creative terms).
  const clickGate = new Float64Array(n);
  const clickEta = new Float64Array(n);
  // Like: (0.3 + 0.7 attention) * sigmoid(b + 0.9 interest + 1.2 quality).
  const likeGate = new Float64Array(n);
  const likeEta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = r.attention[i];
    clickGate[i] = Math.sqrt(a);
    clickEta[i] = 0.4 * r.interest[i] + r.clickExtra[i];
    likeGate[i] = 0.3 + 0.7 * a;
    likeEta[i] = 0.9 * r.interest[i] + 1.2 * w.sQuality[r.show[i]];
  }
  const bClick = calibrateGated(clickEta, clickGate, null, cfg.rates.click);
  const bLike = calibrateGated(likeEta, likeGate, null, cfg.rates.like);

  const pStream = new Float32Array(n);
  const pClick = new Float32Array(n);
  const stream = new Uint8Array(n);
  const click = new Uint8Array(n);
  const like = new Uint8Array(n);
  const follow = new Uint8Array(n).fill(MISSING_LABEL);
  const lr = rng.fork('alt-labels');
  const outageDay = Math.floor(0.4 * cfg.days);
  for (let i = 0; i < n; i++) {
    const ps = r.attention[i] * sigmoid((source[i] === 1 ? bAd : bPromo) + r.etaStream[i]);
    const pc = clickGate[i] * sigmoid(bClick + clickEta[i]);
    pStream[i] = ps;
    pClick[i] = pc;
    const real = lr.nextFloat() < ps;
    const u = lr.nextFloat();
    stream[i] = real ? (u < loss ? 0 : 1) : u < fp ? 1 : 0;
    click[i] = lr.bernoulli(pc);
    like[i] = lr.bernoulli(likeGate[i] * sigmoid(bLike + likeEta[i]));
    // Click is not observed in the car or on the logging-outage day; like not for opted-out users.
    if (r.session[i] === CAR_SESSION || r.day[i] === outageDay) click[i] = MISSING_LABEL;
    if (w.uOptOut[r.user[i]] === 1) like[i] = MISSING_LABEL;
  }
  // Follow: asked only after a (recorded) stream; missing on every other row.
  const followEta = new Float64Array(n);
  for (let i = 0; i < n; i++) followEta[i] = 0.8 * r.interest[i] + r.followExtra[i];
  const streamed = rowsWhere(n, (i) => stream[i] === 1);
  const bFollow = calibrateGated(followEta, null, streamed, cfg.rates.follow);
  for (let j = 0; j < streamed.length; j++) {
    const i = streamed[j];
    follow[i] = lr.bernoulli(sigmoid(bFollow + followEta[i]));
  }

  let tier: Int8Array | null = null;
  if (opts.includeStreamTier) {
    tier = new Int8Array(n);
    for (let i = 0; i < n; i++) tier[i] = tierFromShowStreams(r.showStreams[i]);
  }
  return {
    n,
    source,
    day: r.day,
    userId: { codes: r.user, dict: Array.from({ length: cfg.users }, (_, u) => `usr${u}`) },
    podcastId: { codes: r.show, dict: Array.from({ length: cfg.shows }, (_, s) => `show${s}`) },
    labels: { stream, click, like, follow },
    streamTier: tier,
    showStreams30d: r.showStreams,
    cost: r.cost,
    features: altFeatures(w, r),
    ignoredColumns: [],
    truth: { pStream, pClick },
  };
}

type Rows = ReturnType<typeof drawAltRows>;

function cat(name: string, group: FeatureGroup, codes: Int32Array, dict: readonly string[]): FeatureColumn {
  return { name, group, kind: 'categorical', data: { codes, dict } };
}
const num = (name: string, group: FeatureGroup, data: Float64Array): FeatureColumn => ({
  name,
  group,
  kind: 'numeric',
  data,
});

/** values[entity[i]] for every row, with entity -1 giving `missing`. */
function gatherI32(entity: Int32Array, values: Int32Array): Int32Array {
  const out = new Int32Array(entity.length);
  for (let i = 0; i < entity.length; i++) out[i] = entity[i] < 0 ? -1 : values[entity[i]];
  return out;
}
function gatherF64(entity: Int32Array, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(entity.length);
  for (let i = 0; i < entity.length; i++) out[i] = entity[i] < 0 ? Number.NaN : values[entity[i]];
  return out;
}
/** An entity-level CSR list expanded to a row-level multi-valued column. */
function multi(
  name: string,
  group: FeatureGroup,
  entity: Int32Array,
  off: Int32Array,
  codes: Int32Array,
  dict: readonly string[],
): FeatureColumn {
  const n = entity.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + off[entity[i] + 1] - off[entity[i]];
  const out = new Int32Array(offsets[n]);
  for (let i = 0, o = 0; i < n; i++)
    for (let k = off[entity[i]]; k < off[entity[i] + 1]; k++) out[o++] = codes[k];
  return { name, group, kind: 'multi', data: { offsets, codes: out, dict } };
}

/**
 * The feature columns in file order. creative_theme, creative_cta, creative_advertiser_id and
 * creative_bid_cpm are ads only (missing on promotions); creative_type covers both channels with
 * different values. Missing values: user_tenure_days (7% of users), user_followed_categories
 * (users under 14 days old, and users who follow nothing), content_episode_minutes (4% of rows),
 * content_days_since_launch (every back-catalogue show), context_position (in-stream ads).
 */
function altFeatures(w: AltWorld, r: Rows): FeatureColumn[] {
  const { user, show, campaign, n } = r;
  const weekday = new Int32Array(n);
  for (let i = 0; i < n; i++) weekday[i] = r.day[i] % 7;
  const bid = gatherF64(campaign, w.cBid);
  for (let i = 0; i < n; i++) if (!Number.isNaN(bid[i])) bid[i] = Math.round(bid[i] * 100) / 100;
  const advertiserDict = Array.from({ length: w.cShow.length }, (_, c) => `adv${c}`);
  const advertiser = new Int32Array(n);
  for (let i = 0; i < n; i++) advertiser[i] = campaign[i];
  return [
    cat('user_region', 'user', gatherI32(user, w.uRegion), REGIONS),
    cat('user_plan', 'user', gatherI32(user, w.uPlan), PLANS),
    num('user_tenure_days', 'user', gatherF64(user, w.uTenure)),
    num('user_sessions_7d', 'user', gatherF64(user, w.uSessions)),
    multi('user_followed_categories', 'user', user, w.uCatOff, w.uCatCodes, CATEGORIES),
    cat('content_category', 'content', gatherI32(show, w.sCategory), CATEGORIES),
    cat('content_language', 'content', gatherI32(show, w.sLanguage), LANGUAGES),
    multi('content_tags', 'content', show, w.sTagOff, w.sTagCodes, TAGS),
    num('content_episode_minutes', 'content', r.episodeMinutes),
    num('content_days_since_launch', 'content', r.daysSinceLaunch),
    cat('context_session', 'context', r.session, SESSIONS),
    cat('context_weekday', 'context', weekday, WEEKDAYS),
    cat('context_app_version', 'context', r.appVersion, APP_VERSIONS),
    num('context_position', 'context', r.position),
    cat('creative_type', 'creative', r.creativeType, CREATIVE_TYPES),
    cat('creative_theme', 'creative', gatherI32(campaign, w.cTheme), THEMES),
    cat('creative_cta', 'creative', gatherI32(campaign, w.cCta), CTAS),
    cat('creative_advertiser_id', 'creative', advertiser, advertiserDict),
    num('creative_bid_cpm', 'creative', bid),
  ];
}
