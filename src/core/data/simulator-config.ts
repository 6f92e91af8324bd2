/** Knobs of the impression simulator (see docs/simulator.md for the mechanisms). */
export interface SimConfig {
  readonly users: number;
  readonly shows: number;
  readonly days: number;
  readonly impressionsPerDay: number;
  /** Fraction of impressions that are ads (the rest are promotions). */
  readonly adShare: number;
  /** Target marginal rates of the labels (probabilities per impression). */
  readonly baseRates: {
    readonly promoStream: number;
    readonly adStream: number;
    readonly click: number;
    readonly like: number;
    readonly follow: number;
  };
  /** Fraction of ad impressions that go to long-tail shows (tiers 3-7). */
  readonly longTailAdShare: number;
  /** Scale of the latent user-show affinity in every outcome's logit (0 = no personal signal). */
  readonly affinityStrength: number;
}
