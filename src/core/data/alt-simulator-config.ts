/** Knobs of the second impression generator (alt-simulator.ts; docs/simulator.md). */
export interface AltSimConfig {
  readonly users: number;
  readonly shows: number;
  /** Days 0..days-1; day 0 is a Monday (context_weekday). */
  readonly days: number;
  /** Rows per day (exactly). */
  readonly impressionsPerDay: number;
  /** Mean probability that an impression is an ad; it drifts over the days by adShareDrift. */
  readonly adShare: number;
  /**
   * Recorded label rates: mean stream label over promotion rows and over ad rows, mean click and
   * like over all rows, and mean follow over the rows where follow is observed (streamed rows).
   */
  readonly rates: {
    readonly promoStream: number;
    readonly adStream: number;
    readonly click: number;
    readonly like: number;
    readonly follow: number;
  };
  /** Latent user taste clusters and show clusters (the taste table is users x shows clusters). */
  readonly userClusters: number;
  readonly showClusters: number;
  /** Back-catalogue show_streams_30d ~ 2.5e6 * rank^-zipfExponent (times lognormal noise). */
  readonly zipfExponent: number;
  /**
   * How much the ad channel shares with promotions, in [0, 1]: the share of taste-table cells the
   * ad table keeps, and the correlation of a user's ad and promo receptivity.
   */
  readonly channelShare: number;
  /** Share of shows that launch inside the window (on day 1..days-1). */
  readonly launchShare: number;
  /** Ad fatigue: the ad stream logit falls linearly by this much from the first to the last day. */
  readonly adFatigue: number;
  /** The ad share moves linearly from adShare (1 - drift/2) on day 0 to adShare (1 + drift/2). */
  readonly adShareDrift: number;
  /** Share of ad impressions delivered to users targeted by taste (the rest untargeted). */
  readonly targetingShare: number;
  /** Logging noise on stream: a real stream lost, and a recorded stream that was not real. */
  readonly streamLossShare: number;
  readonly accidentalStreamRate: number;
}
