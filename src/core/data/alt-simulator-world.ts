/**
 * The second generator's world (docs/simulator.md, "A second generator"): users and shows drawn
 * from discrete latent clusters with a block-structured (not low-rank) taste table, Zipf show
 * popularity that moves from day to day, shows launching during the window, and ad campaigns
 * that run in flights. Drawn once per seed; the per-impression draws live in alt-simulator-rows.ts.
 */
import type { AltSimConfig } from './alt-simulator-config';
import type { Rng } from './rng';

export const REGIONS = ['NA', 'LATAM', 'UK_IE', 'DACH', 'FR_BE', 'NORDICS', 'IBERIA', 'APAC'] as const;
const REGION_WEIGHTS = [0.3, 0.12, 0.1, 0.1, 0.08, 0.06, 0.08, 0.16];
export const LANGUAGES = ['en', 'es', 'de', 'fr', 'sv', 'ja'] as const;
/** Language of each region's users (APAC: 'en' or 'ja', see makeAltWorld). */
const REGION_LANGUAGE = [0, 1, 0, 2, 3, 4, 1, 0];
const SHOW_LANGUAGE_WEIGHTS = [0.55, 0.15, 0.1, 0.08, 0.04, 0.08];
export const PLANS = ['free', 'premium', 'family', 'student'] as const;
const PLAN_WEIGHTS = [0.58, 0.25, 0.09, 0.08];
/** Plans without ads: their users only ever see promotions. */
export const AD_FREE_PLAN = [false, true, true, false];
export const CATEGORIES = [
  'news', 'comedy', 'true_crime', 'sports', 'business', 'tech',
  'wellness', 'history', 'music', 'culture', 'kids', 'science',
] as const; // prettier-ignore
export const TAG_COUNT = 48;
export const TAGS: readonly string[] = Array.from({ length: TAG_COUNT }, (_, t) => `tag${t}`);
/** Ad creative types, then promotion creative types: one `creative_type` dictionary. */
export const CREATIVE_TYPES = [
  'audio_spot', 'host_read', 'video_clip', 'display', 'carousel', 'promo_card', 'promo_trailer',
] as const; // prettier-ignore
const AD_TYPE_WEIGHTS = [0.3, 0.2, 0.2, 0.18, 0.12];
/** Ad types played inside the audio stream: no feed position. */
export const IN_STREAM_TYPE = [true, true, false, false, false, false, false];
export const THEMES = [
  'humor', 'testimonial', 'urgency', 'curiosity', 'celebrity',
  'data', 'story', 'offer', 'community', 'minimal',
] as const; // prettier-ignore
export const CTAS = ['listen_now', 'follow', 'learn_more'] as const;

/** Taste levels of the (user cluster, show cluster) table: love, like, neutral, dislike. */
const LOVE = 2.0;
const LIKE = 0.8;
const DISLIKE = -1.5;

/** Index drawn from a small categorical distribution (linear scan). */
export function pickIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.nextFloat() * total;
  for (let i = 0; i < weights.length - 1; i++) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
}

/** One taste level: love 10%, like 20%, neutral 55% (around -0.4), dislike 15%. */
function tasteLevel(rng: Rng): number {
  const u = rng.nextFloat();
  if (u < 0.1) return LOVE;
  if (u < 0.3) return LIKE;
  if (u < 0.85) return -0.4 + 0.3 * rng.normal();
  return DISLIKE;
}

export interface AltWorld {
  /** Taste tables (userClusters x showClusters), row-major: promotions' and ads' (partly shared). */
  readonly tastePromo: Float32Array;
  readonly tasteAd: Float32Array;
  /** Users: primary and secondary cluster, primary weight (1 = pure), hidden traits. */
  readonly uK1: Int32Array;
  readonly uK2: Int32Array;
  readonly uW1: Float32Array;
  readonly uRegion: Int32Array;
  readonly uLanguage: Int32Array;
  readonly uMultilingual: Uint8Array;
  readonly uPlan: Int32Array;
  /** Days since sign-up (NaN = missing), sessions over 7 days, receptivity per channel. */
  readonly uTenure: Float64Array;
  readonly uSessions: Float64Array;
  readonly uRecPromo: Float32Array;
  readonly uRecAd: Float32Array;
  /** Opted out of engagement tracking: like labels never observed. */
  readonly uOptOut: Uint8Array;
  /** Days after a release before the user's app updates. */
  readonly uUpdateLag: Float64Array;
  /** Followed categories (CSR, category codes); empty = missing. */
  readonly uCatOff: Int32Array;
  readonly uCatCodes: Int32Array;
  /** Shows: cluster, category, language, tags (CSR), quality, mean episode length, launch day. */
  readonly sCluster: Int32Array;
  readonly sCategory: Int32Array;
  readonly sLanguage: Int32Array;
  readonly sTagOff: Int32Array;
  readonly sTagCodes: Int32Array;
  readonly sQuality: Float32Array;
  readonly sEpisodeMinutes: Float64Array;
  /** Day the show launches (0 for the back catalogue): no impression before it. */
  readonly sLaunch: Int32Array;
  /** 1 for shows launched inside the window (content_days_since_launch is known). */
  readonly sNew: Uint8Array;
  /** show_streams_30d per (day, show): streams30[d * shows + s]. */
  readonly streams30: Float64Array;
  /** Campaigns: show, creative type, theme, cta, bid CPM, spend weight, quality, flight days. */
  readonly cShow: Int32Array;
  readonly cType: Int32Array;
  readonly cTheme: Int32Array;
  readonly cCta: Int32Array;
  readonly cBid: Float64Array;
  readonly cSpend: Float64Array;
  readonly cQuality: Float32Array;
  readonly cStart: Int32Array;
  readonly cEnd: Int32Array;
  /** Hashed feature crosses: (theme x region) on ads, (category x session) on all rows. */
  readonly crossThemeRegion: Float32Array;
  readonly crossCategorySession: Float32Array;
}

/**
 * The world for `cfg` (see docs/simulator.md, "A second generator"): taste tables, shows (with
 * their stream counts), users, campaigns and the hashed crosses, drawn in that order from `rng`.
 */
export function makeAltWorld(cfg: AltSimConfig, sessions: number, rng: Rng): AltWorld {
  const tastes = makeTastes(cfg, rng);
  const shows = makeShows(cfg, rng);
  const users = makeUsers(cfg, tastes.tastePromo, rng);
  const campaigns = makeCampaigns(cfg, shows, rng);
  const crossThemeRegion = Float32Array.from(
    { length: THEMES.length * REGIONS.length },
    () => CROSS_SD * rng.normal(),
  );
  const crossCategorySession = Float32Array.from(
    { length: CATEGORIES.length * sessions },
    () => CROSS_SD * rng.normal(),
  );
  const { level: _level, ...showColumns } = shows;
  return { ...tastes, ...showColumns, ...users, ...campaigns, crossThemeRegion, crossCategorySession };
}

/** Taste tables: the ad table redraws a share 1 - channelShare of the promo table's cells. */
function makeTastes(cfg: AltSimConfig, rng: Rng): Pick<AltWorld, 'tastePromo' | 'tasteAd'> {
  const n = cfg.userClusters * cfg.showClusters;
  const tastePromo = new Float32Array(n);
  const tasteAd = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    tastePromo[j] = tasteLevel(rng);
    tasteAd[j] = rng.nextFloat() < cfg.channelShare ? tastePromo[j] : tasteLevel(rng);
  }
  return { tastePromo, tasteAd };
}

type ShowColumns = Pick<
  AltWorld,
  | 'sCluster' | 'sCategory' | 'sLanguage' | 'sTagOff' | 'sTagCodes' | 'sQuality' | 'sEpisodeMinutes'
  | 'sLaunch' | 'sNew' | 'streams30'
> & {
  /** Streams over 30 days at day 0 (at maturity for a new show): who advertises. */
  readonly level: Float64Array;
}; // prettier-ignore

/**
 * Shows (cluster, category, language, tags, quality, episode length, launch), then the back
 * catalogue's Zipf ranks in a random order, then show_streams_30d per day and show.
 */
function makeShows(cfg: AltSimConfig, rng: Rng): ShowColumns {
  const C = cfg.showClusters;
  const { shows, days } = cfg;
  const sCluster = new Int32Array(shows);
  const sCategory = new Int32Array(shows);
  const sLanguage = new Int32Array(shows);
  const sTagOff = new Int32Array(shows + 1);
  const tags: number[] = [];
  const sQuality = new Float32Array(shows);
  const sEpisodeMinutes = new Float64Array(shows);
  const sLaunch = new Int32Array(shows);
  const sNew = new Uint8Array(shows);
  const signature = Int32Array.from({ length: C * 3 }, () => rng.nextInt(TAG_COUNT));
  const level = new Float64Array(shows); // streams over 30 days at day 0 (or at maturity if new)
  const growth = new Float64Array(shows); // log growth per 30 days
  const rankOf = (r: number) => 2.5e6 * r ** -cfg.zipfExponent * Math.exp(0.25 * rng.normal());
  for (let s = 0; s < shows; s++) {
    const c = rng.nextInt(C);
    sCluster[s] = c;
    sCategory[s] = c % CATEGORIES.length;
    sLanguage[s] = pickIndex(rng, SHOW_LANGUAGE_WEIGHTS);
    const before = tags.length;
    for (let j = 0; j < 3; j++) {
      const t = signature[c * 3 + j];
      if (rng.nextFloat() < 0.7 && !tags.includes(t, before)) tags.push(t);
    }
    const extra = rng.nextInt(3);
    for (let j = 0; j < extra; j++) {
      const t = rng.nextInt(TAG_COUNT);
      if (!tags.includes(t, before)) tags.push(t);
    }
    if (tags.length === before) tags.push(signature[c * 3]);
    sTagOff[s + 1] = tags.length;
    sQuality[s] = 0.35 * rng.normal();
    sEpisodeMinutes[s] = Math.exp(Math.log(40) + 0.5 * rng.normal());
    const u = rng.nextFloat();
    if (u < cfg.launchShare && days > 1) {
      // Launched inside the window, on day 1..days-1; its eventual level is a random Zipf rank.
      sNew[s] = 1;
      sLaunch[s] = 1 + rng.nextInt(days - 1);
      level[s] = rankOf(1 + rng.nextInt(shows));
    } else if (u < cfg.launchShare + DORMANT_SHARE) {
      level[s] = rng.nextInt(40); // dormant back-catalogue shows: tiers 6-7
    } else {
      level[s] = -1; // ranked below
      growth[s] = 0.25 * rng.normal();
    }
  }
  // Back catalogue: Zipf ranks 1..m in a random order.
  const ranked: number[] = [];
  for (let s = 0; s < shows; s++) if (level[s] === -1) ranked.push(s);
  for (let i = ranked.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [ranked[i], ranked[j]] = [ranked[j], ranked[i]];
  }
  for (let r = 0; r < ranked.length; r++) level[ranked[r]] = rankOf(r + 1);
  const streams30 = new Float64Array(days * shows);
  for (let d = 0; d < days; d++) {
    for (let s = 0; s < shows; s++) {
      let v: number;
      if (sNew[s] === 1) v = d < sLaunch[s] ? 0 : (level[s] * Math.min(d - sLaunch[s], 30)) / 30;
      else v = level[s] * Math.exp((growth[s] * d) / 30);
      streams30[d * shows + s] = Math.floor(v);
    }
  }
  const sTagCodes = Int32Array.from(tags);
  return { sCluster, sCategory, sLanguage, sTagOff, sTagCodes, sQuality, sEpisodeMinutes, sLaunch, sNew, streams30, level }; // prettier-ignore
}

type UserColumns = Pick<
  AltWorld,
  | 'uK1' | 'uK2' | 'uW1' | 'uRegion' | 'uLanguage' | 'uMultilingual' | 'uPlan' | 'uTenure'
  | 'uSessions' | 'uRecPromo' | 'uRecAd' | 'uOptOut' | 'uUpdateLag' | 'uCatOff' | 'uCatCodes'
>; // prettier-ignore

/**
 * Users: clusters (Zipf-like cluster sizes, 40% mixed), region, language, plan, tenure, sessions,
 * receptivity per channel, opt-out, update lag, and followed categories read off the loved show
 * clusters of `tastePromo`.
 */
function makeUsers(cfg: AltSimConfig, tastePromo: Float32Array, rng: Rng): UserColumns {
  const K = cfg.userClusters;
  const C = cfg.showClusters;
  const { users } = cfg;
  const clusterWeights = Array.from({ length: K }, (_, k) => 1 / (k + 1) ** 0.7);
  const uK1 = new Int32Array(users);
  const uK2 = new Int32Array(users);
  const uW1 = new Float32Array(users);
  const uRegion = new Int32Array(users);
  const uLanguage = new Int32Array(users);
  const uMultilingual = new Uint8Array(users);
  const uPlan = new Int32Array(users);
  const uTenure = new Float64Array(users);
  const uSessions = new Float64Array(users);
  const uRecPromo = new Float32Array(users);
  const uRecAd = new Float32Array(users);
  const uOptOut = new Uint8Array(users);
  const uUpdateLag = new Float64Array(users);
  const uCatOff = new Int32Array(users + 1);
  const cats: number[] = [];
  const rc = cfg.channelShare;
  for (let u = 0; u < users; u++) {
    const k1 = pickIndex(rng, clusterWeights);
    uK1[u] = k1;
    // 60% pure members; the rest split between two clusters.
    const mixed = rng.nextFloat() >= 0.6 && K > 1;
    uK2[u] = mixed ? (k1 + 1 + rng.nextInt(K - 1)) % K : k1;
    uW1[u] = mixed ? 0.5 + 0.3 * rng.nextFloat() : 1;
    const region = pickIndex(rng, REGION_WEIGHTS);
    uRegion[u] = region;
    uLanguage[u] = region === 7 && rng.nextFloat() < 0.4 ? 5 : REGION_LANGUAGE[region];
    uMultilingual[u] = rng.nextFloat() < 0.35 ? 1 : 0;
    uPlan[u] = pickIndex(rng, PLAN_WEIGHTS);
    const fresh = rng.nextFloat() < 0.1;
    const tenure = fresh ? rng.nextInt(30) : Math.round(Math.exp(Math.log(400) + 0.9 * rng.normal()));
    uTenure[u] = rng.nextFloat() < 0.07 ? Number.NaN : tenure;
    uSessions[u] = Math.floor(Math.exp(1.6 + 0.7 * rng.normal()));
    // Receptivity to promotions and to ads, correlated by channelShare.
    const rp = rng.normal();
    uRecPromo[u] = 0.5 * rp;
    uRecAd[u] = 0.5 * (rc * rp + Math.sqrt(1 - rc * rc) * rng.normal()) + (tenure < 60 ? 0.3 : 0);
    uOptOut[u] = rng.nextFloat() < 0.15 ? 1 : 0;
    uUpdateLag[u] = -6 * Math.log(1 - rng.nextFloat());
    // Followed categories: a noisy view of the loved (and some liked) show clusters; new users
    // (under 14 days) have followed nothing yet.
    const start = cats.length;
    if (tenure >= 14) {
      for (let c = 0; c < C; c++) {
        const a = uW1[u] * tastePromo[k1 * C + c] + (1 - uW1[u]) * tastePromo[uK2[u] * C + c];
        const p = a >= 1.5 ? 0.7 : a >= 0.8 ? 0.25 : 0.02;
        const cat = c % CATEGORIES.length;
        if (rng.nextFloat() < p && !cats.includes(cat, start)) cats.push(cat);
      }
    }
    uCatOff[u + 1] = cats.length;
  }
  const uCatCodes = Int32Array.from(cats);
  return { uK1, uK2, uW1, uRegion, uLanguage, uMultilingual, uPlan, uTenure, uSessions, uRecPromo, uRecAd, uOptOut, uUpdateLag, uCatOff, uCatCodes }; // prettier-ignore
}

type CampaignColumns = Pick<
  AltWorld,
  'cShow' | 'cType' | 'cTheme' | 'cCta' | 'cBid' | 'cSpend' | 'cQuality' | 'cStart' | 'cEnd'
>;

/**
 * Campaigns: launched shows advertise most (cold-start marketing), dormant ones rarely; at least
 * one campaign, so the ad channel is never empty.
 */
function makeCampaigns(
  cfg: AltSimConfig,
  shows: Pick<ShowColumns, 'sNew' | 'sLaunch' | 'level'>,
  rng: Rng,
): CampaignColumns {
  const { sNew, sLaunch, level } = shows;
  const { days } = cfg;
  const cShow: number[] = [];
  const cType: number[] = [];
  const cTheme: number[] = [];
  const cCta: number[] = [];
  const cBid: number[] = [];
  const cSpend: number[] = [];
  const cQuality: number[] = [];
  const cStart: number[] = [];
  const cEnd: number[] = [];
  for (let s = 0; s < cfg.shows; s++) {
    const pAdv = sNew[s] === 1 ? 0.7 : level[s] < 40 ? 0.1 : 0.25;
    if (rng.nextFloat() >= pAdv) continue;
    const k = 1 + rng.nextInt(2);
    for (let j = 0; j < k; j++) {
      cShow.push(s);
      cType.push(pickIndex(rng, AD_TYPE_WEIGHTS));
      cTheme.push(rng.nextInt(THEMES.length));
      cCta.push(rng.nextInt(CTAS.length));
      cBid.push(Math.exp(Math.log(8) + 0.5 * rng.normal()));
      cSpend.push(Math.exp(rng.normal()) * (sNew[s] === 1 ? 2.5 : 1));
      cQuality.push(0.3 * rng.normal());
      // Flights: new shows from launch for 2-4 weeks; others any 1-4 weeks overlapping the window.
      const start = sNew[s] === 1 ? sLaunch[s] : rng.nextInt(days + 10) - 10;
      cStart.push(start);
      cEnd.push(start + 7 + rng.nextInt(22));
    }
  }
  if (cShow.length === 0) {
    cShow.push(rng.nextInt(cfg.shows));
    cType.push(0);
    cTheme.push(0);
    cCta.push(0);
    cBid.push(8);
    cSpend.push(1);
    cQuality.push(0);
    cStart.push(0);
    cEnd.push(days);
  }
  return {
    cShow: Int32Array.from(cShow), cType: Int32Array.from(cType), cTheme: Int32Array.from(cTheme),
    cCta: Int32Array.from(cCta), cBid: Float64Array.from(cBid), cSpend: Float64Array.from(cSpend),
    cQuality: Float32Array.from(cQuality), cStart: Int32Array.from(cStart), cEnd: Int32Array.from(cEnd),
  }; // prettier-ignore
}

/** Share of back-catalogue shows that are dormant (0-39 streams over 30 days). */
const DORMANT_SHARE = 0.05;
/** Sd of each cell of the hashed feature-cross tables (logit scale). */
const CROSS_SD = 0.35;

/** Interest of user u in show cluster c from a taste table (the two-cluster mixture). */
export function interest(w: AltWorld, taste: Float32Array, C: number, u: number, c: number): number {
  const w1 = w.uW1[u];
  return w1 * taste[w.uK1[u] * C + c] + (1 - w1) * taste[w.uK2[u] * C + c];
}
