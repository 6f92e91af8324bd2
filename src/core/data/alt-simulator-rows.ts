/**
 * Per-impression draws of the second generator: who saw which show through which channel, in
 * which session and creative, and the pieces its non-additive label model needs (attention, a
 * gated interest, the stream logit without its base). See docs/simulator.md, "A second generator".
 */
import type { AltSimConfig } from './alt-simulator-config';
import {
  AD_FREE_PLAN, type AltWorld, IN_STREAM_TYPE, interest, pickIndex, REGIONS,
} from './alt-simulator-world'; // prettier-ignore
import { type Rng, weightedSampler } from './rng';

export const SESSIONS = ['commute', 'workout', 'work', 'home_evening', 'bedtime', 'car'] as const;
const WEEKDAY_SESSION_WEIGHTS = [0.22, 0.1, 0.2, 0.25, 0.13, 0.1];
const WEEKEND_SESSION_WEIGHTS = [0.05, 0.15, 0.03, 0.45, 0.17, 0.15];
/** Index of the session with no screen interaction: click labels are not observed there. */
export const CAR_SESSION = 5;
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const APP_VERSIONS = ['v7.1', 'v7.2', 'v7.3', 'v8.0'] as const;
/** Index of the redesigned app version: display, carousel and promo cards get more attention. */
const REDESIGN = 3;
const REDESIGN_BOOSTED = [false, false, false, true, true, true, false];

/**
 * Attention: the probability that the impression is noticed at all, by session (rows) and
 * creative type (columns, CREATIVE_TYPES order). Eyes-busy sessions favour audio, and so on.
 */
const ATTENTION: readonly (readonly number[])[] = [
  [0.6, 0.7, 0.55, 0.35, 0.45, 0.55, 0.5], // commute
  [0.75, 0.8, 0.15, 0.1, 0.12, 0.2, 0.35], // workout
  [0.3, 0.35, 0.25, 0.5, 0.45, 0.5, 0.3], // work
  [0.5, 0.6, 0.85, 0.45, 0.7, 0.75, 0.85], // home_evening
  [0.45, 0.55, 0.4, 0.25, 0.35, 0.45, 0.4], // bedtime
  [0.8, 0.85, 0.05, 0.05, 0.05, 0.1, 0.3], // car
];
/** Click logit by call to action (listen_now, follow, learn_more); promo trailers +0.2. */
const CTA_CLICK = [0, -0.2, 0.4];
/** Extra price of in-stream ad inventory. */
const IN_STREAM_PRICE = 1.3;
/** Share of promotions from the day's editorial picks, and from shows launched in the last week. */
const FEATURED_SHARE = 0.25;
const LAUNCH_PROMO_SHARE = 0.1;
const FEATURED_PER_DAY = 30;
/** Interest logit of a user who does not speak the show's language, whatever the taste. */
const LANGUAGE_BLOCKED = -2;

export interface AltRows {
  readonly n: number;
  readonly source: Uint8Array;
  readonly day: Int32Array;
  readonly user: Int32Array;
  readonly show: Int32Array;
  /** Campaign index, -1 on promotions. */
  readonly campaign: Int32Array;
  readonly session: Int32Array;
  readonly appVersion: Int32Array;
  readonly creativeType: Int32Array;
  /** Feed position 1..12; NaN for in-stream ads. */
  readonly position: Float64Array;
  /** Observed episode length (NaN = missing) and days since the show launched (NaN = catalogue). */
  readonly episodeMinutes: Float64Array;
  readonly daysSinceLaunch: Float64Array;
  readonly showStreams: Float64Array;
  readonly cost: Float64Array;
  /** Attention in (0, 1): multiplies p(stream), and (to a power) p(click) and p(like). */
  readonly attention: Float64Array;
  /** Interest after the language gate (taste of the row's channel). */
  readonly interest: Float32Array;
  /** Stream logit without its base; the click and follow logits' extra terms. */
  readonly etaStream: Float64Array;
  readonly clickExtra: Float32Array;
  readonly followExtra: Float32Array;
}

/** Standardised log sessions (about mean 0, sd 1 over users). */
const sessionsZ = (x: number) => (Math.log1p(x) - 1.75) / 0.6;

/** Draws cfg.days * cfg.impressionsPerDay rows, ordered by day (docs/simulator.md). */
export function drawAltRows(cfg: AltSimConfig, w: AltWorld, rng: Rng): AltRows {
  const { users, shows, days, impressionsPerDay: perDay } = cfg;
  const C = cfg.showClusters;
  const n = days * perDay;
  const source = new Uint8Array(n);
  const day = new Int32Array(n);
  const user = new Int32Array(n);
  const show = new Int32Array(n);
  const campaign = new Int32Array(n).fill(-1);
  const session = new Int32Array(n);
  const appVersion = new Int32Array(n);
  const creativeType = new Int32Array(n);
  const position = new Float64Array(n);
  const episodeMinutes = new Float64Array(n);
  const daysSinceLaunch = new Float64Array(n);
  const showStreams = new Float64Array(n);
  const cost = new Float64Array(n);
  const attention = new Float64Array(n);
  const interestCol = new Float32Array(n);
  const etaStream = new Float64Array(n);
  const clickExtra = new Float32Array(n);
  const followExtra = new Float32Array(n);

  // Users: promotions reach everyone by activity; ads only users on plans with ads.
  const activity = new Float64Array(users);
  const eligible = new Float64Array(users);
  for (let u = 0; u < users; u++) {
    activity[u] = w.uSessions[u] + 1;
    eligible[u] = AD_FREE_PLAN[w.uPlan[u]] ? 0 : activity[u];
  }
  const anyEligible = eligible.some((x) => x > 0);
  const pickPromoUser = weightedSampler(activity);
  const pickAdUser = weightedSampler(anyEligible ? eligible : activity);
  // Targeted delivery: per show cluster, eligible users weighted by exp(ad-channel interest).
  const targeted: ((r: Rng) => number)[] = [];
  const pickTargeted = (c: number): ((r: Rng) => number) => {
    if (targeted[c] === undefined) {
      const wt = new Float64Array(users);
      for (let u = 0; u < users; u++)
        wt[u] = (anyEligible ? eligible[u] : activity[u]) * Math.exp(interest(w, w.tasteAd, C, u, c));
      targeted[c] = weightedSampler(wt);
    }
    return targeted[c];
  };
  const releases = [-60, -20, Math.round(0.3 * days), Math.round(0.65 * days)];

  for (let d = 0; d < days; d++) {
    // The day's promotion pickers: popularity, editorial picks, recent launches.
    const live = (s: number) => w.sLaunch[s] <= d;
    const popW = new Float64Array(shows);
    const editorW = new Float64Array(shows);
    const recent: number[] = [];
    for (let s = 0; s < shows; s++) {
      if (!live(s)) continue;
      popW[s] = (w.streams30[d * shows + s] + 1) ** 0.75;
      editorW[s] = Math.exp(2 * w.sQuality[s]);
      if (w.sNew[s] === 1 && d - w.sLaunch[s] <= 7) recent.push(s);
    }
    const pickPop = weightedSampler(popW);
    const pickEditor = weightedSampler(editorW);
    const featured = Int32Array.from({ length: FEATURED_PER_DAY }, () => pickEditor(rng));
    // The day's campaigns in flight (else any whose show is live, else any).
    const spend = new Float64Array(w.cShow.length);
    for (let c = 0; c < spend.length; c++)
      if (live(w.cShow[c]) && w.cStart[c] <= d && d < w.cEnd[c]) spend[c] = w.cSpend[c];
    if (!spend.some((x) => x > 0)) for (let c = 0; c < spend.length; c++) spend[c] = live(w.cShow[c]) ? 1 : 0;
    if (!spend.some((x) => x > 0)) spend.fill(1);
    const pickCampaign = weightedSampler(spend);
    const weekday = d % 7;
    const sessionWeights = weekday >= 5 ? WEEKEND_SESSION_WEIGHTS : WEEKDAY_SESSION_WEIGHTS;
    const adShare = Math.min(
      1,
      Math.max(0, cfg.adShare * (1 + cfg.adShareDrift * (d / Math.max(1, days - 1) - 0.5))),
    );
    const fatigue = (-cfg.adFatigue * d) / Math.max(1, days - 1);
    const weekend = weekday >= 5 ? 0.2 : 0;

    for (let i = d * perDay; i < (d + 1) * perDay; i++) {
      day[i] = d;
      const isAd = rng.nextFloat() < adShare;
      source[i] = isAd ? 1 : 0;
      let u: number;
      let s: number;
      let type: number;
      if (isAd) {
        const c = pickCampaign(rng);
        campaign[i] = c;
        s = w.cShow[c];
        u = rng.nextFloat() < cfg.targetingShare ? pickTargeted(w.sCluster[s])(rng) : pickAdUser(rng);
        type = w.cType[c];
        const price =
          (w.cBid[c] * (0.5 + 0.5 * rng.nextFloat()) * (IN_STREAM_TYPE[type] ? IN_STREAM_PRICE : 1)) / 1000;
        cost[i] = Math.round(price * 1e6) / 1e6;
      } else {
        const r = rng.nextFloat();
        if (r < FEATURED_SHARE) s = featured[rng.nextInt(FEATURED_PER_DAY)];
        else if (r < FEATURED_SHARE + LAUNCH_PROMO_SHARE && recent.length > 0)
          s = recent[rng.nextInt(recent.length)];
        else s = pickPop(rng);
        u = pickPromoUser(rng);
        type = rng.nextFloat() < 0.7 ? 5 : 6;
      }
      user[i] = u;
      show[i] = s;
      creativeType[i] = type;
      const ses = pickIndex(rng, sessionWeights);
      session[i] = ses;
      let v = 0;
      while (v + 1 < releases.length && releases[v + 1] + w.uUpdateLag[u] <= d) v++;
      appVersion[i] = v;
      const pos = IN_STREAM_TYPE[type]
        ? Number.NaN
        : isAd
          ? 1 + rng.nextInt(12)
          : 1 + Math.min(11, Math.floor(-2.5 * Math.log(1 - rng.nextFloat())));
      position[i] = pos;
      const minutes = Math.max(3, Math.round(w.sEpisodeMinutes[s] * Math.exp(0.2 * rng.normal())));
      episodeMinutes[i] = rng.nextFloat() < 0.04 ? Number.NaN : minutes;
      const age = d - w.sLaunch[s];
      daysSinceLaunch[i] = w.sNew[s] === 1 ? age : Number.NaN;
      showStreams[i] = w.streams30[d * shows + s];

      // Attention: session x creative type, feed position decay, the redesign's boost.
      let a = ATTENTION[ses][type];
      if (!Number.isNaN(pos)) a /= 1 + 0.12 * (pos - 1);
      if (v === REDESIGN && REDESIGN_BOOSTED[type]) a = Math.min(0.95, a * 1.3);
      attention[i] = a;

      // Interest: the channel's taste, unless the user cannot follow the show's language.
      const sl = w.sLanguage[s];
      const understood = sl === w.uLanguage[u] || (w.uMultilingual[u] === 1 && sl === 0);
      const tasteI = interest(w, isAd ? w.tasteAd : w.tastePromo, C, u, w.sCluster[s]);
      const gi = understood ? tasteI : LANGUAGE_BLOCKED;
      interestCol[i] = gi;

      const zs = sessionsZ(w.uSessions[u]);
      const fresh = w.sNew[s] === 1 && age <= 7 && w.uSessions[u] >= 8 ? 0.6 : 0;
      const busy = ses === 0 || ses === 1 || ses === CAR_SESSION;
      const length = busy && minutes > 60 ? -0.5 : ses === 4 && minutes < 20 ? -0.4 : 0;
      let eta =
        gi + w.sQuality[s] + fresh + length + w.crossCategorySession[w.sCategory[s] * SESSIONS.length + ses];
      if (isAd) {
        const c = campaign[i];
        eta += w.uRecAd[u] - 0.15 * zs + fatigue + 0.3 * w.cQuality[c];
        eta += w.crossThemeRegion[w.cTheme[c] * REGIONS.length + w.uRegion[u]];
        clickExtra[i] = CTA_CLICK[w.cCta[c]] + w.cQuality[c];
      } else {
        eta += w.uRecPromo[u] + 0.25 * zs + weekend;
        clickExtra[i] = type === 6 ? 0.2 : 0;
      }
      etaStream[i] = eta;
      followExtra[i] = 0.5 * zs + (w.sNew[s] === 1 ? 0.8 : 0);
    }
  }
  return {
    n, source, day, user, show, campaign, session, appVersion, creativeType, position, episodeMinutes,
    daysSinceLaunch, showStreams, cost, attention, interest: interestCol, etaStream, clickExtra, followExtra,
  }; // prettier-ignore
}
