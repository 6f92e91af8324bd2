/**
 * Per-impression draws of the simulator: who saw which show through which channel, in which
 * context and creative, and the logit components of every outcome (see docs/simulator.md).
 */
import type { SimConfig } from './simulator-config';
import { type Rng, weightedSampler } from './rng';
import {
  AD_SURFACE_WEIGHTS, AD_SURFACES, COMPONENTS, DEVICE_EFFECT, DEVICE_WEIGHTS, eveningEffect,
  FORMAT_CLICK_EFFECT, FORMAT_CPM, FORMAT_SLOTS, FORMAT_STREAM_EFFECT, HOUR_WEIGHTS,
  PROMO_SURFACE_WEIGHTS, PROMO_SURFACES, SLOT_COST_MULTIPLIER, SLOT_STREAM_EFFECT, SURFACE_EFFECT,
  SURFACES, type SimMechanism,
} from './simulator-mechanism'; // prettier-ignore
import { GENRES, pick, type World } from './simulator-world';
import type { Steps } from './steps';

export interface Impressions {
  readonly n: number;
  readonly source: Uint8Array;
  readonly day: Int32Array;
  readonly user: Int32Array;
  readonly show: Int32Array;
  /** Campaign index, -1 on promotions. */
  readonly campaign: Int32Array;
  /** Codes into SURFACES / DEVICES / FORMATS / SLOTS; -1 = missing. */
  readonly surface: Int32Array;
  readonly device: Int32Array;
  readonly format: Int32Array;
  readonly slot: Int32Array;
  readonly hour: Float64Array;
  /** Days since the promoted episode was published; NaN = missing. */
  readonly episodeAge: Float64Array;
  /** Currency per impression: CPM-like on ads, 0 on promotions. */
  readonly cost: Float64Array;
  /** Logit components in COMPONENTS order, each over rows. */
  readonly components: readonly Float32Array[];
}

const toSurface = (list: readonly string[]) =>
  list.map((s) => SURFACES.indexOf(s as (typeof SURFACES)[number]));
const PROMO_SURFACE_CODES = toSurface(PROMO_SURFACES);
const AD_SURFACE_CODES = toSurface(AD_SURFACES);

/** Rows drawn between two yields: about 50-100 ms on a slow laptop core. */
const ROWS_PER_STAGE = 16_384;

/**
 * Draws cfg.days * cfg.impressionsPerDay impressions, ordered by day, yielding before every
 * ROWS_PER_STAGE rows (fractions over the rows drawn). The draws do not depend on the stages.
 */
export function* drawImpressions(cfg: SimConfig, m: SimMechanism, w: World, rng: Rng): Steps<Impressions> {
  const n = cfg.days * cfg.impressionsPerDay;
  const D = w.dim;
  const G = GENRES.length;
  const source = new Uint8Array(n);
  const day = new Int32Array(n);
  const user = new Int32Array(n);
  const show = new Int32Array(n);
  const campaign = new Int32Array(n).fill(-1);
  const surface = new Int32Array(n);
  const device = new Int32Array(n);
  const format = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n).fill(-1);
  const hour = new Float64Array(n);
  const episodeAge = new Float64Array(n);
  const cost = new Float64Array(n);
  const components = COMPONENTS.map(() => new Float32Array(n));
  const [cAff, cAct, cPop, cQual, cDemo, cCtx, cDev, cCre, cFmt, cFmtClick] = components;

  const pickUser = weightedSampler(Array.from(w.uAct, (a) => Math.exp(m.userActivityExposure * a)));
  const pickPromoShow = weightedSampler(Array.from(w.sStreams, (s) => (s + 1) ** m.promoPopularityExponent));
  // Ads: split campaigns into head (tiers 0-2) and long-tail (tiers 3-7) advertisers, pick the
  // side by longTailAdShare, then a campaign by its spend within that side.
  const headSpend = Array.from(w.cSpend, (sp, c) => (w.sTier[w.cShow[c]] <= 2 ? sp : 0));
  const tailSpend = Array.from(w.cSpend, (sp, c) => (w.sTier[w.cShow[c]] >= 3 ? sp : 0));
  const hasHead = headSpend.some((x) => x > 0);
  const hasTail = tailSpend.some((x) => x > 0);
  const pickHead = hasHead ? weightedSampler(headSpend) : null;
  const pickTail = hasTail ? weightedSampler(tailSpend) : null;
  const pickHour = weightedSampler(HOUR_WEIGHTS);
  const invSqrtD = 1 / Math.sqrt(D);

  for (let i = 0; i < n; i++) {
    day[i] = Math.floor(i / cfg.impressionsPerDay);
    if (i % ROWS_PER_STAGE === 0)
      yield { message: `simulating impressions: day ${day[i] + 1} of ${cfg.days}`, fraction: i / n };
    const isAd = rng.nextFloat() < cfg.adShare;
    source[i] = isAd ? 1 : 0;
    const u = pickUser(rng);
    user[i] = u;
    let s: number;
    if (isAd) {
      const tail = pickTail !== null && (pickHead === null || rng.nextFloat() < cfg.longTailAdShare);
      const c = tail ? pickTail!(rng) : pickHead!(rng);
      campaign[i] = c;
      s = w.cShow[c];
      const f = w.cFormat[c];
      format[i] = f;
      const slots = FORMAT_SLOTS[f];
      const sl = slots[rng.nextInt(slots.length)];
      slot[i] = sl;
      // CPM / 1000 per impression, +-25% lognormal noise (auction prices), rounded to 1e-6.
      const price = (FORMAT_CPM[f] * SLOT_COST_MULTIPLIER[sl] * Math.exp(0.25 * rng.normal())) / 1000;
      cost[i] = Math.round(price * 1e6) / 1e6;
      cCre[i] = w.cQuality[c];
      cFmt[i] = FORMAT_STREAM_EFFECT[f] + SLOT_STREAM_EFFECT[sl];
      cFmtClick[i] = FORMAT_CLICK_EFFECT[f];
      surface[i] = AD_SURFACE_CODES[pick(rng, AD_SURFACE_WEIGHTS)];
    } else {
      s = pickPromoShow(rng);
      surface[i] = PROMO_SURFACE_CODES[pick(rng, PROMO_SURFACE_WEIGHTS)];
    }
    show[i] = s;
    device[i] = pick(rng, DEVICE_WEIGHTS);
    const h = pickHour(rng);
    hour[i] = h;
    const age =
      rng.nextFloat() < m.missingEpisodeAgeShare
        ? Number.NaN
        : Math.floor(-15 * Math.log(1 - rng.nextFloat()));
    episodeAge[i] = age;

    let dot = 0;
    for (let k = 0; k < D; k++) dot += w.uVec[u * D + k] * w.sVec[s * D + k];
    cAff[i] = cfg.affinityStrength * dot * invSqrtD;
    cAct[i] = w.uAct[u];
    cPop[i] = w.sPopZ[s];
    cQual[i] = w.sQuality[s];
    cDemo[i] = w.countryEffect[w.uCountry[u]] + w.ageGenreEffect[w.uAge[u] * G + w.sGenre[s]];
    // Fresh episodes are streamed more: -0.25 per unit of log(1 + age) around a 10-day-old episode.
    const ageEffect = Number.isNaN(age) ? 0 : -0.25 * (Math.log1p(age) - Math.log1p(10));
    cCtx[i] = SURFACE_EFFECT[surface[i]] + eveningEffect(h) + ageEffect;
    cDev[i] = DEVICE_EFFECT[device[i]];
  }
  return {
    n,
    source,
    day,
    user,
    show,
    campaign,
    surface,
    device,
    format,
    slot,
    hour,
    episodeAge,
    cost,
    components,
  };
}
