/**
 * The simulator's fixed world: vocabularies, users, shows and ad campaigns, drawn once per seed.
 * Formulas are in docs/simulator.md; the per-impression draws live in simulator-impressions.ts.
 */
import type { Rng } from './rng';
import type { SimMechanism } from './simulator-mechanism';
import { tierFromShowStreams } from './tiers';

export const GENRES = [
  'news', 'comedy', 'true_crime', 'sports', 'business', 'technology',
  'health', 'history', 'music', 'society', 'kids', 'science',
] as const; // prettier-ignore
/** Topics per genre: topic t belongs to genre floor(t / TOPICS_PER_GENRE). */
export const TOPICS_PER_GENRE = 3;
export const TOPICS: readonly string[] = GENRES.flatMap((g) => [
  `${g}_daily`,
  `${g}_interviews`,
  `${g}_deep_dive`,
]);
export const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'MX', 'SE', 'IN', 'JP', 'AU'] as const;
const COUNTRY_WEIGHTS = [0.3, 0.1, 0.1, 0.08, 0.1, 0.08, 0.04, 0.1, 0.05, 0.05];
export const AGE_BUCKETS = ['18-24', '25-34', '35-44', '45-54', '55+'] as const;
const AGE_WEIGHTS = [0.25, 0.3, 0.2, 0.15, 0.1];
export const FORMATS = ['audio', 'video', 'banner', 'card'] as const;
const FORMAT_WEIGHTS = [0.45, 0.2, 0.2, 0.15];

/** Index drawn from a small categorical distribution (linear scan; weights sum to ~1). */
export function pick(rng: Rng, weights: readonly number[]): number {
  let u = rng.nextFloat() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length - 1; i++) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
}

export interface World {
  readonly dim: number;
  /** Users: latent vectors (users x dim), activity z, country and age codes. */
  readonly uVec: Float32Array;
  readonly uAct: Float32Array;
  readonly uCountry: Int32Array;
  readonly uAge: Int32Array;
  /** Observed listening hours over 30 days; NaN = missing. */
  readonly uListen: Float64Array;
  /** Observed top genres in CSR layout (genre codes); empty = missing. */
  readonly uTopOff: Int32Array;
  readonly uTopCodes: Int32Array;
  /** Shows: latent vectors, genre, topics (CSR), streams over 30 days, tier, popularity z, quality. */
  readonly sVec: Float32Array;
  readonly sGenre: Int32Array;
  readonly sTopOff: Int32Array;
  readonly sTopCodes: Int32Array;
  readonly sStreams: Float64Array;
  readonly sTier: Int8Array;
  readonly sPopZ: Float32Array;
  readonly sQuality: Float32Array;
  /** Campaigns: advertised show, format code, quality, spend weight. */
  readonly cShow: Int32Array;
  readonly cFormat: Int32Array;
  readonly cQuality: Float32Array;
  readonly cSpend: Float64Array;
  /** Demographic effects: per country, and per (age bucket, genre) as age * GENRES.length + genre. */
  readonly countryEffect: Float32Array;
  readonly ageGenreEffect: Float32Array;
}

/** Draws the world for `users` users and `shows` shows (see docs/simulator.md, "World"). */
export function makeWorld(users: number, shows: number, m: SimMechanism, rng: Rng): World {
  const D = m.latentDim;
  const G = GENRES.length;
  // Genre centroids C_g ~ N(0, I_D) and topic directions T_t ~ N(0, I_D).
  const centroid = Float32Array.from({ length: G * D }, () => rng.normal());
  const topicDir = Float32Array.from({ length: TOPICS.length * D }, () => rng.normal());
  const genreWeights = GENRES.map((_, g) => 1 / (g + 1) ** 0.6); // a few big genres, a long tail
  const rho = m.genreShare;

  const uVec = new Float32Array(users * D);
  const uAct = new Float32Array(users);
  const uCountry = new Int32Array(users);
  const uAge = new Int32Array(users);
  const uListen = new Float64Array(users);
  const uTopOff = new Int32Array(users + 1);
  const top: number[] = [];
  for (let u = 0; u < users; u++) {
    const p1 = pick(rng, genreWeights);
    let p2 = pick(rng, genreWeights);
    if (p2 === p1) p2 = (p1 + 1 + rng.nextInt(G - 1)) % G;
    // u = sqrt(rho) (0.8 C_p1 + 0.6 C_p2) + sqrt(1 - rho) eps: unit variance per coordinate.
    for (let k = 0; k < D; k++) {
      const c = 0.8 * centroid[p1 * D + k] + 0.6 * centroid[p2 * D + k];
      uVec[u * D + k] = Math.sqrt(rho) * c + Math.sqrt(1 - rho) * rng.normal();
    }
    const act = rng.normal();
    uAct[u] = act;
    uCountry[u] = pick(rng, COUNTRY_WEIGHTS);
    uAge[u] = pick(rng, AGE_WEIGHTS);
    // Listening hours ~ lognormal, tied to activity so the column carries its signal.
    uListen[u] =
      rng.nextFloat() < m.missingUserFeatureShare
        ? Number.NaN
        : Math.round(Math.exp(2.3 + 0.8 * act + 0.4 * rng.normal()) * 10) / 10;
    // Top genres are a noisy view of the true preferences; users without history have none.
    if (rng.nextFloat() >= m.missingUserFeatureShare) {
      const before = top.length;
      if (rng.nextFloat() < 0.85) top.push(p1);
      if (rng.nextFloat() < 0.65) top.push(p2);
      if (rng.nextFloat() < 0.3) {
        const extra = rng.nextInt(G);
        if (!top.slice(before).includes(extra)) top.push(extra);
      }
    }
    uTopOff[u + 1] = top.length;
  }

  const sVec = new Float32Array(shows * D);
  const sGenre = new Int32Array(shows);
  const sTopOff = new Int32Array(shows + 1);
  const topics: number[] = [];
  const sStreams = new Float64Array(shows);
  const sTier = new Int8Array(shows);
  const sPopZ = new Float32Array(shows);
  const sQuality = new Float32Array(shows);
  const wg = Math.sqrt(rho);
  const wt = Math.sqrt((1 - rho) / 2);
  const we = Math.sqrt((1 - rho) / 2);
  for (let s = 0; s < shows; s++) {
    const g = pick(rng, genreWeights);
    sGenre[s] = g;
    const nt = 1 + rng.nextInt(2);
    const t0 = g * TOPICS_PER_GENRE + rng.nextInt(TOPICS_PER_GENRE);
    topics.push(t0);
    if (nt === 2) {
      // Second topic usually from the same genre, sometimes from anywhere (cross-genre shows).
      const t1 =
        rng.nextFloat() < 0.7
          ? g * TOPICS_PER_GENRE + rng.nextInt(TOPICS_PER_GENRE)
          : rng.nextInt(TOPICS.length);
      if (t1 !== t0) topics.push(t1);
    }
    sTopOff[s + 1] = topics.length;
    const nTop = sTopOff[s + 1] - sTopOff[s];
    // v = sqrt(rho) C_g + sqrt((1-rho)/2) mean-topic * sqrt(nTop) + sqrt((1-rho)/2) eps.
    for (let k = 0; k < D; k++) {
      let t = 0;
      for (let j = sTopOff[s]; j < sTopOff[s + 1]; j++) t += topicDir[topics[j] * D + k];
      sVec[s * D + k] = wg * centroid[g * D + k] + (wt * t) / Math.sqrt(nTop) + we * rng.normal();
    }
    // New shows (cold start) sit below 10^0, so they have 0 streams: tier 7.
    const z =
      rng.nextFloat() < m.newShowShare
        ? -m.popularityLog10Mean / m.popularityLog10Sd - Math.abs(rng.normal())
        : rng.normal();
    sPopZ[s] = z;
    // Heavy-tailed popularity: log10(streams) ~ N(mu, sigma).
    sStreams[s] = Math.floor(10 ** (m.popularityLog10Mean + m.popularityLog10Sd * z));
    // Tiers by the project's fixed thresholds, so the given tier equals the derived one.
    sTier[s] = tierFromShowStreams(sStreams[s]);
    sQuality[s] = m.showQualitySd * rng.normal();
  }

  const cShow: number[] = [];
  const cFormat: number[] = [];
  const cQuality: number[] = [];
  const cSpend: number[] = [];
  for (let s = 0; s < shows; s++) {
    if (rng.nextFloat() >= m.advertiserShare) continue;
    const k = 1 + rng.nextInt(3);
    for (let j = 0; j < k; j++) {
      cShow.push(s);
      cFormat.push(pick(rng, FORMAT_WEIGHTS));
      cQuality.push(m.campaignQualitySd * rng.normal());
      cSpend.push(Math.exp(rng.normal())); // lognormal budgets, independent of popularity
    }
  }
  if (cShow.length === 0) {
    // Tiny worlds: guarantee at least one campaign so ad impressions can exist.
    cShow.push(rng.nextInt(shows));
    cFormat.push(0);
    cQuality.push(0);
    cSpend.push(1);
  }

  const countryEffect = Float32Array.from(COUNTRIES, () => m.demographicSd * rng.normal());
  const ageGenreEffect = Float32Array.from(
    { length: AGE_BUCKETS.length * G },
    () => m.demographicSd * rng.normal(),
  );
  return {
    dim: D, uVec, uAct, uCountry, uAge, uListen, uTopOff, uTopCodes: Int32Array.from(top),
    sVec, sGenre, sTopOff, sTopCodes: Int32Array.from(topics), sStreams, sTier, sPopZ, sQuality,
    cShow: Int32Array.from(cShow), cFormat: Int32Array.from(cFormat),
    cQuality: Float32Array.from(cQuality), cSpend: Float64Array.from(cSpend),
    countryEffect, ageGenreEffect,
  }; // prettier-ignore
}
