/**
 * Second-order simulator parameters: the mechanisms' shapes, fixed for plausibility rather than
 * exposed in SimConfig. All effects are additive terms on a logit (log-odds) scale.
 * Documented with ranges in docs/simulator.md; none was tuned to reproduce the paper's numbers.
 */

export interface SimMechanism {
  /** Dimension D of the user and show latent vectors. */
  readonly latentDim: number;
  /** Share rho in [0, 1) of a latent vector's variance that comes from its genre centroid. */
  readonly genreShare: number;
  /** log10(show_streams_30d) ~ N(mean, sd): a lognormal, heavy-tailed popularity. */
  readonly popularityLog10Mean: number;
  readonly popularityLog10Sd: number;
  /** Share of shows that are brand new: popularity z below -mean/sd, so 0 streams (tier 7). */
  readonly newShowShare: number;
  /** Promotions pick show s with probability proportional to (streams_s + 1) ^ this exponent. */
  readonly promoPopularityExponent: number;
  /** Active users see more impressions: user weight = exp(this * activity z). */
  readonly userActivityExposure: number;
  /** Probability that a show runs ad campaigns (1-3 campaigns each). */
  readonly advertiserShare: number;
  /** Sd of the per-show content quality term (on stream, like, follow logits). */
  readonly showQualitySd: number;
  /** Sd of the per-campaign creative quality term (mostly on the click logit). */
  readonly campaignQualitySd: number;
  /** Sd of the per-country and per-(age bucket, genre) demographic terms. */
  readonly demographicSd: number;
  /** Share of users without listening history: listen hours and top genres missing. */
  readonly missingUserFeatureShare: number;
  /** Share of rows whose episode age is missing. */
  readonly missingEpisodeAgeShare: number;
  /** Share of rows where a click/like/follow label is lost at random (logging loss). */
  readonly labelLossShare: number;
}

export const DEFAULT_SIM_MECHANISM: SimMechanism = {
  latentDim: 8,
  genreShare: 0.5,
  popularityLog10Mean: 2.7,
  popularityLog10Sd: 1.1,
  newShowShare: 0.05,
  promoPopularityExponent: 0.8,
  userActivityExposure: 0.8,
  advertiserShare: 0.35,
  showQualitySd: 0.4,
  campaignQualitySd: 0.4,
  demographicSd: 0.2,
  missingUserFeatureShare: 0.06,
  missingEpisodeAgeShare: 0.03,
  labelLossShare: 0.01,
};

/** Outcomes with a logit: stream, click, like, follow (LABELS order). */
export const OUTCOMES = 4;

/**
 * Per-row logit components, each a Float32Array over rows; an outcome's logit is
 * base + sum_c WEIGHTS[outcome][c] * component_c + SOURCE_EFFECT[outcome] * isAd.
 */
export const COMPONENTS = [
  'affinity', // affinityStrength * (u . v) / sqrt(D): the shared latent user-show affinity
  'activity', // user activity z
  'popularity', // show popularity z (standardised log streams)
  'quality', // show content quality
  'demographic', // country + (age bucket x genre) terms
  'context', // surface + hour + episode-age terms
  'device', // device term
  'creative', // campaign quality (0 on promotions)
  'format', // format + slot effect on streaming (0 on promotions)
  'formatClick', // format effect on clicking (0 on promotions)
] as const;

/** WEIGHTS[outcome][component], rows in LABELS order (stream, click, like, follow). */
export const WEIGHTS: readonly (readonly number[])[] = [
  [1.0, 0.3, 0.25, 1.0, 1.0, 1.0, 1.0, 0.3, 1.0, 0.0], // stream
  [0.7, 0.2, 0.1, 0.3, 0.5, 0.5, 0.5, 1.0, 0.0, 1.0], // click: driven by the creative
  [0.9, 0.2, 0.1, 1.2, 0.5, 0.3, 0.3, 0.2, 0.0, 0.0], // like: driven by content quality
  [1.0, 0.4, -0.1, 1.0, 0.5, 0.3, 0.3, 0.2, 0.0, 0.0], // follow: loyal, active users
];

/**
 * Source effect on the click, like, follow logits for ad rows (promo = 0). The stream logit has
 * no fixed source effect: its base is calibrated per source (promoStream vs adStream rates).
 */
export const AD_SOURCE_EFFECT = [0, 0.3, -0.5, -0.3];

export const PROMO_SURFACES = ['home', 'search', 'now_playing', 'browse'] as const;
export const PROMO_SURFACE_WEIGHTS = [0.45, 0.15, 0.25, 0.15];
export const AD_SURFACES = ['home', 'now_playing', 'in_episode', 'browse'] as const;
export const AD_SURFACE_WEIGHTS = [0.3, 0.2, 0.4, 0.1];
/** All surfaces (the column's dictionary) and their effect on engagement logits. */
export const SURFACES = ['home', 'search', 'now_playing', 'browse', 'in_episode'] as const;
export const SURFACE_EFFECT = [0, 0.5, 0.2, -0.1, -0.3];

export const DEVICES = ['mobile', 'desktop', 'tablet', 'smart_speaker'] as const;
export const DEVICE_WEIGHTS = [0.7, 0.15, 0.08, 0.07];
export const DEVICE_EFFECT = [0, -0.2, 0, -0.4];
/** Index of the device with no screen: clicks are not observable there. */
export const SPEAKER_DEVICE = 3;

/** Slots (the column's dictionary) and which slots each format (FORMATS order) can fill. */
export const SLOTS = ['pre_roll', 'mid_roll', 'feed', 'sidebar'] as const;
export const FORMAT_SLOTS: readonly (readonly number[])[] = [[0, 1], [0, 2], [2, 3], [2]];
/** Format effects (FORMATS order: audio, video, banner, card) on the stream and click logits. */
export const FORMAT_STREAM_EFFECT = [-0.2, 0.2, -0.3, 0];
export const FORMAT_CLICK_EFFECT = [-1.0, 0.2, 0, 0.3];
export const SLOT_STREAM_EFFECT = [0, 0.1, 0, -0.3];
/** Cost model: CPM (currency per 1000 impressions) by format, times a slot multiplier. */
export const FORMAT_CPM = [12, 20, 4, 6];
export const SLOT_COST_MULTIPLIER = [1.2, 1.0, 0.8, 0.6];
/** Index of the audio format: like/follow are not observable on audio ads (no on-screen card). */
export const AUDIO_FORMAT = 0;

/** Relative impression volume by hour of day 0..23 (night low, evening peak). */
export const HOUR_WEIGHTS = Array.from(
  { length: 24 },
  (_, h) => 1 + 0.8 * Math.sin(((h - 10) / 24) * 2 * Math.PI) + (h >= 18 && h <= 22 ? 0.5 : 0),
);
/** Evening (18-23h) listeners stream a little more. */
export const eveningEffect = (h: number): number => (h >= 18 ? 0.15 : 0);
